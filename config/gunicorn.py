"""Gunicorn, the production application server (make serve, deploy/inburgering.service).

Workers: WEB_CONCURRENCY, default 2 x cores + 1 (gunicorn's own advice for a synchronous
worker that waits on the database); each worker runs GUNICORN_THREADS threads (default 2),
so a slow report does not hold up a short request. Every request is logged as one JSON line
on stdout."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))  # the largest import takes about a minute
graceful_timeout = 30
max_requests = 2000  # a worker is replaced now and then, so memory cannot creep
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
access_log_format = (
    '{"tijd": "%(t)s", "adres": "%(h)s", "methode": "%(m)s", "pad": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duur_ms": %(M)s, "agent": "%(a)s"}'
)

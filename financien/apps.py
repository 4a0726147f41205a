from django.apps import AppConfig


class FinancienConfig(AppConfig):
    """Where the money comes from: the funding streams (financieringsbronnen) a budget and a
    contract line are paid from, with the ledger codes finance books them on (issue 25). Low
    in the house: procurement and the reports refer to a stream."""

    name = "financien"
    verbose_name = "Financiën"

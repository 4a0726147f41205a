from django.contrib.auth.forms import AuthenticationForm


class InlogForm(AuthenticationForm):
    """Django's login form; too many failures lock the user name out on this address
    (django-axes, kern/inloggen.py), on this path as on every other login path."""

"""One normalisation for every text a person or a system sends in, on every path (web forms
and the admin, the API, uploaded files): Unicode NFKC (full-width and compatibility forms
become plain letters and digits), zero-width, direction and other invisible characters
removed, control characters removed; and only then is "required" checked, so a reason of
only a zero-width space is no reason. Passwords (fields that keep their whitespace) are left
as typed."""

import re
import unicodedata

# Invisible characters, and Unicode's noncharacters (U+FFFE and U+FFFF break an XLSX).
_ONZICHTBAAR = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff]"
)
# Tab, newline and carriage return stay: free text has lines.
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normaliseer(tekst: str) -> str:
    if not tekst.isascii():
        tekst = _ONZICHTBAAR.sub("", unicodedata.normalize("NFKC", tekst))
    return _STUURTEKENS.sub("", tekst)


def installeer() -> None:
    """Django's and DRF's text fields normalise before they strip and check: called once
    from KernConfig.ready(), so no form or serializer can forget it."""
    from django import forms
    from rest_framework import fields

    if getattr(forms.CharField.to_python, "genormaliseerd", False):
        return
    vorm_naar_python = forms.CharField.to_python
    drf_validatie = fields.CharField.run_validation

    def to_python(self, value):
        if self.strip and isinstance(value, str):
            value = normaliseer(value)
        return vorm_naar_python(self, value)

    def run_validation(self, data=fields.empty):
        if self.trim_whitespace and isinstance(data, str):
            data = normaliseer(data)
        return drf_validatie(self, data)

    to_python.genormaliseerd = True
    forms.CharField.to_python = to_python
    fields.CharField.run_validation = run_validation

"""JSON that cannot take the server down: nesting is bounded, and text must be valid
Unicode (a lone surrogate cannot be stored or written back)."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DIEPTE = 20


def _controleer(waarde, diepte=0):
    if diepte > MAX_DIEPTE:
        raise ParseError(f"De JSON is dieper genest dan {MAX_DIEPTE} niveaus.")
    if isinstance(waarde, dict):
        for sleutel, inhoud in waarde.items():
            _controleer(sleutel, diepte + 1)
            _controleer(inhoud, diepte + 1)
    elif isinstance(waarde, list):
        for inhoud in waarde:
            _controleer(inhoud, diepte + 1)
    elif isinstance(waarde, str):
        try:
            waarde.encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("De JSON bevat tekens die geen geldige Unicode zijn.") from None
        if "\x00" in waarde:
            raise ParseError("De JSON bevat een NUL-teken.")


class VeiligeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"De JSON is dieper genest dan {MAX_DIEPTE} niveaus.") from None
        _controleer(data)
        return data

"""The error answers every operation can give, added to the OpenAPI schema in one place
(drf-spectacular postprocessing hook), so a client and schemathesis know them."""

from drf_spectacular.types import OpenApiTypes

from kern.excel import XLSX_TYPE

FOUT = {
    "type": "object",
    "description": "Een foutmelding: `detail`, of per veld een lijst meldingen "
    "(`non_field_errors` voor het geheel).",
    "additionalProperties": True,
}
OMSCHRIJVING = {
    "400": "De invoer is onjuist; per veld staat erbij wat.",
    "401": "Niet ingelogd of het token is verlopen.",
    "403": "Niet ingelogd, of deze rol mag dit niet.",
    "404": "Niet gevonden of niet zichtbaar voor deze gebruiker, of een pagina na de laatste.",
    "409": "Botst met de stand van het register (capaciteit, plafond, gekoppelde gegevens).",
    "413": "Het bestand of verzoek is te groot.",
    "415": "Dit inhoudstype neemt de operatie niet aan.",
    "429": "Te veel verzoeken; probeer het later opnieuw.",
}
SCHRIJVEN = {"post", "put", "patch", "delete"}
# A download as XLSX or CSV, as the export actions answer it.
BESTAND = {
    (200, XLSX_TYPE): OpenApiTypes.BINARY,
    (200, "text/csv"): OpenApiTypes.BINARY,
}


def foutantwoorden(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = FOUT
    # The whole client also satisfies the provider's few fields: either, not exactly one.
    for naam, schema in schemas.items():
        if naam.endswith("OfBeperkt") and "oneOf" in schema:
            schema["anyOf"] = schema.pop("oneOf")
    verwijzing = {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}
    for pad in result.get("paths", {}).values():
        for methode, operatie in pad.items():
            if methode not in SCHRIJVEN | {"get"}:
                continue
            codes = ["400", "401", "403", "404", "429"]
            if methode in SCHRIJVEN:
                codes += ["409", "413", "415"]
            antwoorden = operatie.setdefault("responses", {})
            for code in codes:
                antwoorden.setdefault(
                    code, {"description": OMSCHRIJVING[code], "content": verwijzing}
                )
    return result

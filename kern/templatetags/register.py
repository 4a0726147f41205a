"""Template helpers: money, percentages, sort links, query strings, SVG bar charts and the
components every page shares (the scrollable table, the error summary)."""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

from kern.eenheden import EENHEDEN, cel, toon
from kern.formaten import euro as euro_tekst

register = template.Library()


@register.filter
def euro(bedrag):
    return euro_tekst(bedrag)


@register.filter
def kolomnaam(naam):
    """'uren_aangeboden' -> 'Uren aangeboden': a file's technical column name for people."""
    return str(naam or "").replace("_", " ").capitalize()


@register.filter
def isodatum(tekst):
    """'2026-06-30' (as the reports carry dates) -> '30-06-2026'."""
    try:
        return dt.date.fromisoformat(str(tekst)).strftime("%d-%m-%Y")
    except ValueError:
        return tekst


@register.filter
def jaartal(waarde):
    """A year as people write it: 2026, never the number 2.026."""
    return "–" if waarde in (None, "") else str(waarde)


@register.filter
def procent(waarde):
    return "–" if waarde is None else f"{number_format(waarde, 1)} %"


@register.filter
def getal(waarde):
    if waarde is None:
        return "–"
    if isinstance(waarde, Decimal):
        return number_format(waarde, 2, force_grouping=True)
    if isinstance(waarde, float):
        return number_format(waarde, 1, force_grouping=True)
    return number_format(waarde, force_grouping=True)


@register.simple_tag(takes_context=True)
def query(context, **wijzigingen):
    """The current query string with some parameters changed (and the page reset)."""
    params = context["request"].GET.copy()
    params.pop("pagina", None)
    for sleutel, waarde in wijzigingen.items():
        if waarde is None:
            params.pop(sleutel, None)
        else:
            params[sleutel] = waarde
    tekst = params.urlencode()
    return f"?{tekst}" if tekst else "?"


@register.inclusion_tag("kern/_sorteerkop.html", takes_context=True)
def sorteerkop(context, veld: str, titel: str):
    huidig = context["request"].GET.get("sortering", context.get("standaard_sortering", ""))
    oplopend = huidig == veld
    aflopend = huidig == f"-{veld}"
    return {
        "titel": titel,
        "url": query(context, sortering=f"-{veld}" if oplopend else veld),
        "aria": "ascending" if oplopend else "descending" if aflopend else "none",
        "pijl": "▲" if oplopend else "▼" if aflopend else "",
    }


def _kort(tekst: str, lengte: int) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


@register.inclusion_tag("kern/_staafdiagram.html")
def staafdiagram(
    rijen,
    label: str,
    waarde: str,
    titel: str,
    tabel_id: str = "",
    referentie: str = "",
    eenheid: str = "",
    uitleg: str = "",
):
    """Horizontal bars as inline SVG; the table beside it is the text alternative. An
    optional `referentie` column draws a thin mark per bar (e.g. contracted places). The
    value is written in its unit: a kern.eenheden unit (euro, procent, ...) or a suffix."""
    rijen = [r for r in rijen if r.get(waarde) is not None and float(r[waarde]) >= 0]
    hoogste = max(
        [float(r[waarde]) for r in rijen] + [float(r.get(referentie) or 0) for r in rijen] + [1]
    )
    breedte_label, breedte_balk, hoogte = 250, 300, 26
    staven = []
    for i, r in enumerate(rijen):
        w = float(r[waarde])
        ref = r.get(referentie) if referentie else None
        staven.append(
            {
                "y": i * hoogte + 6,
                "tekst_y": i * hoogte + 22,
                "label": _kort(str(r.get(label)), 34),
                "volledig": str(r.get(label)),
                "breedte": round(breedte_balk * w / hoogste, 1),
                "waarde": toon(r[waarde], eenheid)
                if eenheid in EENHEDEN
                else getal(r[waarde]) + eenheid,
                "waarde_x": breedte_label + round(breedte_balk * w / hoogste, 1) + 6,
                "ref_x": None
                if ref is None
                else breedte_label + round(breedte_balk * float(ref) / hoogste, 1),
                "signaal": bool(r.get("signaal")),
            }
        )
    return {
        "staven": staven,
        "titel": titel,
        "tabel_id": tabel_id,
        "hoogte": len(staven) * hoogte + 12,
        "breedte": breedte_label + breedte_balk + 130,
        "x0": breedte_label,
        "referentie": referentie,
        "uitleg": uitleg or ("Balk: aantal; streep: ter vergelijking." if referentie else ""),
    }


@register.simple_tag
def rapportcel(rij: dict, kolom: dict):
    """A report cell in its unit (kern.eenheden)."""
    return cel(rij, kolom)


@register.simple_block_tag
def tabel(content, label="Tabel, horizontaal te scrollen", labelledby="", id=""):
    """A table inside a region that scrolls sideways on a narrow screen and can be reached and
    scrolled by keyboard (WCAG 1.4.10 reflow, 2.1.1 keyboard); named by `label` or by the id of
    its heading (`labelledby`)."""
    if labelledby:
        naam = format_html('aria-labelledby="{}"', labelledby)
    else:
        naam = format_html('aria-label="{}"', label)
    tabel_id = format_html(' id="{}"', id) if id else ""
    return format_html(
        '<div class="tabel-houder" tabindex="0" role="region" {}><table{}>{}</table></div>',
        naam,
        tabel_id,
        content,
    )


@register.filter
def formulierfouten(form) -> list[dict]:
    """A form's errors for the error summary: the form's own first, then each field's with a
    link to the field."""
    fouten = [{"melding": melding} for melding in form.non_field_errors()]
    for veld in form.visible_fields():
        fouten += [
            {"href": f"#{veld.id_for_label}", "label": veld.label, "melding": melding}
            for melding in veld.errors
        ]
    return fouten

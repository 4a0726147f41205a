from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q

MAX_TERMEN = 8


class ZoekFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text `q` over the fields named in `zoekvelden`."""

    zoekvelden: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="zoek", label="Zoeken", max_length=200)

    def zoek(self, queryset, name, value):
        # A few words are a search; two thousand are a denial of service.
        termen = value.split()[:MAX_TERMEN]
        for term in termen:
            queryset = queryset.filter(zoekvoorwaarde(queryset.model, self.zoekvelden, term))
        return queryset


def zoekvoorwaarde(model, velden, term: str) -> Q:
    """`term` in any of `velden`, as one condition per related table: its own columns
    directly, another table's as `relation IN (rows of that table that match)`. One OR over
    columns of several joined tables cannot use an index; per table it can (trigram indexes
    on PostgreSQL, see kern/migrations), and the list is not joined row by row to search."""
    per_pad: dict[str, list[str]] = {}
    for veld in velden:
        pad, _, kolom = veld.rpartition("__")
        per_pad.setdefault(pad, []).append(kolom)
    delen = []
    for pad, kolommen in per_pad.items():
        eigen = reduce(or_, (Q(**{f"{k}__icontains": term}) for k in kolommen))
        if not pad:
            delen.append(eigen)
            continue
        doel = model
        for deel in pad.split("__"):
            doel = doel._meta.get_field(deel).related_model
        delen.append(Q(**{f"{pad}__in": doel._default_manager.filter(eigen).values("pk")}))
    return reduce(or_, delen)

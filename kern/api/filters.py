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
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{veld}__icontains": term}) for veld in self.zoekvelden))
            )
        return queryset

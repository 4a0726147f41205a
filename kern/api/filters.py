from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q


class ZoekFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text `q` over the fields named in `zoekvelden`."""

    zoekvelden: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="zoek", label="Zoeken")

    def zoek(self, queryset, name, value):
        termen = value.split()
        for term in termen:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{veld}__icontains": term}) for veld in self.zoekvelden))
            )
        return queryset

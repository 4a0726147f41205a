import datetime as dt

import factory
from factory.django import DjangoModelFactory

from aanbod.models import Aanbieder, AanbiederGebruiker, Leerroute, Traject


def leerroute(code: str) -> Leerroute:
    return Leerroute.objects.get(code=code)


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder

    naam = factory.Sequence(lambda n: f"Aanbieder {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    soort = Aanbieder.Soort.REINTEGRATIE
    keurmerk_status = Aanbieder.KeurmerkStatus.GELDIG
    keurmerk_geldig_tot = dt.date(2030, 12, 31)


class TrajectFactory(DjangoModelFactory):
    class Meta:
        model = Traject
        skip_postgeneration_save = True

    aanbieder = factory.SubFactory(AanbiederFactory)
    code = factory.Sequence(lambda n: f"TR-{n:04d}")
    naam = factory.Sequence(lambda n: f"Traject {n}")
    soort = Traject.Soort.WERKFIT
    duur_weken = 12

    @factory.post_generation
    def routes(self, create, extracted, **kwargs):
        codes = ["b1"] if extracted is None else extracted
        self.leerroutes.set(Leerroute.objects.filter(code__in=codes))


def koppel_aanbieder(user, aanbieder):
    AanbiederGebruiker.objects.create(gebruiker=user, aanbieder=aanbieder)
    return user

"""The funding streams of the inburgering offer.

Gemeenten pay the inburgeringsvoorzieningen (the leerroutes, MAP, PVT, maatschappelijke
begeleiding, tolken) from the specific grant SPUK Wi2021, accounted for in SiSa, and the
execution (brede intake, PIP, ontzorgen, procurement) from the algemene uitkering of the
gemeentefonds (Divosa, *Wet inburgering in vraag en antwoord* §2 Financiën, "Welke middelen
kunnen worden onderscheiden?"; the amounts per person in the Regeling inburgering 2021).
Besides these a gemeente uses the participatiebudget, ESF+ and its own funds."""

from django.db import models

from kern.models import RegisterModel


class Financieringsbron(RegisterModel):
    code = models.SlugField(
        max_length=30,
        unique=True,
        error_messages={"unique": "Er is al een financieringsbron met deze code."},
    )
    naam = models.CharField(max_length=120)
    grootboekrekening = models.CharField(
        max_length=20, blank=True, help_text="De rekening waarop de financiële administratie boekt."
    )
    kostenplaats = models.CharField(max_length=20, blank=True)
    sisa = models.BooleanField(
        "verantwoording in SiSa",
        default=False,
        help_text="Een specifieke uitkering die de gemeente in SiSa verantwoordt (bijv. de "
        "SPUK Wi2021).",
    )
    actief = models.BooleanField(default=True, help_text="Uit: niet meer te kiezen, wel te zien.")
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "financieringsbron"
        verbose_name_plural = "financieringsbronnen"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam

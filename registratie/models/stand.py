"""What an enrolment's progress reports add up to, kept beside them (registratie.voortgang-
stand), so the reports that read the whole history (voortgang, contracten) read one row per
enrolment instead of every report."""

from django.db import models

from registratie.models.inschrijving import Inschrijving

UREN = {"max_digits": 12, "decimal_places": 2}


class Rapportagestand(models.Model):
    """One enrolment's reports together: how many, the last peildatum, the first and the
    latest participatieladder step and language level (as day number x 10 + step or level,
    so MIN and MAX find them; registratie.voortgangstand), and the hours added up. Derived:
    rewritten from the reports, never edited."""

    inschrijving = models.OneToOneField(
        Inschrijving, on_delete=models.CASCADE, primary_key=True, related_name="stand"
    )
    aantal = models.PositiveIntegerField()
    laatste = models.DateField()
    trede_eerst = models.IntegerField(null=True)
    trede_laatst = models.IntegerField(null=True)
    taal_eerst = models.IntegerField(null=True)
    taal_laatst = models.IntegerField(null=True)
    uren_aangeboden = models.DecimalField(**UREN)
    uren_gevolgd = models.DecimalField(**UREN)
    verzuim_geoorloofd = models.DecimalField(**UREN)
    verzuim_ongeoorloofd = models.DecimalField(**UREN)

    class Meta:
        # A report at a past peildatum looks up the enrolments with a later report.
        indexes = [models.Index(fields=["laatste"])]
        verbose_name = "stand van de rapportages"
        verbose_name_plural = "standen van de rapportages"

    def __str__(self):
        return f"{self.inschrijving_id}: {self.aantal}"


class StandVerouderd(models.Model):
    """An enrolment whose reports a bulk upload changed since its Rapportagestand was
    written: the reports count it from its reports until the daily step writes it anew."""

    inschrijving = models.OneToOneField(
        Inschrijving, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    class Meta:
        verbose_name = "verouderde stand"
        verbose_name_plural = "verouderde standen"

    def __str__(self):
        return str(self.inschrijving_id)

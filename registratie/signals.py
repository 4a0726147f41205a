"""When the inkoper raises a capacity or a plafond, or a contract is awarded, the places it
frees go to the waiting list. `inkoop` does not know the waiting list, so registratie
listens; the offer runs after the inkoper's save commits, under its own locks."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from inkoop.models import Contract, Contractregel
from registratie.models import Wachtlijstplaats

# Sent with `pks` by every path that writes enrolments past save() (QuerySet.update,
# bulk_create), so what is kept beside them (declaraties.geldjaren) can follow.
inschrijvingen_gewijzigd = Signal()


def _bied_aan_na_opslaan(regels) -> None:
    from registratie.services import wachtlijst_bied_aan

    wachtend = Wachtlijstplaats.objects.filter(status=Wachtlijstplaats.Status.WACHTEND)
    pks = list(regels.filter(traject__in=wachtend.values("traject")).values_list("pk", flat=True))
    if pks:

        def bied_aan():
            for regel in Contractregel.objects.filter(pk__in=pks):
                wachtlijst_bied_aan(regel=regel)

        transaction.on_commit(bied_aan)


@receiver(post_save, sender=Contractregel, dispatch_uid="wachtlijst_contractregel")
def contractregel_opgeslagen(sender, instance, raw=False, **kwargs):
    if not raw:
        _bied_aan_na_opslaan(Contractregel.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Contract, dispatch_uid="wachtlijst_contract")
def contract_opgeslagen(sender, instance, raw=False, **kwargs):
    if not raw:
        _bied_aan_na_opslaan(instance.regels.all())

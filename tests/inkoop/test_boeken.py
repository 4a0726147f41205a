"""What finance books on (issue 25): amounts split over funding streams add up to the cent,
and an IBAN with a wrong check digit is refused before a payment goes astray."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from aanbod.models import iban_validator
from declaraties.boeken import verdeel


@pytest.mark.parametrize(
    ("bedrag", "delen", "verwacht"),
    [
        (D("2500.00"), [D("0.6"), D("0.4")], [D("1500.00"), D("1000.00")]),
        (
            D("1000.01"),
            [D("0.3333"), D("0.3333"), D("0.3334")],
            [D("333.30"), D("333.30"), D("333.41")],
        ),
        (D("0.01"), [D("0.5"), D("0.5")], [D("0.01"), D("0.00")]),
        (None, [D("1")], [None]),
    ],
)
def test_verdelen_over_bronnen_telt_op_tot_op_de_cent(bedrag, delen, verwacht):
    uit = verdeel(bedrag, delen)
    assert uit == verwacht
    if bedrag is not None:
        assert sum(uit) == bedrag


def test_een_iban_met_een_fout_controlegetal_wordt_geweigerd():
    iban_validator("NL91 ABNA 0417 1643 00")
    with pytest.raises(ValidationError, match="controlegetal"):
        iban_validator("NL91ABNA0417164301")
    with pytest.raises(ValidationError, match="landcode"):
        iban_validator("0417164300")

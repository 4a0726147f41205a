import datetime as dt
from decimal import Decimal

import pytest

from kern.importeren import normaliseer_kop, parse_datum, parse_decimaal


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("1.234,50", "1234.50"),
        ("€ 1.234,50", "1234.50"),
        ("1234,5", "1234.5"),
        ("1234.50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("10.000", "10000"),  # issue 28: the admin import read it as ten
        ("-1.250", "-1250"),
        ("12.5", "12.5"),
        ("1234.500", "1234.500"),
        (" 42 ", "42"),
        (1850.5, "1850.5"),
        (7, "7"),
    ],
)
def test_bedragen_in_nederlandse_en_engelse_notatie(tekst, verwacht):
    assert parse_decimaal(tekst) == Decimal(verwacht)


def test_leeg_bedrag_is_geen_waarde_en_onzin_is_een_fout():
    assert parse_decimaal("") is None
    with pytest.raises(ValueError, match="geen getal"):
        parse_decimaal("twaalf")


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("31-12-2019", dt.date(2019, 12, 31)),
        ("2019-12-31", dt.date(2019, 12, 31)),
        ("31/12/2019", dt.date(2019, 12, 31)),
        (43830, dt.date(2019, 12, 31)),
        (dt.datetime(2019, 12, 31, 0, 0), dt.date(2019, 12, 31)),
        ("2019-12-31 00:00:00", dt.date(2019, 12, 31)),
    ],
)
def test_datums_als_tekst_excel_getal_of_excel_datum(waarde, verwacht):
    assert parse_datum(waarde) == verwacht


def test_onmogelijke_datum_is_een_fout():
    with pytest.raises(ValueError, match="dd-mm-jjjj"):
        parse_datum("31-02-2026")


def test_kolomkoppen_zonder_hoofdletters_en_spaties():
    assert normaliseer_kop("\ufeff KvK-nummer ") == "kvk_nummer"
    assert normaliseer_kop("Datum  Uitstroom") == "datum_uitstroom"

import datetime

from django.core.exceptions import ValidationError

import pytest

from webinars.registrations.nip import clean_nip
from webinars.registrations.phone import normalise_whatsapp

TODAY = datetime.date(2025, 8, 1)


@pytest.mark.parametrize(
    "raw",
    ["199001152015031002", "1990 0115 201503 1 002", "19900115.201503.1.002"],
)
def test_valid_nip_is_returned_as_18_digits(raw):
    assert clean_nip(raw, "pns", today=TODAY) == "199001152015031002"


def test_pppk_nip_may_carry_21_instead_of_a_month():
    assert clean_nip("199001152021211002", "pppk", today=TODAY) == "199001152021211002"
    with pytest.raises(ValidationError):
        clean_nip("199001152021211002", "pns", today=TODAY)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("12345", "length"),
        ("19900115201503100X", "length"),
        ("199002302015031002", "birth_date"),  # 30 February
        ("202601012015031002", "birth_date"),  # born after today
        ("199001152015131002", "appointment"),  # month 13
        ("199001151985031002", "appointment"),  # appointed before birth
        ("199001152015033002", "gender"),
    ],
)
def test_invalid_nip_says_what_is_wrong(raw, code):
    with pytest.raises(ValidationError) as error:
        clean_nip(raw, "pns", today=TODAY)
    assert error.value.code == code


@pytest.mark.parametrize(
    "raw", ["081234567890", "+6281234567890", "6281234567890", "0812-3456-7890", "(0812) 3456 7890"]
)
def test_whatsapp_numbers_become_plus_62(raw):
    assert normalise_whatsapp(raw) == "+6281234567890"


@pytest.mark.parametrize("raw", ["0211234567", "12345", "08123abc", "+1 555 0100", "0812345678901234"])
def test_non_mobile_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_whatsapp(raw)

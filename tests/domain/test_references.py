"""The office's registration numbers: the next one suggested, other forms warned about."""
from tracker.domain.references import reference_warning, suggested


def test_the_next_number_follows_the_highest_of_the_kind_and_year():
    taken = ["МСП-2026-0009", "МСП-2026-0104", "МСП-2025-0300", "ВЫД-2026-0500", "12/345", "МСП-2026-17"]
    assert suggested("МСП", 2026, taken) == "МСП-2026-0105"
    assert suggested("ВЫД", 2026, taken) == "ВЫД-2026-0501"
    assert suggested("ПУП", 2026, taken) == "ПУП-2026-0001"
    assert suggested("МСП", 2027, taken) == "МСП-2027-0001"
    assert suggested("МСП", 2026, ["МСП-2026-9999"]) == "МСП-2026-10000"


def test_a_number_of_another_form_or_kind_is_pointed_out():
    assert reference_warning("МСП-2026-0105", "МСП") is None
    assert reference_warning("ВЫД-2026-0105", "МСП") == "reference_other_prefix"
    for odd in ("12/345", "МСП 2026 0105", "МСП-26-1", ""):
        assert reference_warning(odd, "МСП") == "reference_unusual_form"

"""Search folding: Kazakh and Russian spellings, letter case and number separators are searched alike."""
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.search import NAMES_START, compact, fold, indexed_text, needles

KAZAKH_AND_RUSSIAN = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
                      "ё": "е"}
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі" + "abcdefghijklmnopqrstuvwxyz"
SEPARATORS = [" ", "-", "/", ".", " - ", "\u2013", "\u2014"]


def found(query: str, numbers=(), names=(), *, numbers_only=False) -> bool:
    """Whether `query` finds a request with these numbers and names, as the list's LIKE looks for it."""
    stored = indexed_text(numbers, names)
    searched = stored.split(NAMES_START)[0] if numbers_only else stored
    return any(needle in searched for needle in needles(query))


def test_each_kazakh_letter_and_yo_folds_to_its_russian_look_alike_in_either_case():
    for kazakh, russian in KAZAKH_AND_RUSSIAN.items():
        assert fold(kazakh) == fold(kazakh.upper()) == fold(russian) == fold(russian.upper()) == russian


def test_kazakh_and_russian_spellings_of_a_name_find_each_other():
    assert found("Нурлан", names=["Нұрлан Әбенов"]) and found("Нұрлан", names=["Нурлан Абенов"])
    assert found("КАСЫМОВ", names=["Қасымов Ерлан"]) and found("қасымов", names=["Касымов Ерлан"])
    assert found("Ерулан Жүнісов", names=["ЕРУЛАН ЖУНИСОВ"])
    assert found("Семенов", names=["Семёнов Пётр"]) and found("Пётр", names=["Петр Семенов"])
    assert not found("Нурлан", names=["Ерлан Касымов"])


def test_latin_names_and_parts_of_names_are_still_found_in_any_case():
    assert found("KASSYMOV", names=["Қасымов", "Kassymov Nurlan"]) and found("ssym", names=["Kassymov"])
    assert found("нұр", names=["Нурлан"]) and not found("nurlan", names=["Нурлан"])


def test_a_case_number_is_found_with_or_without_the_spaces_and_dashes_typed_in_it():
    for typed in ("2175 0003 1000 123", "2175-0003-1000-123", "217500031000123", "  2175 0003  1000123 ", "1000 123"):
        assert found(typed, numbers=["REF-1", "217500031000123"]), typed
        assert found(typed, numbers=["REF-1", "2175-0003-1000-123"]), typed
    assert not found("2175 0003 1000 124", numbers=["REF-1", "217500031000123"])


def test_a_registration_number_is_found_without_its_dashes_slashes_and_dots():
    for typed in ("МСП-2026-0015", "мсп20260015", "МСП 2026 0015", "2026/0015", "МСП.2026", "20260015"):
        assert found(typed, numbers=["МСП-2026-0015", ""]), typed
    assert found("қр20261", numbers=["ҚР-2026/1"]) and found("КР 2026 1", numbers=["ҚР-2026/1"])


def test_the_names_come_after_the_numbers_and_no_folded_query_holds_the_boundary():
    stored = indexed_text(["МСП-1", "2175 0003"], ["Нұрлан", "", None, "Nurlan"])
    assert stored == "мсп-1 2175 0003 мсп1 21750003" + NAMES_START + "нурлан nurlan"
    assert indexed_text([None, ""], [None]) == NAMES_START
    assert not found("нурлан", ["МСП-1"], ["Нұрлан"], numbers_only=True) and found("мсп1", ["МСП-1"], numbers_only=True)
    assert NAMES_START not in fold(f"a{NAMES_START}b") and fold(f"a{NAMES_START}b") == "a b"


def test_a_query_of_separators_alone_is_searched_as_typed():
    assert needles(" - ") == ("-",) and needles("") == ("",) and needles(None) == ("",)


def _respelt(draw, text: str) -> str:
    """`text` with letters randomly in the other alphabet's look-alike and in either case."""
    back = {russian: kazakh for kazakh, russian in KAZAKH_AND_RUSSIAN.items()}
    letters = []
    for char in text:
        if draw(st.booleans()):
            char = KAZAKH_AND_RUSSIAN.get(char) or back.get(char, char)
        letters.append(char.upper() if draw(st.booleans()) else char)
    return "".join(letters)


@given(st.data(), st.lists(st.text(LETTERS, min_size=1, max_size=12), min_size=1, max_size=3))
def test_any_part_of_a_name_respelt_in_either_alphabet_and_case_finds_it(data, words):
    name = " ".join(words)
    start = data.draw(st.integers(0, len(name) - 1))
    part = name[start:data.draw(st.integers(start + 1, len(name)))]
    assert found(_respelt(data.draw, part), names=[_respelt(data.draw, name)])


@given(st.data(), st.text("0123456789", min_size=1, max_size=20))
def test_any_run_of_a_numbers_digits_typed_with_any_separators_finds_it(data, digits):
    def spaced(text):
        return "".join(char + data.draw(st.sampled_from(SEPARATORS + [""] * 4)) for char in text)
    start = data.draw(st.integers(0, len(digits) - 1))
    part = digits[start:data.draw(st.integers(start + 1, len(digits)))]
    assert found(spaced(part), numbers=["R", spaced(digits)], numbers_only=True)


@given(st.text())
def test_folding_is_stable_and_never_yields_the_names_boundary(text):
    """The stored text and the query are folded alike: folding what was folded changes nothing."""
    assert fold(fold(text)) == fold(text) and compact(fold(text)) == compact(text)
    assert NAMES_START not in fold(text) and all(NAMES_START not in needle for needle in needles(text))

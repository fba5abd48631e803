"""Case-number warnings and alphabet-aware sorting."""
from tracker.domain.case_numbers import case_number_warning, normalise_case_number
from tracker.domain.collation import sort_key


def test_a_fifteen_digit_erdr_number_raises_no_warning():
    assert case_number_warning("217500031000123") is None


def test_unusual_case_numbers_are_warned_about_by_reason():
    assert case_number_warning("21750003100012") == "unusual_length"
    assert case_number_warning("2175-ABC") == "not_digits"


def test_spaces_and_dashes_typed_between_digit_groups_are_dropped():
    assert normalise_case_number(" 21 7500-031 000123 ") == "217500031000123"


def test_kazakh_letters_sort_in_their_places():
    names = ["Үндістан", "Өзбекстан", "Ұлыбритания", "Әзірбайжан", "Ресей", "Қырғызстан", "Қазақстан", "Грузия",
             "Ирак", "Италия", "Испания", "Израиль", "Иордания", "Ирландия", "Исландия"]
    ordered = sorted(names, key=lambda n: sort_key(n, "kk"))
    assert ordered[:2] == ["Әзірбайжан", "Грузия"]
    assert ordered.index("Қазақстан") < ordered.index("Қырғызстан") < ordered.index("Өзбекстан") < \
        ordered.index("Ресей") < ordered.index("Ұлыбритания") < ordered.index("Үндістан")
    assert sorted(names) != ordered  # code-point order would put Ә Қ Ө Ұ Ү after Я


def test_russian_yo_sorts_with_e_and_shorter_words_first():
    assert sorted(["Ёлка", "Жук", "Ель"], key=lambda n: sort_key(n, "ru")) == ["Ель", "Ёлка", "Жук"]
    assert sorted(["Новая Зеландия", "Новаяземля"], key=lambda n: sort_key(n, "ru"))[0] == "Новая Зеландия"

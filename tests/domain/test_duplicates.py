"""The keys a request is compared by when looking for duplicates: names in either alphabet and any word order,
birth dates, case numbers however typed."""
from datetime import date

from tracker.domain.duplicates import (CASE_NUMBER, PERSON, KeyIndex, case_number_key, keys_of, matched_on,
                                       name_words, names_match, person_key, same_person)

BORN = date(1985, 3, 1)


def _person(*names, born=BORN):
    return person_key(names, born)


def test_a_name_is_its_folded_words_in_any_order():
    assert name_words("ИВАНОВ  Иван") == name_words("иван иванов") == frozenset({"иванов", "иван"})
    # Kazakh letters and ё as their Russian look-alikes, as the search folds them.
    assert name_words("Әлиев Нұрлан") == name_words("Алиев Нурлан")
    assert name_words("Семёнов Пётр") == name_words("Семенов Петр")
    # Hyphens and apostrophes are spelt differently from file to file.
    assert name_words("O'Neil Smith-Jones") == name_words("o neil smith jones")
    assert name_words("") == name_words(None) == frozenset()


def test_names_match_in_any_order_and_without_the_patronymic():
    assert names_match(name_words("Ivanov Ivan"), name_words("Ivan Ivanov"))
    assert names_match(name_words("Иванов Иван"), name_words("Иванов Иван Иванович"))
    assert not names_match(name_words("Иванов"), name_words("Иванов Иван"))  # one word says too little
    assert not names_match(name_words("Иванов Пётр"), name_words("Иванов Иван"))
    assert not names_match(frozenset(), frozenset())


def test_a_person_needs_a_birth_date_and_a_name():
    assert person_key(("Иванов Иван",), None) is None
    assert person_key(("", None), BORN) is None
    assert person_key(("Иванов Иван", ""), BORN).names == (frozenset({"иванов", "иван"}),)


def test_the_same_person_is_born_the_same_day_and_shares_a_name_in_either_alphabet():
    registered = _person("Ахметов Ерлан", "Akhmetov Yerlan")
    assert same_person(_person("Ерлан АХМЕТОВ"), registered)
    # Typed only in Latin letters, the name finds the request that has both.
    assert same_person(_person("YERLAN Akhmetov"), registered)
    assert same_person(_person("", "Akhmetov Yerlan"), registered)
    assert not same_person(_person("Ахметов Ерлан", born=date(1985, 3, 2)), registered)
    assert not same_person(_person("Ахметов Серик"), registered)
    assert not same_person(None, registered)


def test_case_numbers_compare_without_their_separators():
    assert case_number_key("2175-0003 1000/123") == case_number_key("217500031000123") == "217500031000123"
    assert case_number_key("ҚР-12.5") == case_number_key("кр125")
    assert case_number_key(None) == ""


def test_what_two_requests_share():
    mine = keys_of({"case_number": "217500031000123", "person_name": "Иванов Иван", "person_birth_date": BORN})
    same_both = keys_of({"case_number": "2175 0003 1000 123", "person_name": "Ivanov Ivan",
                         "person_name_latin": "Иван Иванов", "person_birth_date": BORN})
    same_case = keys_of({"case_number": "217500031000123"})
    unrelated = keys_of({"case_number": "217500031000999", "person_name": "Иванов Иван",
                         "person_birth_date": date(1990, 1, 1)})
    assert matched_on(mine, same_both) == (PERSON, CASE_NUMBER)
    assert matched_on(mine, same_case) == (CASE_NUMBER,)
    assert matched_on(mine, unrelated) == ()
    # An MLA request has no person sought: no empty key matches another empty key.
    assert matched_on(keys_of({"case_number": ""}), keys_of({"case_number": ""})) == ()


def test_the_index_finds_earlier_rows_by_either_key_in_the_order_added():
    index = KeyIndex()
    index.add(keys_of({"case_number": "111", "person_name": "Иванов Иван", "person_birth_date": BORN}), 2)
    index.add(keys_of({"case_number": "222"}), 3)
    index.add(keys_of({"case_number": "333", "person_name": "Иван Иванов", "person_birth_date": BORN}), 4)
    index.add(keys_of({"case_number": "555", "person_name": "Ivan Ivanov", "person_birth_date": BORN}), 5)
    found = index.matches(keys_of({"case_number": "111", "person_name": "ИВАНОВ ИВАН", "person_birth_date": BORN}))
    # No transliteration: a Latin name matches only where a request has it beside the Cyrillic one.
    assert found == [(2, (PERSON, CASE_NUMBER)), (4, (PERSON,))]
    assert index.matches(keys_of({"case_number": "2-2-2"})) == [(3, (CASE_NUMBER,))]
    assert index.matches(keys_of({"case_number": "444"})) == []


def test_with_a_limit_the_index_gives_the_first_matches_and_looks_no_further():
    index = KeyIndex()
    for line in range(1, 2001):
        index.add(keys_of({"case_number": "111", "person_name": "Иванов Иван", "person_birth_date": BORN}), line)
    index.add(keys_of({"case_number": "999", "person_name": "Иван Иванов", "person_birth_date": BORN}), 2001)
    same = keys_of({"case_number": "111", "person_name": "Иванов Иван", "person_birth_date": BORN})
    assert index.matches(same, limit=5) == [(line, (PERSON, CASE_NUMBER)) for line in range(1, 6)]
    # Found by both keys, a row is given once; without a limit, every one in the order added.
    assert [line for line, _shared in index.matches(same)] == list(range(1, 2002))

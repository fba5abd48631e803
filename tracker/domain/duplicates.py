"""Possible duplicates of a request: the person sought and the criminal case number as keys that compare equal
across the spellings of one name or number (Kazakh or Russian letters, case, word order, typed separators)."""
import heapq
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from tracker.domain.search import compact, fold

# What two requests were found to share, as the API and the pages name it.
PERSON = "person"
CASE_NUMBER = "case_number"
MATCHED_ON = (PERSON, CASE_NUMBER)

# The words of a folded name: hyphens, apostrophes and dots between them are spelt differently from file to file.
_WORDS = re.compile(r"\w+")


def name_words(name: str | None) -> frozenset[str]:
    """A name as the set of its folded words: "ИВАНОВ Иван" and "Иван Иванов" give the same set."""
    return frozenset(_WORDS.findall(fold(name)))


def names_match(one: frozenset[str], other: frozenset[str]) -> bool:
    """The same words in any order; or, for names of two words at least, the shorter within the longer, as a name
    written in Latin letters often leaves out the patronymic ("Ivanov Ivan" and "Иванов Иван Иванович" in Latin)."""
    if not one or not other:
        return False
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= 2 and shorter <= longer


@dataclass(frozen=True)
class PersonKey:
    """The person sought as duplicates are looked for: the word sets of each name given, and the birth date."""

    names: tuple[frozenset[str], ...]
    birth_date: date


def person_key(names: Iterable[str | None], birth_date: date | None) -> PersonKey | None:
    """The key of a person with these names (Cyrillic, Latin, either) and birth date; None without a birth date or a
    name, since a name alone is shared by too many people to warn about."""
    words = tuple(found for found in (name_words(name) for name in names) if found)
    if birth_date is None or not words:
        return None
    return PersonKey(words, birth_date)


def same_person(one: PersonKey | None, other: PersonKey | None) -> bool:
    """Both born on the same day, and a name of one matching a name of the other: a Cyrillic name is compared with
    both names of the other request, so a name typed in either alphabet finds a request that has both."""
    if one is None or other is None or one.birth_date != other.birth_date:
        return False
    return any(names_match(mine, theirs) for mine in one.names for theirs in other.names)


def case_number_key(number: str | None) -> str:
    """A criminal case number without the spaces, dashes, slashes and dots people type in it, folded."""
    return compact(number)


@dataclass(frozen=True)
class Keys:
    """What a request is compared by."""

    person: PersonKey | None
    case_number: str


def keys_of(fields: Mapping) -> Keys:
    """The keys of a request from its fields (the service's names: case_number, person_name, ...)."""
    return Keys(person_key((fields.get("person_name"), fields.get("person_name_latin")),
                           fields.get("person_birth_date")),
                case_number_key(fields.get("case_number")))


def matched_on(one: Keys, other: Keys) -> tuple[str, ...]:
    """What the two requests share, in the order of MATCHED_ON; empty when they look unrelated."""
    found = []
    if same_person(one.person, other.person):
        found.append(PERSON)
    if one.case_number and one.case_number == other.case_number:
        found.append(CASE_NUMBER)
    return tuple(found)


def _first_matches(keys: Keys, candidates: Iterable[tuple[Keys, object]], limit: int | None):
    """(value, what it shares) of the first `limit` candidates (keys, value), in the order given, that share something
    with `keys` (all of them when `limit` is None)."""
    found = []
    for other, value in candidates:
        shared = matched_on(keys, other)
        if shared:
            found.append((value, shared))
            if limit is not None and len(found) >= limit:
                break
    return found


def _merged_in_order(*ordered: list, key) -> Iterator:
    """The entries of lists each sorted by `key`, merged in that order, an entry held by several lists given once."""
    seen = set()
    for entry in heapq.merge(*ordered, key=key):
        if key(entry) not in seen:
            seen.add(key(entry))
            yield entry


class KeyIndex:
    """Requests already seen (the earlier rows of a file), found again by case number or birth date."""

    def __init__(self):
        self._by_case_number: dict[str, list] = {}
        self._by_birth_date: dict[date, list] = {}
        self._added = 0

    def add(self, keys: Keys, value) -> None:
        """Remembers `value` (a row's line, say) under the request's keys."""
        self._added += 1
        entry = (self._added, keys, value)
        if keys.case_number:
            self._by_case_number.setdefault(keys.case_number, []).append(entry)
        if keys.person is not None:
            self._by_birth_date.setdefault(keys.person.birth_date, []).append(entry)

    def matches(self, keys: Keys, limit: int | None = None) -> list[tuple[object, tuple[str, ...]]]:
        """(value, what it shares) of the first `limit` remembered requests sharing a key with `keys`, in the order
        added (all of them when `limit` is None). With a limit the search stops there: a file whose thousands of
        rows share one case number is checked in time proportional to its rows, not their square."""
        by_number = self._by_case_number.get(keys.case_number, []) if keys.case_number else []
        by_birth = self._by_birth_date.get(keys.person.birth_date, []) if keys.person is not None else []
        entries = _merged_in_order(by_number, by_birth, key=lambda entry: entry[0])
        return _first_matches(keys, ((other, value) for _order, other, value in entries), limit)

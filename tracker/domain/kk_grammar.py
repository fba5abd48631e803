"""Kazakh endings MLA Tracker needs for its statistics paragraph: case endings of month names and the forms of
numbers written in digits ("30-ы", "7-еуі").

Kazakh endings follow the word's last sound (vowel, sonorant, voiced or voiceless consonant) and its vowel
harmony (back а о ұ ы, front ә е ө ү і). A number written in digits takes the ending its last spoken word would
take: 26 is "жиырма алты", so "26-сы"; 110 is "жүз он", so "110-ы".
"""
from datetime import date

BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әеөүіэ")
VOWEL_ENDINGS = frozenset("аоұыяәеөүіэию")   # a final у sounds as a consonant (елу → елуі, елуден)
SONORANTS = frozenset("лрйумнң")
NASALS = frozenset("мнң")
VOICED = frozenset("зж")                     # voiced consonants that keep д/ғ after them

MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
          "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан")

UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")

# Collective numerals (біреуі … жетеуі) with which the office counts people, written after the digits.
COLLECTIVE = {1: "еуі", 2: "еуі", 3: "еуі", 4: "еуі", 5: "еуі", 6: "ауы", 7: "еуі"}


def is_front(word: str) -> bool:
    """Whether `word` takes front-vowel endings: its last vowel that decides harmony is front."""
    for letter in reversed(word.lower()):
        if letter in FRONT_VOWELS:
            return True
        if letter in BACK_VOWELS:
            return False
    return False


def _pick(word: str, back: str, front: str) -> str:
    return front if is_front(word) else back


def _last(word: str) -> str:
    return word.lower()[-1]


def ends_in_vowel(word: str) -> bool:
    return _last(word) in VOWEL_ENDINGS


def ablative(word: str) -> str:
    """From: қаңтардан, ақпаннан, шілдеден, қыркүйектен."""
    last = _last(word)
    if last in NASALS:
        consonant = "н"
    elif ends_in_vowel(word) or last in SONORANTS or last in VOICED:
        consonant = "д"
    else:
        consonant = "т"
    return word + consonant + _pick(word, "ан", "ен")


def dative(word: str) -> str:
    """To: қаңтарға, шілдеге, қыркүйекке."""
    voiced = ends_in_vowel(word) or _last(word) in SONORANTS or _last(word) in VOICED
    return word + (_pick(word, "ға", "ге") if voiced else _pick(word, "қа", "ке"))


def locative(word: str) -> str:
    """At: қаңтарда, шілдеде, қыркүйекте."""
    voiced = ends_in_vowel(word) or _last(word) in SONORANTS or _last(word) in VOICED
    return word + ("д" if voiced else "т") + _pick(word, "а", "е")


def locative_attributive(word: str) -> str:
    """Of the day: қаңтардағы, шілдедегі, қыркүйектегі."""
    return locative(word) + _pick(word, "ғы", "гі")


def last_number_word(number: int) -> str:
    """The last word of `number` spoken in Kazakh: 26 → алты, 110 → он, 200 → жүз, 3000 → мың."""
    if number % 10 or number == 0:
        return UNITS[number % 10]
    if number % 100:
        return TENS[number // 10 % 10]
    if number % 1000:
        return "жүз"
    if number % 1_000_000:
        return "мың"
    if number % 1_000_000_000:
        return "миллион"
    return "миллиард"


def possessive_number(number: int) -> str:
    """The number with the third-person possessive ending, as in "оның 30-ы": 2-сі, 6-сы, 10-ы, 50-і."""
    word = last_number_word(number)
    ending = _pick(word, "ы", "і")
    return f"{number}-{'с' + ending if ends_in_vowel(word) else ending}"


def collective_number(number: int) -> str:
    """The number counting people: 7-еуі, 6-ауы for 1–7, the possessive form above (8-і, 21-і)."""
    if number in COLLECTIVE:
        return f"{number}-{COLLECTIVE[number]}"
    return possessive_number(number)


def year_day_month(day: date) -> tuple[str, str]:
    """('2021 жылғы 1', 'қаңтар'): the year and day that precede the month, and the month to put in a case."""
    return f"{day.year} жылғы {day.day}", MONTHS[day.month - 1]

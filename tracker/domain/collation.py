"""Sort keys that put names in the order of the Kazakh, Russian or English alphabet."""

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ORDERS = {"kk": {c: i for i, c in enumerate(KAZAKH)}, "ru": {c: i for i, c in enumerate(RUSSIAN)}}


def sort_key(text: str, language: str):
    """A key under which `text` sorts in `language`'s alphabet; letters of other scripts follow."""
    order = _ORDERS.get(language)
    lowered = text.casefold()
    if order is None:
        return lowered
    return tuple(_rank(c, order) for c in lowered)


def _rank(char: str, order: dict) -> tuple:
    """Spaces and punctuation first, so a word precedes its longer continuation; then the alphabet; then the rest."""
    if char in order:
        return (order[char], "")
    if not char.isalnum():
        return (-1, char)
    return (len(order) + 1, char)

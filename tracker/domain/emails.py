"""E-mail addresses as people read them: width, case and Unicode forms folded; look-alike letters compared as one.

`fold` gives the form an address is stored and looked up in, so `ＡＤＭＩＮ@…` and `admin@…` are one login.
`skeleton` goes further for comparisons only: letters of other scripts that look like Latin ones (Cyrillic `а`,
Greek `ο`), `1` and `l`, `rn` and `m` all read the same, so nobody can be registered under an address that
looks like a colleague's. The look-alike classes come from Unicode's confusables data (UTS #39) as the
confusable-homoglyphs package ships it.
"""
import functools
import hashlib
import unicodedata

# Some entries of the data carry left-to-right marks around right-to-left letters.
_DIRECTION_MARKS = "\u200e\u200f"


def fold(text: str | None) -> str:
    """NFKC, case folding and NFKC again (folding can leave text unnormalised), trimmed."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def skeleton(text: str | None) -> str:
    """The folded text with each character replaced by the one string its look-alike class is compared by."""
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", fold(text))
    return unicodedata.normalize("NFD", "".join(prototypes.get(char, char) for char in decomposed))


def comparison_key(address: str) -> str:
    """What the users' `email_key` column holds: a digest of the skeleton, short and of fixed length."""
    return hashlib.sha256(skeleton(address).encode()).hexdigest()


@functools.cache
def _prototypes() -> dict[str, str]:
    """Every confusable character mapped to its class's prototype, already reduced itself (`m` → `rn`)."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for character, alikes in confusables_data.items():
        for alike in alikes:
            parent[root(character.strip(_DIRECTION_MARKS))] = root(alike["c"].strip(_DIRECTION_MARKS))
    classes: dict[str, list[str]] = {}
    for member in list(parent):
        classes.setdefault(root(member), []).append(member)
    mapping = {}
    for members in classes.values():
        prototype = min(members, key=_preference)
        mapping.update({member: prototype for member in members if len(member) == 1 and member != prototype})
    for _ in range(3):  # a prototype's own letters may map on (never more than once in the data)
        mapping = {char: "".join(mapping.get(c, c) for c in target) for char, target in mapping.items()}
    return mapping


def _preference(member: str) -> tuple:
    """Prototypes are plain lower-case ASCII where the class has one, the longest (`rn` for `m`, so both read
    the same) and letters before digits (`l` for `1`); otherwise ASCII, then the shortest, then the first."""
    plain = member.isascii() and all(c.islower() or c.isdigit() for c in member)
    if plain:
        return (0, -len(member), not member.isalpha(), member)
    return (1, not member.isascii(), len(member), member)

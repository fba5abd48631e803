"""What a password of an MLA Tracker account must be: long enough, not a common one, not made of the holder's
name or e-mail address.

The common passwords are the 30,000 most frequent ones of leaked password lists, as the zxcvbn package ships
them. A common password with digits or signs only added around it ("qwerty2024!") counts as common too.
"""
import functools
import re
import string

from tracker.domain.emails import fold

MIN_LENGTH = 10
# "aaaaaaaaaa" or "abababababab" are long but guessed at once.
MIN_DIFFERENT_CHARACTERS = 5
# Shorter pieces of a name or address ("a", "ли") are too common inside unrelated words to refuse.
MIN_PIECE = 3
_PADDING = string.digits + string.punctuation + string.whitespace


def password_problem(password: str | None, *, email: str = "", name: str = "") -> str | None:
    """The error code of the first rule the password breaks, or None when it may be used."""
    folded = fold(password)
    if len(password or "") < MIN_LENGTH:
        return "short_password"
    if len(set(folded)) < MIN_DIFFERENT_CHARACTERS:
        return "simple_password"
    core = folded.strip(_PADDING)
    if folded in _common() or (len(core) >= MIN_PIECE and core in _common()):
        return "common_password"
    if any(piece in folded for piece in _email_pieces(email)):
        return "password_has_email"
    if any(piece in folded for piece in _name_pieces(name)):
        return "password_has_name"
    return None


def _email_pieces(email: str) -> set[str]:
    """The address's local part and its parts between dots, dashes, underscores and plus signs."""
    local = fold(email).rpartition("@")[0] if "@" in (email or "") else fold(email)
    pieces = {local, *re.split(r"[._+\-]+", local)}
    return {piece for piece in pieces if len(piece) >= MIN_PIECE}


def _name_pieces(name: str) -> set[str]:
    """Each word of the name, and the name written without spaces."""
    words = [word for word in re.split(r"\W+", fold(name)) if word]
    pieces = {*words, "".join(words)}
    return {piece for piece in pieces if len(piece) >= MIN_PIECE}


@functools.cache
def _common() -> frozenset[str]:
    """zxcvbn's list of frequent passwords (lower case, as the list has them)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])

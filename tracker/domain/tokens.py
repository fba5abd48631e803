"""The rules of users' API tokens: the terms a token may run for, its name, and whether it still opens the API."""
from datetime import UTC, datetime
from enum import StrEnum

# The terms a user chooses from when creating a token on their page, in days; the command line may set others.
EXPIRY_DAYS = (30, 90, 180, 365)
DEFAULT_EXPIRY_DAYS = 90
NAME_LENGTH = 100


class TokenState(StrEnum):
    """Where a token stands: it opens the API, its term ran out, or its user (or an administrator) revoked it."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


def token_state(expires_at: datetime, revoked_at: datetime | None, now: datetime) -> TokenState:
    """The state of a token at `now`: a revoked token says so even once its term has run out too."""
    if revoked_at is not None:
        return TokenState.REVOKED
    return TokenState.ACTIVE if aware(expires_at) > now else TokenState.EXPIRED


def name_problem(name: str) -> str | None:
    """The error code for a token name that cannot be used (already stripped), or None."""
    if not name:
        return "required"
    if len(name) > NAME_LENGTH:
        return "too_long"
    return None


def same_name(first: str, second: str) -> bool:
    """Whether two token names would read as the same in the list: case does not tell tokens apart."""
    return first.casefold() == second.casefold()


def aware(moment: datetime) -> datetime:
    """A stored moment with its UTC offset (SQLite gives it back without)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

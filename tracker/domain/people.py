"""Roles of users and what each role may do with a request."""
from enum import StrEnum


class Role(StrEnum):
    """A user's role in the office."""

    PROSECUTOR = "prosecutor"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Language(StrEnum):
    """Languages of the interface and of emails."""

    KK = "kk"
    RU = "ru"
    EN = "en"


def can_create_request(role: Role) -> bool:
    """Prosecutors and supervisors register outgoing requests; administrators do not."""
    return role in (Role.PROSECUTOR, Role.SUPERVISOR)


def can_edit_request(role: Role, user_id: int, owner_id: int) -> bool:
    """A prosecutor edits only their own requests; a supervisor edits any."""
    if role == Role.SUPERVISOR:
        return True
    return role == Role.PROSECUTOR and user_id == owner_id


def can_reassign(role: Role) -> bool:
    """Only supervisors move work between prosecutors."""
    return role == Role.SUPERVISOR


def can_move_custody_deadline(role: Role) -> bool:
    """A treaty release deadline is moved only by a supervisor, with the foreign decision that moved it."""
    return role == Role.SUPERVISOR


def can_import(role: Role) -> bool:
    """Supervisors and administrators take over existing registers in bulk."""
    return role in (Role.SUPERVISOR, Role.ADMIN)


def can_administer(role: Role) -> bool:
    """Only administrators manage users and reference data."""
    return role == Role.ADMIN

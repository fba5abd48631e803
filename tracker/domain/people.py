"""Roles of users and what each role may do with a request."""
from enum import StrEnum


class Role(StrEnum):
    """A user's role in the office."""

    PROSECUTOR = "prosecutor"
    SUPERVISOR = "supervisor"
    # The central authority for legal assistance: supervises every unit's requests.
    CENTRAL = "central"
    ADMIN = "admin"


# Roles that supervise requests (reports, reassignment, imports, edits of others' requests), each over its own scope.
SUPERVISING = (Role.SUPERVISOR, Role.CENTRAL)
# Roles that register requests and can be responsible for them.
OWNER_ROLES = (Role.PROSECUTOR, *SUPERVISING)


class Language(StrEnum):
    """Languages of the interface and of emails."""

    KK = "kk"
    RU = "ru"
    EN = "en"


def can_create_request(role: Role) -> bool:
    """Prosecutors and supervisors register outgoing requests; administrators do not."""
    return role in OWNER_ROLES


def can_edit_request(role: Role, user_id: int, owner_id: int) -> bool:
    """A prosecutor edits only their own requests; a supervisor or the central authority edits any request they can
    see (which requests those are is tracker.domain.access's answer)."""
    if role in SUPERVISING:
        return True
    return role == Role.PROSECUTOR and user_id == owner_id


def can_reassign(role: Role) -> bool:
    """Only supervisors and the central authority move work between prosecutors."""
    return role in SUPERVISING


def can_move_custody_deadline(role: Role) -> bool:
    """A treaty release deadline is moved only by a supervisor or the central authority, with the foreign decision
    that moved it."""
    return role in SUPERVISING


def can_import(role: Role) -> bool:
    """Supervisors, the central authority and administrators take over existing registers in bulk."""
    return role in (*SUPERVISING, Role.ADMIN)


def can_administer(role: Role) -> bool:
    """Only administrators manage users and reference data."""
    return role == Role.ADMIN

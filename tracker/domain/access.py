"""Need to know: which requests a user may see, and whether with the personal data of the persons sought.

The one place the policy is decided (the README's "Who sees what" says the same in words):

- a prosecutor sees their own requests and those of the prosecutors of their unit;
- a supervisor sees the requests of the units they head (their own unit and any other the administrator gave
  them to head);
- the central authority sees every request;
- the administrator manages users and reference data and sees every request, but never the personal data of
  persons sought (`PERSONAL_FIELDS`): pages, exports, the API and the audit log show them masked.

An office that sets up no units keeps every user in its default unit, so everyone there sees every request, as
before units existed. A request belongs to the unit of its owner: reassigning it moves it with its owner.
"""
from dataclasses import dataclass

from tracker.domain.people import OWNER_ROLES, Role

# The request's fields that identify the person sought. Who may not see them gets MASK in their place.
PERSONAL_FIELDS = ("person_name", "person_name_latin", "person_birth_date", "person_citizenship")
MASK = "•••"
# What else may name a person sought, by the table an audit entry is about: a document's file name and note (scans
# are named after the person), and the removed document a request's history entry names.
MASKED_CHANGES = {"requests": (*PERSONAL_FIELDS, "attachment"), "attachments": ("filename", "note")}


@dataclass(frozen=True)
class Access:
    """What one user may read. `units` is None for every unit, else the units whose requests they see."""

    user_id: int | None
    role: Role | None
    units: frozenset[int] | None
    personal_data: bool

    @property
    def everything(self) -> bool:
        """Sees every request of the register (personal data aside)."""
        return self.units is None

    def sees(self, owner_id: int, owner_unit_id: int | None) -> bool:
        """Whether a request owned by `owner_id`, a member of `owner_unit_id`, is visible."""
        return self.units is None or owner_id == self.user_id or owner_unit_id in self.units

    def may_assign(self, owner_role: Role, owner_active: bool, owner_id: int, owner_unit_id: int | None) -> bool:
        """Whether this user may make that user responsible for a request: an active prosecutor, supervisor or
        member of the central authority, in a unit this user sees."""
        return owner_role in OWNER_ROLES and owner_active and self.sees(owner_id, owner_unit_id)

    def shown(self, field: str, value):
        """`value` of the request's `field`, or MASK where it is personal data this user may not see."""
        if field in PERSONAL_FIELDS and not self.personal_data and value not in (None, ""):
            return MASK
        return value

    def shown_changes(self, changes: dict | None, entity: str = "requests") -> dict:
        """A history or audit entry's changes ({field: [old, new]}) as this user may read them: the old and new
        values of what may name a person sought in a record of `entity` (a request's history: "requests") masked
        as `shown` masks them."""
        masked = MASKED_CHANGES.get(entity, ())
        if self.personal_data or not masked:
            return dict(changes or {})
        return {field: [MASK if field in masked and value not in (None, "") else value for value in pair]
                for field, pair in (changes or {}).items()}


# Sees no request: the safe default of a filter built without saying for whom.
NOBODY = Access(user_id=None, role=None, units=frozenset(), personal_data=False)
# The register itself (nightly jobs, command-line reports): every request, personal data included.
SYSTEM = Access(user_id=None, role=None, units=None, personal_data=True)


def access_for(role: Role, user_id: int, unit_id: int | None, headed_unit_ids=(), office_unit_ids=None) -> Access:
    """The policy: what a user of `role`, member of `unit_id` and head of `headed_unit_ids`, may read.

    Whoever sees every unit of the office (`office_unit_ids`, when given: an office with only its default unit,
    say) sees every request, and no list needs narrowing for them.
    """
    if role == Role.CENTRAL:
        return Access(user_id, role, None, personal_data=True)
    if role == Role.ADMIN:
        return Access(user_id, role, None, personal_data=False)
    units = {unit_id} if unit_id is not None else set()
    if role == Role.SUPERVISOR:
        units |= set(headed_unit_ids)
    if office_unit_ids is not None and units >= set(office_unit_ids):
        return Access(user_id, role, None, personal_data=True)
    return Access(user_id, role, frozenset(units), personal_data=True)

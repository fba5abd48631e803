"""Units of the office: the departments whose members see each other's requests, and the supervisors who head them."""
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tracker.domain.collation import sort_key
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Unit, User
from tracker.services.errors import FieldErrors

# The length of units.name: a longer name is refused with a message rather than cut.
NAME_LIMIT = 200


@dataclass(frozen=True)
class UnitSummary:
    """One line of the administrator's list of units."""

    unit: Unit
    members: int
    heads: list[User]


def all_units(lang: str = "ru") -> list[Unit]:
    """Every unit, the default first, then by name in the alphabet of `lang`: the choices of the user form."""
    units = db.session.scalars(sa.select(Unit)).all()
    return sorted(units, key=lambda unit: (not unit.is_default, sort_key(unit.name, lang), unit.id))


def units_overview(lang: str = "ru") -> list[UnitSummary]:
    """Every unit with its number of members (deactivated accounts included: they still belong there) and its
    heads; three queries however many units there are."""
    units = db.session.scalars(sa.select(Unit).options(selectinload(Unit.heads))).all()
    counts = dict(db.session.execute(sa.select(User.unit_id, sa.func.count()).group_by(User.unit_id)).all())
    ordered = sorted(units, key=lambda unit: (not unit.is_default, sort_key(unit.name, lang), unit.id))
    return [UnitSummary(unit, counts.get(unit.id, 0), list(unit.heads)) for unit in ordered]


def find_unit(name: str) -> Unit | None:
    """The unit called `name`, whatever its case and surrounding spaces (the command line names units so)."""
    wanted = (name or "").strip().casefold()
    return next((unit for unit in db.session.scalars(sa.select(Unit)) if unit.name.casefold() == wanted), None)


def possible_heads() -> list[User]:
    """The users who may head a unit: active supervisors, by name."""
    return list(db.session.scalars(sa.select(User).options(joinedload(User.unit))
                                   .where(User.role == Role.SUPERVISOR, User.active.is_(True)).order_by(User.name)))


def create_unit(name: str) -> Unit:
    """Adds a unit; its name is required and must differ from every other unit's, case aside."""
    return save_unit(None, name=name)


def rename_unit(unit: Unit, name: str) -> None:
    """Renames a unit. The default unit stays the default whatever its name, and only it may go unnamed (pages
    then call it "Whole office")."""
    save_unit(unit, name=name)


def set_heads(unit: Unit, head_ids: Iterable[int]) -> None:
    """Makes exactly these users the heads of `unit`; only active supervisors may head a unit."""
    save_unit(unit, name=unit.name, head_ids=head_ids)


def save_unit(unit: Unit | None, *, name: str, head_ids: Iterable[int] | None = None) -> Unit:
    """Creates (`unit` None) or changes a unit: its name and, when `head_ids` is given, its heads. Every problem
    is found before anything is written, so a refused change writes nothing."""
    errors = {}
    text = (name or "").strip()
    problem = _name_problem(text, unit)
    if problem:
        errors["name"] = problem
    heads = None
    if head_ids is not None:
        heads, problem = _heads(head_ids)
        if problem:
            errors["heads"] = problem
    if errors:
        raise FieldErrors(errors)
    if unit is None:
        unit = Unit(name=text, is_default=False)
        db.session.add(unit)
    unit.name = text
    if heads is not None:
        unit.heads = heads
    try:
        with db.session.begin_nested():
            db.session.flush()
    except sa.exc.IntegrityError:
        # Another administrator saved the same name a moment earlier.
        raise FieldErrors({"name": "duplicate_unit_name"}) from None
    return unit


def _name_problem(text: str, unit: Unit | None) -> str | None:
    """The error code of a unit name already trimmed, or None when it may be used."""
    if not text:
        return None if unit is not None and unit.is_default else "required"
    if len(text) > NAME_LIMIT:
        return "too_long"
    other = find_unit(text)
    if other is not None and other is not unit:
        return "duplicate_unit_name"
    return None


def _heads(head_ids: Iterable[int]) -> tuple[list[User], str | None]:
    """The users of `head_ids`, and an error code when one of them is not an active supervisor (or no user)."""
    wanted = set(head_ids)
    users = list(db.session.scalars(sa.select(User).where(User.id.in_(wanted)).order_by(User.name))) if wanted else []
    if len(users) != len(wanted) or any(user.role != Role.SUPERVISOR or not user.active for user in users):
        return [], "not_a_supervisor"
    return users, None


def drop_headships(user: User) -> None:
    """Ends the user's headships: whoever stops being an active supervisor heads no unit any more."""
    for unit in db.session.scalars(sa.select(Unit).where(Unit.heads.any(User.id == user.id))):
        unit.heads.remove(user)

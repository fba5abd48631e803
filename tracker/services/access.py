"""Need to know in the database: the access tracker.domain.access decides, as the units and the SQL that apply it,
and the log of reads of personal data."""
from datetime import datetime

import sqlalchemy as sa

from tracker.domain.access import SYSTEM, Access, access_for
from tracker.extensions import db
from tracker.services import reference_cache
from tracker.models import PersonalDataRead, Request, Unit, User, unit_heads

__all__ = ["SYSTEM", "Access", "access_of", "default_unit", "visible_condition", "record_read"]


def default_unit() -> Unit:
    """The office's default unit, created the first time it is needed (a fresh or emptied register)."""
    unit = db.session.scalar(sa.select(Unit).where(Unit.is_default.is_(True)))
    if unit is None:
        unit = Unit(name="", is_default=True)
        db.session.add(unit)
        db.session.flush()
    return unit


def access_of(user: User) -> Access:
    """What `user` may read, by their role, their unit and the units they head; one query for the office's units
    and which of them the user heads."""
    heads = sa.exists().where(unit_heads.c.unit_id == Unit.id, unit_heads.c.user_id == user.id)
    units = db.session.execute(sa.select(Unit.id, heads)).all()
    return access_for(user.role, user.id, user.unit_id, [unit for unit, headed in units if headed],
                      office_unit_ids=[unit for unit, _headed in units])


def kept_access_of(user: User) -> Access:
    """access_of(`user`), kept by each worker under the reference version: what it is found from (the user's role
    and unit, the office's units and their heads) is reference data, and a change to it gives a new version."""
    return reference_cache.cached("access", str(user.id), lambda: access_of(user))


def visible_condition(access: Access) -> list:
    """WHERE conditions on requests keeping those `access` may see: none for whoever sees every unit; else the
    requests of their own and of the members of their units."""
    if access.everything:
        return []
    members = sa.select(User.id).where(User.unit_id.in_(sorted(access.units)))
    if access.user_id is None:
        return [Request.owner_id.in_(members)]
    return [sa.or_(Request.owner_id == access.user_id, Request.owner_id.in_(members))]


def visible_users(access: Access):
    """WHERE conditions on users keeping the members of the units `access` sees (owners a supervisor may assign)."""
    if access.everything:
        return []
    return [sa.or_(User.id == access.user_id, User.unit_id.in_(sorted(access.units)))]


PATH_LIMIT, QUERY_LIMIT = 200, 2000


def record_read(access: Access, *, channel: str, path: str, query: str = "", request_id: int | None = None,
                rows: int = 1, now: datetime) -> None:
    """Logs that `access`'s user read the personal data of one request (`request_id`) or of `rows` requests
    (a list or an export, which `query` names). Reads by whoever sees no personal data are not reads of it."""
    if not access.personal_data or access.user_id is None or rows == 0:
        return
    db.session.add(PersonalDataRead(read_at=now, user_id=access.user_id, channel=channel, request_id=request_id,
                                    path=path[:PATH_LIMIT], query=query[:QUERY_LIMIT], rows=rows))

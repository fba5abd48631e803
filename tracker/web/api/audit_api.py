"""The API's audit log, for administrators: every change to requests, users and reference data, filtered as on the
audit page, newest first, the personal data of persons sought masked."""
from flask import g, jsonify, request
from flask_babel import gettext as _

from tracker.domain.people import can_administer
from tracker.extensions import db
from tracker.services.audit_log import AUDITED_ENTITIES, AuditFilters, actor_emails, audit_entries
from tracker.services.users import find_user
from tracker.web.access import current_access
from tracker.web.api import ApiError, bp
from tracker.web.api.query import _read
from tracker.web.api.schemas import answer
from tracker.web.api.schemas_more import AuditPage
from tracker.web.api.serialize import moment
from tracker.web.api.views import _permit
from tracker.web.params import MAX_PAGE, Param

AUDIT_PARAMS = {
    "entity": Param("string", enum=AUDITED_ENTITIES, description="The kind of record changed"),
    "entity_id": Param("string", max_length=64, description="The record's number (its key as text)"),
    "actor": Param("email", max_length=254, description="Who made the change"),
    "from": Param("date", description="The first day (Almaty time)"),
    "to": Param("date", description="The last day (Almaty time)"),
    "page": Param("integer", minimum=1, maximum=MAX_PAGE),
    "per_page": Param("integer", minimum=1, maximum=100, description="Default 50, as on the audit page"),
}


@bp.get("/audit")
def audit_log():
    """The audit log, newest first, one page at a time: who changed which record when, and each field's old and
    new value; for requests, the person sought's data masked for whoever may not read it."""
    _permit(can_administer(g.api_user.role))
    filters, number, per_page = _audit_query(request.args)
    page = db.paginate(audit_entries(filters), page=number, per_page=per_page, error_out=False)
    access, emails = current_access(), actor_emails(page.items)
    items = [{"id": entry.id, "recorded_at": moment(entry.recorded_at), "actor": emails.get(entry.actor_id),
              "source": entry.source, "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
              "changes": access.shown_changes(entry.changes, entry.entity)}
             for entry in page.items]
    return jsonify(answer(AuditPage, {"items": items, "page": page.page, "per_page": page.per_page,
                                      "total": page.total, "pages": page.pages}))


def _audit_query(args) -> tuple[AuditFilters, int, int]:
    """The filters, page and entries per page asked for, or one 422 naming every bad parameter (400 for one unknown
    or repeated)."""
    values, errors = _read(args, AUDIT_PARAMS)
    actor = find_user(values["actor"]) if values.get("actor") else None
    if values.get("actor") and actor is None:
        errors["actor"] = _("There is no user with this email.")
    if values.get("from") and values.get("to") and values["from"] > values["to"] and "from" not in errors:
        errors["from"] = _("The period starts after it ends.")
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    filters = AuditFilters(entity=values.get("entity"), entity_id=(values.get("entity_id") or "").strip() or None,
                           actor_id=actor.id if actor else None, start=values.get("from"), end=values.get("to"))
    return filters, values.get("page", 1), values.get("per_page", 50)

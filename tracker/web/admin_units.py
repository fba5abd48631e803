"""Administrators' pages for the units of the office: their names and the supervisors who head them."""
from flask import render_template
from flask_babel import lazy_gettext as _l

from tracker import labels
from tracker.domain.collation import sort_key
from tracker.models import Unit
from tracker.services import units as service
from tracker.web.admin import _edit_page, bp
from tracker.web.admin_forms import UnitForm


@bp.route("/units")
def units():
    """Every unit with its members and heads, the default unit first."""
    return render_template("admin/units.html", units=service.units_overview(labels.language()))


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit(unit_id=None):
    """Creates a unit or changes one: its name and its heads, ticked among the active supervisors."""
    return _edit_page(Unit, unit_id, _unit_form, _save_unit, title=_l("Unit"), back="admin.units",
                      template="admin/unit.html")


def _unit_form(record):
    """The form with the unit's name and heads (what was posted, when it was); every active supervisor a choice."""
    form = UnitForm() if record is None else UnitForm(name=record.name, heads=[head.id for head in record.heads])
    lang = labels.language()
    supervisors = sorted(service.possible_heads(), key=lambda user: sort_key(user.name, lang))
    form.heads.choices = [(user.id, f"{user.name} ({labels.unit_name(user.unit)})") for user in supervisors]
    if record is not None and record.is_default:
        form.name.render_kw = {"placeholder": str(labels.WHOLE_OFFICE)}
        form.name.description = _l("The default unit: users go here when no unit is chosen. Left empty, it is "
                                   "called “Whole office”.")
    else:
        form.name.flags.required = True  # marked as required; the service says so when it is left empty
    return form


def _save_unit(record, form):
    """Saves the name and the heads through the service, which refuses what breaks its rules."""
    service.save_unit(record, name=form.name.data or "", head_ids=form.heads.data or [])

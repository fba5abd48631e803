"""Administrators' pages: users, treaties, crime categories, countries."""
from datetime import timedelta

from babel import Locale
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from sqlalchemy.orm import joinedload

from tracker import clock
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.domain.deadlines import ReleaseEnd, RuleCode, Scope
from tracker.domain.statuses import Kind
from tracker.models import (ArrestStart, AuditEntry, Country, CrimeCategory, DeadlineRule, Treaty, TreatyStatus, Unit,
                            User)
from tracker.services import admin as service
from tracker.services import queries
from tracker.services import treaties as treaty_service
from tracker.services import treaty_import
from tracker.formats.exports import table_response
from tracker.formats.imports import ImportFileError, read_table
from tracker.services.errors import FieldErrors
from tracker.services.access import default_unit
from tracker.services.units import all_units
from tracker.services.tokens import revoke_token, token_of, user_tokens
from tracker.services.users import all_users, create_user, update_user
from tracker import labels
from tracker.web.access import current_access, roles_required
from tracker.web.audit_view import ENTITIES, describe_entries
from tracker.web.form_helpers import options
from tracker.web.params import MAX_ID, MAX_PAGE, Param, read_or_refuse
from tracker.web.admin_forms import (CountryForm, CrimeCategoryForm, DeadlineRuleForm, TreatyFileForm, TreatyForm,
                                     UserForm)

bp = Blueprint("admin", __name__, url_prefix="/admin")
SAVED = _l("Saved.")


@bp.before_request
@roles_required(Role.ADMIN)
def _only_admins():
    """Every page here is for administrators alone."""


@bp.route("/users")
def users():
    """All accounts."""
    return render_template("admin/users.html", users=all_users())


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id=None):
    """Creates or edits an account; the email of an existing account stays."""
    def make_form(account):
        form = UserForm(obj=account, unit_id=None if account else default_unit().id)
        form.unit_id.choices = [(unit.id, labels.unit_name(unit)) for unit in all_units(labels.language())]
        if account:
            form.email.render_kw = {"readonly": True}
        return form
    account = db.session.get(User, user_id) if user_id else None
    context = {"account": account, "account_tokens": user_tokens(account, clock.now())} if account else {}
    return _edit_page(User, user_id, make_form, _save_user, title=_l("User"), back="admin.users", context=context)


@bp.route("/users/<int:user_id>/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_user_token(user_id, token_id):
    """Revokes a user's API token, such as one left in a script by a colleague who moved on."""
    account = db.session.get(User, user_id) or abort(404)
    token = token_of(account, token_id) or abort(404)
    revoke_token(current_user, token, now=clock.now())
    db.session.commit()
    flash(gettext("Token “%(name)s” revoked: it no longer opens the API.", name=token.name), "success")
    return redirect(url_for("admin.user", user_id=user_id))


def _save_user(account, form):
    """Creates the account, or updates it keeping its email."""
    role, language = Role(form.role.data), Language(form.language.data)
    unit = db.session.get(Unit, form.unit_id.data)
    if account is None:
        if not form.password.data:
            # "password" names the field; the value is an error code, not a password.
            raise FieldErrors({"password": "required"})  # nosec B105
        create_user(form.email.data, form.name.data, role, language, form.password.data, now=clock.now(), unit=unit)
        return
    update_user(account, name=form.name.data, role=role, language=language, active=form.active.data,
                password=form.password.data or None, unit=unit)
    if account.id == current_user.id:
        login_user(account)  # the administrator's other sessions end, not the one making the change


@bp.route("/treaties")
def treaties():
    """All treaties, in use or not, and how many are in force per scope on a day (default today)."""
    day = _day_argument("on")
    return render_template("admin/treaties.html", treaties=queries.treaties(active_only=False), day=day,
                           counts=treaty_service.in_force_counts(day))


@bp.route("/treaties/misfits")
def treaty_misfits():
    """Registered requests whose treaty no longer fits their country, kind and sending day; they keep it."""
    total, rows = treaty_service.misfits()
    return render_template("admin/treaty_misfits.html", total=total, rows=rows)


@bp.route("/treaties/new", methods=["GET", "POST"])
@bp.route("/treaties/<int:treaty_id>", methods=["GET", "POST"])
def treaty(treaty_id=None):
    """Creates or edits a treaty, its parties with their dates, and the treaties it replaces."""
    def make_form(record):
        form = TreatyForm(obj=record)
        form.supersedes.choices = options((t.code, t.short(labels.language())) for t in queries.treaties(active_only=False)
                                          if record is None or t.id != record.id)
        # Read from the record, these fields hold its objects (countries, treaties): they are shown as text and codes.
        if record is not None and (not form.is_submitted() or not isinstance(form.parties.data, str)):
            form.scope.data = [s.value for s in record.scope]
            form.parties.data = treaty_service.parties_to_text(record)
            form.supersedes.data = [t.code for t in record.supersedes]
        return form

    def save(record, form):
        data = {name: getattr(form, name).data for name in service.TREATY_FIELDS}
        data["scope"] = form.scope.data
        data["status"] = TreatyStatus(data["status"])
        data["arrest_counts_from"] = ArrestStart(data["arrest_counts_from"])
        service.save_treaty(record, data, form.parties.data or "", today=clock.today_local(),
                            superseded_codes=form.supersedes.data or [])
    return _edit_page(Treaty, treaty_id, make_form, save, title=_l("Treaty"), back="admin.treaties")


@bp.route("/treaties/export")
def export_treaties():
    """The treaty list as CSV or XLSX, in the columns its import reads."""
    fmt = "xlsx" if request.args.get("format") == "xlsx" else "csv"
    return table_response(fmt, f"treaties-{clock.today_local().isoformat()}", str(_l("Treaties")),
                          list(treaty_import.COLUMNS), treaty_import.export_rows())


@bp.route("/treaties/import", methods=["GET", "POST"])
def import_treaties():
    """Takes in the office's treaty list: every row or none, each problem named."""
    form = TreatyFileForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            headings, rows = read_table(upload.filename or "", upload.read())
        except ImportFileError as error:
            report = treaty_import.TreatyImportReport(problems=[(0, "", str(error))])
        else:
            report = treaty_import.import_treaties(headings, rows, today=clock.today_local())
        if report.written:
            db.session.commit()
        else:
            db.session.rollback()
    return render_template("admin/import_treaties.html", form=form, report=report, columns=treaty_import.COLUMNS,
                           required=treaty_import.REQUIRED)


def _day_argument(name):
    """A date from the query string, or today; one that cannot be read is refused (400)."""
    return read_or_refuse(request.args, {name: Param("date", label=_l("On"))}).get(name) or clock.today_local()


@bp.route("/crime-categories")
def crime_categories():
    """All crime categories."""
    return render_template("admin/crime_categories.html", categories=queries.crime_categories())


@bp.route("/crime-categories/new", methods=["GET", "POST"])
@bp.route("/crime-categories/<int:category_id>", methods=["GET", "POST"])
def crime_category(category_id=None):
    """Creates or edits a crime category."""
    def save(record, form):
        service.save_crime_category(record, {n: getattr(form, n).data for n in service.CATEGORY_FIELDS})
    return _edit_page(CrimeCategory, category_id, lambda record: CrimeCategoryForm(obj=record), save,
                      title=_l("Crime category"), back="admin.crime_categories")


@bp.route("/countries")
def countries():
    """Every country with its flags and central authority, in the user's alphabet."""
    records = {c.code: c for c in queries.countries()}
    ordered = [records[code] for code, _ in labels.country_choices(records.values())]
    return render_template("admin/countries.html", countries=ordered)


@bp.route("/countries/<code>", methods=["GET", "POST"])
def country(code):
    """Edits a country's official names, flags and central authority contacts."""
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        abort(404)
    def save(record, form):
        service.save_country(record, {n: getattr(form, n).data for n in service.COUNTRY_FIELDS})
        labels.forget_official_country_names()
    return _edit_page(Country, code.upper(), _country_form, save, title=labels.country_name(code.upper()),
                      back="admin.countries")


def _country_form(record):
    """The country's form, each official name saying which name an empty field leaves in use."""
    form = CountryForm(obj=record)
    for language in ("kk", "ru", "en"):
        usual = Locale.parse(language).territories.get(record.code, record.code) if record else ""
        getattr(form, f"official_name_{language}").description = gettext(
            "Empty: the usual name, “%(name)s”, is shown.", name=usual)
    return form


@bp.route("/deadline-rules")
def deadline_rules():
    """Every deadline rule: defaults per kind and the overrides per treaty or country."""
    rules = db.session.scalars(sa.select(DeadlineRule).options(joinedload(DeadlineRule.treaty))
                               .order_by(DeadlineRule.kind, DeadlineRule.code, DeadlineRule.scope_key))
    return render_template("admin/deadline_rules.html", rules=list(rules))


@bp.route("/deadline-rules/new", methods=["GET", "POST"])
@bp.route("/deadline-rules/<int:rule_id>", methods=["GET", "POST"])
def deadline_rule(rule_id=None):
    """Changes a rule's days, or adds an override for a treaty or a country; open requests are recomputed."""
    def make_form(record):
        form = DeadlineRuleForm(obj=record)
        _rule_choices(form, new=record is None)
        return form
    record = db.session.get(DeadlineRule, rule_id) if rule_id else None
    title = labels.RULE[record.code] if record else _l("New override")
    return _edit_page(DeadlineRule, rule_id, make_form, _save_rule, title=title, back="admin.deadline_rules",
                      saved=_l("Saved; the deadlines of the requests it governs were recomputed."))


@bp.route("/deadline-rules/<int:rule_id>/delete", methods=["POST"])
def delete_deadline_rule(rule_id):
    """Removes an override so the default applies again."""
    record = db.session.get(DeadlineRule, rule_id) or abort(404)
    try:
        service.delete_override(record, today=clock.today_local())
    except FieldErrors:
        abort(400)
    db.session.commit()
    flash(_l("Override removed; the default applies again."), "success")
    return redirect(url_for("admin.deadline_rules"))


def _rule_choices(form, *, new):
    """A new override chooses kind, rule and target; an existing rule only changes its days and how they count."""
    form.ends_with.choices = options((e.value, labels.RELEASE_END[e]) for e in ReleaseEnd)
    if not new:
        for name in ("kind", "code", "scope", "treaty_id", "country_code"):
            delattr(form, name)
        return
    form.kind.choices = options((k.value, labels.KIND[k]) for k in Kind)
    form.code.choices = options((c.value, labels.RULE[c]) for c in RuleCode)
    form.scope.choices = options((s.value, labels.SCOPE_OF_RULE[s]) for s in (Scope.TREATY, Scope.COUNTRY))
    form.treaty_id.choices = options([("", "—")] + [(str(t.id), t.short(labels.language())) for t in queries.treaties()])
    form.country_code.choices = options([("", "—")] + labels.country_choices(queries.countries()))


def _save_rule(record, form):
    """Calls the service with the form's values."""
    if record is not None:
        service.save_rule(record, kind=record.kind, code=record.code, scope=record.scope, treaty_id=record.treaty_id,
                          country_code=record.country_code, days=form.days.data, note=form.note.data,
                          today=clock.today_local(), **_counting(form))
        return
    if not form.kind.data or not form.code.data or not form.scope.data:
        raise FieldErrors({"code": "required"})
    service.save_rule(None, kind=Kind(form.kind.data), code=RuleCode(form.code.data), scope=Scope(form.scope.data),
                      treaty_id=form.treaty_id.data, country_code=form.country_code.data or None,
                      days=form.days.data, note=form.note.data, today=clock.today_local(), **_counting(form))


def _counting(form):
    """The rule's legal source and, for a release deadline, how its days are counted and what stops them."""
    return {"source": form.source.data or "", "source_kk": form.source_kk.data or "",
            "source_en": form.source_en.data or "", "practice_order": form.practice_order.data or "",
            "moves_to_working_day": bool(form.moves_to_working_day.data),
            "counts_first_day": bool(form.counts_first_day.data),
            "ends_with": ReleaseEnd(form.ends_with.data) if form.ends_with.data else ReleaseEnd.RECEIPT_OR_ARREST}


def _edit_page(model, key, make_form, save, *, title, back, saved=SAVED, template="admin/edit.html", context=None):
    """The create-or-edit page of one record: validate, save through a service, commit, go back to the list.
    `context` adds what the page shows beside the form."""
    record = db.session.get(model, key) if key else None
    if key and record is None:
        abort(404)
    form = make_form(record)
    if form.validate_on_submit():
        try:
            save(record, form)
        except FieldErrors as error:
            _attach(form, error)
        else:
            db.session.commit()
            flash(saved, "success")
            return redirect(url_for(back))
    return render_template(template, form=form, title=title, back=url_for(back), **(context or {}))


def _attach(form, error):
    """Shows service errors under their fields."""
    for name, code in error.errors.items():
        field = getattr(form, name, None) or form.submit
        field.errors = list(field.errors) + [labels.error_message(code)]


# The records the audit page's filter offers.
AUDITED_ENTITIES = {name: ENTITIES[name] for name in ("requests", "users", "treaties", "countries", "crime_categories",
                                                       "deadline_rules", "units")}
AUDIT_ACTIONS = {"insert": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted")}
AUDIT_SOURCES = {"web": _l("Web page"), "api": _l("API"), "cli": _l("Command line or scheduled job")}


AUDIT_PARAMS = {"entity": Param("string", enum=tuple(AUDITED_ENTITIES), label=_l("Record")),
                "entity_id": Param("string", max_length=64, label=_l("Record number")),
                "actor": Param("integer", minimum=1, maximum=MAX_ID, label=_l("Who")),
                "from": Param("date", label=_l("From")), "to": Param("date", label=_l("To")),
                "page": Param("integer", minimum=1, maximum=MAX_PAGE, label=_l("Page"))}


@bp.route("/audit")
def audit():
    """The audit log, newest first, filtered by what changed, who changed it and when."""
    args = request.args
    values = read_or_refuse(args, AUDIT_PARAMS)
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if "entity" in values:
        query = query.where(AuditEntry.entity == values["entity"])
    if values.get("entity_id", "").strip():
        query = query.where(AuditEntry.entity_id == values["entity_id"].strip())
    if "actor" in values:
        query = query.where(AuditEntry.actor_id == values["actor"])
    start, end = values.get("from"), values.get("to")
    if start:
        query = query.where(AuditEntry.recorded_at >= clock.start_of_local_day(start))
    if end:
        query = query.where(AuditEntry.recorded_at < clock.start_of_local_day(end + timedelta(days=1)))
    page = db.paginate(query, page=values.get("page", 1), per_page=50, error_out=False)
    people = {u.id: u for u in all_users()}
    return render_template("admin/audit.html", page=page, people=people, entities=AUDITED_ENTITIES,
                           actions=AUDIT_ACTIONS, sources=AUDIT_SOURCES, args=args,
                           lines=describe_entries(page.items, current_access()))


from tracker.web import admin_units  # noqa: E402,F401  the units' pages add their routes to bp

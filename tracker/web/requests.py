"""The prosecutor's request pages: list, detail with history, register, edit, status, reassign."""
import hashlib
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker import clock
from tracker.domain.people import can_create_request, can_edit_request, can_reassign
from tracker.domain.statuses import Kind, can_start_transfer_from
from tracker.extensions import db
from tracker.models import User
from tracker.domain.duplicates import keys_of
from tracker.services import queries
from tracker.services.duplicates import possible_duplicates
from tracker.services import requests as service
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker import labels
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.form_helpers import options
from tracker.web import request_actions as actions
from tracker.web import jobs, request_page
from tracker.web.job_work import REQUESTS_EXPORT
from tracker.web.kept_pages import kept_page
from tracker.web.request_forms import ExtraditionForm, NewExtraditionForm, NewMlaForm, NewTransferForm, RequestForm
from tracker.formats.exports import table_response
from tracker.formats.report_tables import request_list_headings, request_list_rows
from tracker.web.request_list import filter_choices, parse_list
from tracker.web.params import MAX_ID, Param, read_or_refuse
from tracker.web.templating import date_filter
from tracker.web.api.cursor import decode_cursor, make_cursor
from tracker.web.downloads import requested_download, separator

bp = Blueprint("requests", __name__, url_prefix="/requests")


@bp.route("")
@kept_page
def index():
    """The register, filtered, sorted and paginated."""
    filters, sort, descending, page = parse_list(request.args)
    # "Next" carries the last row's key, so that a page reached by it is read from there rather than past an offset.
    keyed = f"{'-' if descending else ''}{sort}"
    after = decode_cursor(request.args["after"], keyed) if "after" in request.args and page > 1 else None
    # "Previous" carries the first row's key the same way; page 1 is always read from the list's start, so that
    # requests that joined the list at its top since are shown there.
    before = (decode_cursor(request.args["before"], keyed) if "before" in request.args and after is None and page > 1
              else None)
    after, before, skipped_pages = _pages_between(page, after, before)
    pagination = queries.request_page(filters, sort=sort, descending=descending, page=page,
                                      per_page=_per_page(), language=labels.language(), after=after, before=before,
                                      skipped_pages=skipped_pages,
                                      exact_up_to=current_app.config["LIST_EXACT_COUNT_UP_TO"],
                                      search_counted_up_to=current_app.config["LIST_SEARCH_COUNTED_UP_TO"], lean=True)
    keys = sort in queries.KEYSET_SORTS and pagination.items
    next_cursor = make_cursor(keyed, pagination.items[-1]) if keys and pagination.has_next else None
    previous_cursor = make_cursor(keyed, pagination.items[0]) if keys and pagination.has_prev else None
    return render_template("requests/index.html", pagination=pagination, filters=filters, sort=sort,
                           descending=descending, choices=filter_choices(), next_cursor=next_cursor,
                           previous_cursor=previous_cursor, keyed_pages_away=KEYED_PAGES_AWAY)


# How far from the page whose key a pager's number carries that number may be: the pages the pager shows around the
# current one (macros/ui.html, which gives keys to the numbers this near). A key given for a page further away is
# passed over, and the page read by its number.
KEYED_PAGES_AWAY = 4


def _pages_between(page: int, after: tuple | None, before: tuple | None) -> tuple:
    """The keys the page is read from and the number of whole pages between it and the key's page: without
    `from_page`, the key is that of the page right beside (none between); with it, the page it names (the page the
    pager was shown on) must lie on the key's side within KEYED_PAGES_AWAY, or the keys are passed over."""
    from_page = request.args.get("from_page", type=int)
    if from_page is None or (after is None and before is None):
        return after, before, 0
    between = page - from_page - 1 if after is not None else from_page - page - 1
    if 0 <= between < KEYED_PAGES_AWAY:
        return after, before, between
    return None, None, 0


@bp.route("/export")
def export():
    """The filtered, sorted list as CSV or XLSX, streamed in batches, with values in the user's language (the
    import reads them back)."""
    filters, sort, descending, _page = parse_list(request.args)
    language = labels.language()
    fmt, delimiter = requested_download(request.args, language) or ("csv", separator(request.args, language))
    count = queries.request_count(filters)
    if filters.access.personal_data:
        # Logged and committed before the first row goes out: the download streams after this view returns, or a
        # job worker writes it.
        log_personal_data_read("export", rows=count)
    if count > current_app.config["EXPORT_DIRECT_ROWS"]:
        job = jobs.start(REQUESTS_EXPORT, request.args.items(multi=True), language)
        flash(_l("%(count)s requests are being exported in the background; this page shows how far it is.",
                 count=count), "info")
        return redirect(url_for("jobs.detail", job_id=job.id))
    rows = request_list_rows(queries.export_rows(filters, sort=sort, descending=descending, language=language),
                             language, access=filters.access)
    return table_response(fmt, f"requests-{clock.today_local().isoformat()}", str(_l("Requests")),
                          request_list_headings(), rows, delimiter=delimiter)


@bp.route("/new")
def choose_kind():
    """Asks which kind of request to register."""
    if not can_create_request(current_user.role):
        abort(403)
    return render_template("requests/choose_kind.html")


NEW_FORMS = {Kind.MLA: NewMlaForm, Kind.EXTRADITION: NewExtraditionForm, Kind.TRANSFER: NewTransferForm}


@bp.route("/new/<any(mla, extradition, transfer):kind>", methods=["GET", "POST"])
def create(kind):
    """Registers a new request of the chosen kind; a transfer may start from a refused extradition request."""
    if not can_create_request(current_user.role):
        abort(403)
    kind = Kind(kind)
    form = NEW_FORMS[kind]()
    _fill_choices(form, with_owner=True)
    origin = _transfer_origin(form) if kind == Kind.TRANSFER else None
    if not form.is_submitted():
        # The next number of the kind this year, which the user may change.
        form.reference.data = queries.suggested_reference(kind, clock.today_local().year)
    if not form.validate_on_submit():
        return render_template("requests/form.html", form=form, kind=kind, item=None, origin=origin)
    data = _form_data(form, kind)
    # A transfer started from a refused extradition request shares its case number by design.
    duplicates = _unconfirmed_duplicates(form, data, exclude_ids=(origin.id,) if origin else ())
    if duplicates:
        return render_template("requests/form.html", form=form, kind=kind, item=None, origin=origin,
                               duplicates=duplicates)
    try:
        created = service.create_request(current_user, kind, data, owner=_chosen_owner(form),
                                         sent_on=form.sent_on.data, today=clock.today_local(), now=clock.now(),
                                         origin=origin)
    except FieldErrors as error:
        _attach_errors(form, error)
        return render_template("requests/form.html", form=form, kind=kind, item=None, origin=origin)
    db.session.commit()
    # An unusual case number is pointed out by the request's page itself, once.
    flash(_l("Request %(reference)s registered.", reference=created.reference), "success")
    return redirect(url_for("requests.detail", request_id=created.id))


# The refused extradition request a transfer starts from: `?from=ID`, then the form's `origin_id`.
ORIGIN = Param("integer", minimum=1, maximum=MAX_ID, label=_l("Started from"))


def _transfer_origin(form):
    """The refused extradition request a transfer starts from (`?from=ID`), its details copied into a new form."""
    source, name = (request.form, "origin_id") if request.method == "POST" else (request.args, "from")
    origin_id = read_or_refuse(source, {name: ORIGIN}).get(name)
    origin = queries.live_request(origin_id, current_access()) if origin_id else None
    if origin is None or not can_start_transfer_from(origin.kind, origin.status):
        return None
    if request.method == "GET":
        form.origin_id.data = origin.id
        for name in ("country_code", "authority", "case_number", "crime_category_id", "articles", "summary"):
            getattr(form, name).data = getattr(origin, name)
        form.treaty_id.data = str(origin.treaty_id or "")
    return origin


@bp.route("/<int:request_id>")
@kept_page(shown=lambda request_id: log_personal_data_read("page", request_id=request_id))
def detail(request_id):
    """One request with the timeline of its history, and the forms to move it on."""
    return request_page.render(request_id)


@bp.route("/<int:request_id>/edit", methods=["GET", "POST"])
def edit(request_id):
    """Edits a request's details, refusing to overwrite a change made meanwhile."""
    item = queries.live_request(request_id, current_access()) or abort(404)
    if not can_edit_request(current_user.role, current_user.id, item.owner_id):
        abort(403)
    form = (ExtraditionForm if item.kind == Kind.EXTRADITION else RequestForm)(obj=item)
    _fill_choices(form, with_owner=False)
    duplicates = []
    if request.method == "GET":
        form.version.data = item.version
        form.treaty_id.data = str(item.treaty_id or "")
    elif form.validate_on_submit() and not (duplicates := _edit_duplicates(form, item)):
        try:
            changes = service.update_request(current_user, item, _form_data(form, item.kind),
                                             expected_version=form.version.data or 0,
                                             today=clock.today_local(), now=clock.now())
            db.session.commit()
        except FieldErrors as error:
            _attach_errors(form, error)
        except (Conflict, StaleDataError):
            return _edit_conflict(form, request_id)
        else:
            flash(_l("Changes saved.") if changes else _l("Nothing was changed."), "success")
            return redirect(url_for("requests.detail", request_id=item.id))
    page = render_template("requests/form.html", form=form, kind=item.kind, item=item, duplicates=duplicates)
    if request.method == "GET":
        log_personal_data_read("page", request_id=request_id)
    return page


for rule, view in (("status", actions.change_status), ("reassign", actions.reassign),
                   ("extend", actions.extend_deadline), ("reminders", actions.record_reminder),
                   ("events", actions.record_event)):
    bp.add_url_rule(f"/<int:request_id>/{rule}", view.__name__, view, methods=["POST"])


@bp.errorhandler(NotPermitted)
def _not_permitted(_error):
    """A service refused the acting user's role."""
    abort(403)


def _per_page():
    """Rows per page from the settings."""
    from flask import current_app

    return current_app.config["REQUESTS_PER_PAGE"]


def _fill_choices(form, *, with_owner):
    """Loads the select options of a request form, countries in the user's alphabet."""
    country_list = queries.countries()
    form.country_code.choices = options([("", "—")] + labels.country_choices(country_list, exclude=("KZ",)))
    form.treaty_id.choices = options([("", _l("Reciprocity (no treaty)"))] + [
        (str(t.id), t.short(labels.language())) for t in queries.treaties()])
    form.crime_category_id.choices = options((c.id, c.name(labels.language())) for c in queries.crime_categories())
    if hasattr(form, "person_citizenship"):
        form.person_citizenship.choices = options([("", "—")] + labels.country_choices(country_list))
    if with_owner:
        form.owner_id.choices = options(queries.assignable_owners(current_access()))
        if not can_reassign(current_user.role):
            del form.owner_id
        elif form.owner_id.data is None:
            form.owner_id.data = current_user.id


def _form_data(form, kind):
    """The form's values as the service expects them."""
    data = {name: getattr(form, name).data for name in service.editable_fields(kind)}
    data["treaty_id"] = int(data["treaty_id"]) if data["treaty_id"] else None
    if "person_citizenship" in data:
        data["person_citizenship"] = data["person_citizenship"] or None
    return data


def _unconfirmed_duplicates(form, data, *, exclude_ids=()):
    """The registered requests these details may duplicate, to show before saving; none when there are none, or
    when the user ticked "anyway" beside exactly these (other matches, after a change, are shown anew)."""
    matches = possible_duplicates(data, current_access(), exclude_ids=exclude_ids)
    shown = _digest(matches)
    if not matches or (form.confirm_duplicates.data and form.duplicates_seen.data == shown):
        return []
    form.duplicates_seen.data = shown
    form.confirm_duplicates.data = False
    return matches


def _edit_duplicates(form, item):
    """On an edit, the possible duplicates to show, only when the case number or the person sought changed."""
    data = _form_data(form, item.kind)
    if keys_of(data) == keys_of({name: getattr(item, name) for name in data}):
        return []
    return _unconfirmed_duplicates(form, data, exclude_ids=(item.id, item.origin_request_id))


def _digest(matches) -> str:
    """A short digest of which requests were shown as possible duplicates (their ids are not put in the page)."""
    ids = ",".join(str(match.request_id) for match in sorted(matches, key=lambda match: match.request_id))
    return hashlib.sha256(ids.encode()).hexdigest()[:16]


def _chosen_owner(form):
    """The owner a supervisor picked, or None."""
    owner_field = getattr(form, "owner_id", None)
    return db.session.get(User, owner_field.data) if owner_field is not None and owner_field.data else None


def _attach_errors(form, error):
    """Shows each service error under its field; one about no field of the form in the summary above it."""
    for field_name, code in error.errors.items():
        field = getattr(form, field_name, None)
        message = labels.error_message(code)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)


def _edit_conflict(form, request_id):
    """Keeps what the user typed, shows the version saved meanwhile, and lets them decide (409)."""
    db.session.rollback()
    item = queries.request_with_history(request_id, current_access()) or abort(404)
    form.version.raw_data = None
    form.version.data = item.version
    flash(CONFLICT_MESSAGE_EDIT, "danger")
    return render_template("requests/form.html", form=form, kind=item.kind, item=item,
                           saved=saved_values(form, item)), 409


def saved_values(form, item) -> list[tuple[str, str]]:
    """(label, value) of each field of the edit form as the request has it saved, written as the request's page
    writes it: names of countries, treaties and categories in the user's language, yes or no, dates dd.MM.yyyy."""
    language = labels.language()
    shown = {
        "country_code": lambda: labels.country_name(item.country_code),
        "person_citizenship": lambda: labels.country_name(item.person_citizenship),
        "treaty_id": lambda: item.treaty.short(language) if item.treaty else str(labels.RECIPROCITY),
        "crime_category_id": lambda: item.crime_category.name(language) if item.crime_category else "",
    }
    values = []
    for field in form:
        if field.name not in labels.FIELD or field.name == "owner_id":
            continue
        value = shown[field.name]() if field.name in shown else getattr(item, field.name)
        values.append((str(labels.FIELD[field.name]), _as_text(value)))
    return values


def _as_text(value) -> str:
    """A saved value as the pages write it."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, date):
        return date_filter(value)
    return "" if value is None else str(value)


CONFLICT_MESSAGE_EDIT = _l("Someone changed this request while you were editing it, so your changes were not "
                           "saved. Compare them with the saved version shown below, then save again or cancel.")

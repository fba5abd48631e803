"""The request's page: its facts, deadlines, history and action forms, fresh or with a refused action's input kept."""
import functools
import re
import secrets
from datetime import date

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from tracker import clock
from tracker import labels
from tracker.domain.case_numbers import case_number_warning
from tracker.domain.references import PREFIXES, reference_warning
from tracker.domain.deadlines import MOVED_BY_FOREIGN_DECISION
from tracker.domain.foreign_events import EVENT_KINDS
from tracker.domain.history import ReminderChannel
from tracker.domain.people import can_create_request, can_edit_request, can_move_custody_deadline, can_reassign
from tracker.domain.statuses import RefusalGround, Status, allowed_next, can_start_transfer_from
from tracker.services import deadlines as deadline_service
from tracker.services import queries
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.attachments import attachments_context
from tracker.web.letters import letters_context
from tracker.web.form_helpers import options
from tracker.web.kept import kept, page_context
from tracker.web.request_forms import EventForm, ExtendDeadlineForm, ReassignForm, ReminderForm, StatusForm
from tracker.web.templating import date_filter

# The action forms in the order the page offers them; each is the template's `<name>_form`.
ACTIONS = ("status", "reminder", "event", "extend", "reassign")
# The statuses a refusal ground is given with; the page shows the ground only when one of them is chosen.
REFUSALS = (Status.REFUSED,)


def _new(form_class, submitted):
    """The form read from the posted data when it is the one submitted, else empty: the request page holds
    several forms whose fields share names (a note, a date), so a fresh form must not pick up another's input."""
    return form_class() if submitted else form_class(formdata=None)


def _prefill(form, item, submitted, **values):
    """On a fresh form, the version read and sensible defaults; a submitted form keeps what the user sent."""
    if not submitted:
        form.version.data = item.version
        for name, value in values.items():
            getattr(form, name).data = value


def status_form(item, submitted=False, today=None):
    """The status form offering only the transitions the workflow allows, and the refusal ground only when a
    refusal is among them; dated `today` (the page's day) unless submitted."""
    form = _new(StatusForm, submitted)
    offered = allowed_next(item.kind, item.status)
    form.to.choices = options((s.value, labels.STATUS[s]) for s in offered)
    if any(status in REFUSALS for status in offered):
        form.ground.choices = options([("", "—")] + [(g.value, labels.GROUND[g]) for g in RefusalGround])
    else:
        del form.ground  # nothing to refuse: the field is neither shown nor read
    _prefill(form, item, submitted, effective_on=today or clock.today_local())
    return form


def reassign_form(item, submitted=False):
    """The reassignment form with every assignable user."""
    form = _new(ReassignForm, submitted)
    form.owner_id.choices = options(queries.assignable_owners(current_access()))
    _prefill(form, item, submitted, owner_id=item.owner_id)
    return form


def extendable(state, role):
    """The open deadlines this user may move: a release deadline only a supervisor, by foreign decision."""
    return [d for d in state.deadlines
            if d.code not in MOVED_BY_FOREIGN_DECISION or can_move_custody_deadline(role)]


def extend_form(item, state, submitted=False):
    """The extension form listing the open deadlines the user may move."""
    form = _new(ExtendDeadlineForm, submitted)
    form.deadline.choices = options((d.code.value, labels.DEADLINE[d.code])
                                    for d in extendable(state, current_user.role))
    _prefill(form, item, submitted)
    return form


def event_form(item, submitted=False, today=None):
    """The form recording an event of the request's kind, dated `today` unless submitted."""
    form = _new(EventForm, submitted)
    form.event.choices = options((e.value, labels.EVENT[e]) for e, kinds in EVENT_KINDS.items() if item.kind in kinds)
    _prefill(form, item, submitted, on=today or clock.today_local())
    return form


def reminder_form(item, submitted=False, today=None):
    """The form recording a reminder sent abroad, dated `today` unless submitted."""
    form = _new(ReminderForm, submitted)
    form.channel.choices = options((c.value, labels.CHANNEL[c]) for c in ReminderChannel)
    _prefill(form, item, submitted, sent_on=today or clock.today_local())
    return form


def offered_forms(item, state, today: date) -> dict:
    """The action forms this user is offered on the request's page, empty and dated `today` (the day the page's
    deadlines were computed for, and its kept forms are kept under); None for an action not offered."""
    editable = can_edit_request(current_user.role, current_user.id, item.owner_id)
    forms = {
        "status": status_form(item, today=today) if editable else None,
        "reminder": reminder_form(item, today=today) if editable and item.may_be_reminded else None,
        "event": event_form(item, today=today) if editable else None,
        "extend": extend_form(item, state) if editable and state.deadlines else None,
        "reassign": reassign_form(item) if can_reassign(current_user.role) else None,
    }
    if forms["status"] is not None and not forms["status"].to.choices:
        forms["status"] = None  # a final status: the page says so instead
    if forms["extend"] is not None and not forms["extend"].deadline.choices:
        forms["extend"] = None
    return forms


def render(request_id, *, failed=None):
    """The request's page as the user may see it, its read of personal data logged.

    `failed` is (action, form) for an action refused for its input: that form is shown open, with what the user
    typed and each error beside its field and in a summary above; None when the action is no longer offered (the
    request moved on meanwhile), for the caller to say so otherwise.
    """
    item = queries.request_with_history(request_id, current_access()) or abort(404)
    today = clock.today_local()
    state = deadline_service.state_of(item, today)
    actions = actions_section(item, state, today, failed)
    if actions is None:
        return None
    offer_transfer = (can_create_request(current_user.role) and can_start_transfer_from(item.kind, item.status)
                      and item.refusal_ground == RefusalGround.NATIONAL)
    page = render_template("requests/detail.html", item=item, state=state, today=today, access=current_access(),
                           case_warning=case_number_warning(item.case_number),
                           reference_warning=reference_warning(item.reference, PREFIXES[item.kind.value]), release_rule=_release_rule(state),
                           transfers=queries.transfers_from(item.id, current_access()), offer_transfer=offer_transfer,
                           failed_action=failed[0] if failed else None, actions=actions,
                           history_value=_history_values(), **attachments_context(item, failed),
                           **letters_context(item))
    log_personal_data_read("page", request_id=item.id)
    return page


def actions_section(item, state, today: date, failed=None) -> Markup | None:
    """The action forms this user is offered (requests/_actions.html): with a refused action's form, that form as
    the user sent it (None when the action is no longer offered); otherwise empty forms, written once per worker for
    what they are made of and kept.

    Building and writing the five empty forms took about a third of the page (cProfile, 10,000 requests). What they
    are made of is in the key: the language, the day (their default dates), the reference data (the owners offered),
    the request's id, version, kind, status and owner, whether it may be reminded about, what this user may do with
    it, the deadlines they may extend and the owners they may choose. The CSRF token differs by session: it is kept
    as a mark and the page's own token is written in its place."""
    if failed is not None and failed[0] in ACTIONS:  # the documents' forms are the documents section's own
        action, form = failed
        forms = offered_forms(item, state, today)
        if forms.get(action) is None:
            return None
        forms[action] = form
        return _write_actions(item, forms, failed_action=action)
    role = current_user.role
    key = (*page_context(), today, item.id, item.version, item.kind, item.status,
           item.owner_id, item.may_be_reminded, can_edit_request(role, current_user.id, item.owner_id),
           can_reassign(role), tuple(d.code for d in extendable(state, role)),
           queries.assignable_owners(current_access()) if can_reassign(role) else ())
    written = kept("request_actions", KEPT_ACTIONS).get_or_make(
        key, lambda: str(_write_actions(item, offered_forms(item, state, today))).replace(generate_csrf(), TOKEN_MARK))
    # The kept HTML holds no token of any session: the mark stands where the token goes.
    return Markup(written.replace(TOKEN_MARK, generate_csrf()) if TOKEN_MARK in written else written)  # nosec B704


def _write_actions(item, forms, failed_action=None) -> Markup:
    return Markup(render_template("requests/_actions.html", item=item, failed_action=failed_action,  # nosec B704
                                  refusals=[s.value for s in REFUSALS],
                                  **{f"{action}_form": form for action, form in forms.items()}))


# Empty action sections a worker keeps (each about 12 kB): one per request page its users opened lately.
KEPT_ACTIONS = 512
# Where a kept section's CSRF token goes: text no form writes, new in each worker.
TOKEN_MARK = f"csrf-token-{secrets.token_hex(16)}"


def _release_rule(state):
    """The rule behind the release deadline, if the request has one open, for saying how it is counted."""
    return next((d.rule for d in state.deadlines if d.code.value == "release"), None)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _history_values():
    """A function writing a value of an edit recorded in the history (kept there as text: codes, ids, ISO dates) as
    the page writes that field: names in the user's language, yes or no, dd.MM.yyyy. Categories and treaties are
    read once per page, and only when an edit of them is shown."""
    language = labels.language()

    @functools.cache
    def names(field):
        """Names by id, as text, of the crime categories or the treaties."""
        if field == "crime_category_id":
            return {str(c.id): c.name(language) for c in queries.crime_categories()}
        return {str(t.id): t.short(language) for t in queries.treaties(active_only=False)}

    def value(field, text):
        """One recorded value as the page writes it; a masked or unknown value as recorded."""
        if not text:
            return ""
        if field in ("country_code", "person_citizenship"):
            return labels.country_name(text)
        if field in ("crime_category_id", "treaty_id"):
            return names(field).get(text, text)
        if field == "in_custody" and text in ("True", "False"):
            return _("yes") if text == "True" else _("no")
        if ISO_DATE.fullmatch(text):
            try:
                return date_filter(date.fromisoformat(text))
            except ValueError:
                return text
        return text
    return value

"""The small forms on a request's page: status change, reassignment, deadline extension, reminder, event."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker import clock
from tracker.domain.foreign_events import EVENT_KINDS
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import can_edit_request, can_move_custody_deadline, can_reassign
from tracker.domain.statuses import RefusalGround, Status, TransitionError, allowed_next
from tracker.domain.deadlines import MOVED_BY_FOREIGN_DECISION, DeadlineCode
from tracker.extensions import db
from tracker.models import User
from tracker.services import deadlines as deadline_service
from tracker.services import events as event_service
from tracker.services import queries
from tracker.services import requests as service
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker import labels
from tracker.web.access import current_access
from tracker.web.form_helpers import options
from tracker.web.request_forms import EventForm, ExtendDeadlineForm, ReassignForm, ReminderForm, StatusForm

CONFLICT_MESSAGE = _l("Someone changed this request while you were working on it. Nothing of yours was saved: "
                      "the page now shows the current version, make your change again.")


def status_form(item):
    """The status form offering only the transitions the workflow allows."""
    form = StatusForm()
    form.to.choices = options((s.value, labels.STATUS[s]) for s in allowed_next(item.kind, item.status))
    form.ground.choices = options([("", "—")] + [(g.value, labels.GROUND[g]) for g in RefusalGround])
    _prefill(form, item, effective_on=clock.today_local())
    return form


def reassign_form(item):
    """The reassignment form with every assignable user."""
    form = ReassignForm()
    form.owner_id.choices = options((u.id, u.name) for u in queries.assignable_users(current_access()))
    _prefill(form, item, owner_id=item.owner_id)
    return form


def extendable(state, role):
    """The open deadlines this user may move: a release deadline only a supervisor, by foreign decision."""
    return [d for d in state.deadlines
            if d.code not in MOVED_BY_FOREIGN_DECISION or can_move_custody_deadline(role)]


def extend_form(item, state):
    """The extension form listing the open deadlines the user may move."""
    form = ExtendDeadlineForm()
    form.deadline.choices = options((d.code.value, labels.DEADLINE[d.code]) for d in extendable(state, current_user.role))
    _prefill(form, item)
    return form


def event_form(item):
    """The form recording an event of the request's kind."""
    form = EventForm()
    form.event.choices = options((e.value, labels.EVENT[e]) for e, kinds in EVENT_KINDS.items() if item.kind in kinds)
    _prefill(form, item, on=clock.today_local())
    return form


def reminder_form(item):
    """The form recording a reminder sent abroad."""
    form = ReminderForm()
    form.channel.choices = options((c.value, labels.CHANNEL[c]) for c in ReminderChannel)
    _prefill(form, item, sent_on=clock.today_local())
    return form


def _prefill(form, item, **values):
    """On a fresh page, the version read and sensible defaults."""
    if request.method == "GET":
        form.version.data = item.version
        for name, value in values.items():
            getattr(form, name).data = value


def change_status(request_id):
    """Records a status change allowed by the workflow."""
    def act(item, form):
        ground = RefusalGround(form.ground.data) if form.ground.data else None
        service.change_status(current_user, item, Status(form.to.data), effective_on=form.effective_on.data,
                              note=form.note.data or "", ground=ground, expected_version=form.version.data,
                              today=clock.today_local(), now=clock.now(), term_on=form.term_on.data)
        return _l("Status changed to “%(status)s”.", status=labels.STATUS[item.status])
    return _handle(request_id, status_form, act)


def reassign(request_id):
    """A supervisor hands the request to another prosecutor."""
    if not can_reassign(current_user.role):
        abort(403)

    def act(item, form):
        service.reassign(current_user, item, db.session.get(User, form.owner_id.data), note=form.note.data or "",
                         expected_version=form.version.data, now=clock.now())
        return _l("Responsible prosecutor changed.")
    return _handle(request_id, reassign_form, act)


def extend_deadline(request_id):
    """Moves one open deadline later with a recorded reason."""
    def act(item, form):
        deadline_service.extend_deadline(current_user, item, DeadlineCode(form.deadline.data), form.new_due_on.data,
                                         reason=form.reason.data or "", expected_version=form.version.data,
                                         today=clock.today_local(), now=clock.now(),
                                         foreign_decision=form.foreign_decision.data or "")
        return _l("Deadline extended.")
    return _handle(request_id, lambda item: extend_form(item, deadline_service.state_of(item, clock.today_local())),
                   act)


def record_reminder(request_id):
    """Records a reminder sent to the foreign authority."""
    def act(item, form):
        deadline_service.record_reminder(current_user, item, sent_on=form.sent_on.data,
                                         channel=ReminderChannel(form.channel.data), note=form.note.data or "",
                                         expected_version=form.version.data, today=clock.today_local(),
                                         now=clock.now())
        return _l("Reminder recorded.")
    return _handle(request_id, reminder_form, act)


def record_event(request_id):
    """Records what the foreign side or we did that is not a status change."""
    def act(item, form):
        entry = event_service.record_event(current_user, item, EventType(form.event.data), on=form.on.data,
                                           note=form.note.data or "", reference=form.reference.data or "",
                                           expected_version=form.version.data, today=clock.today_local(),
                                           now=clock.now())
        return _l("Recorded: %(event)s.", event=labels.EVENT[entry.event])
    return _handle(request_id, event_form, act)


def _handle(request_id, make_form, act):
    """Validates a small form, runs the action, commits, and returns to the request with a message."""
    item = queries.live_request(request_id, current_access()) or abort(404)
    if not can_edit_request(current_user.role, current_user.id, item.owner_id) and not can_reassign(current_user.role):
        abort(403)
    form = make_form(item)
    if not form.validate_on_submit():
        _flash_form_errors(form)
        return redirect(url_for("requests.detail", request_id=request_id))
    try:
        message = act(item, form)
        db.session.commit()
    except TransitionError as error:
        db.session.rollback()
        flash(labels.error_message(error.code), "danger")
    except FieldErrors as error:
        db.session.rollback()
        for code in error.errors.values():
            flash(labels.error_message(code), "danger")
    except NotPermitted:
        db.session.rollback()
        flash(labels.error_message("release_supervisor_only"), "danger")
    except (Conflict, StaleDataError):
        db.session.rollback()
        flash(CONFLICT_MESSAGE, "danger")
    else:
        flash(message, "success")
    return redirect(url_for("requests.detail", request_id=request_id))


def _flash_form_errors(form):
    """Shows each field error of a small form on the request's page."""
    for field in form:
        for message in field.errors:
            label = field.label.text if field.label else ""
            flash(f"{label}: {message}" if label else message, "danger")

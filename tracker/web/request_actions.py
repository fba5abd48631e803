"""The small forms on a request's page: status change, reassignment, deadline extension, reminder, event.

A refused action shows the request's page again (422) with that form open, what the user typed kept and each
error beside its field; a done action returns to the page with a message.
"""
from flask import abort, flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from tracker import clock
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import can_edit_request, can_reassign
from tracker.domain.statuses import RefusalGround, Status, TransitionError
from tracker.domain.deadlines import DeadlineCode
from tracker.extensions import db
from tracker.models import User
from tracker.services import deadlines as deadline_service
from tracker.services import events as event_service
from tracker.services import queries
from tracker.services import requests as service
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker import labels
from tracker.web import request_page
from tracker.web.access import current_access

CONFLICT_MESSAGE = _l("Someone changed this request while you were working on it. Nothing of yours was saved: "
                      "the page now shows the current version, make your change again.")
# The field of the status form each workflow refusal is about.
TRANSITION_FIELD = {"final": "to", "not_allowed": "to", "future_date": "effective_on",
                    "before_previous": "effective_on", "ground_required": "ground", "ground_not_applicable": "ground"}


def change_status(request_id):
    """Records a status change allowed by the workflow."""
    def act(item, form):
        ground = RefusalGround(form.ground.data) if form.ground and form.ground.data else None
        service.change_status(current_user, item, Status(form.to.data), effective_on=form.effective_on.data,
                              note=form.note.data or "", ground=ground, expected_version=form.version.data,
                              today=clock.today_local(), now=clock.now(), term_on=form.term_on.data)
        return _l("Status changed to “%(status)s”.", status=labels.STATUS[item.status])
    return _handle(request_id, "status", request_page.status_form, act)


def reassign(request_id):
    """A supervisor hands the request to another prosecutor."""
    if not can_reassign(current_user.role):
        abort(403)

    def act(item, form):
        service.reassign(current_user, item, db.session.get(User, form.owner_id.data), note=form.note.data or "",
                         expected_version=form.version.data, now=clock.now())
        return _l("Responsible prosecutor changed.")
    return _handle(request_id, "reassign", request_page.reassign_form, act)


def extend_deadline(request_id):
    """Moves one open deadline later with a recorded reason."""
    def act(item, form):
        try:
            deadline_service.extend_deadline(current_user, item, DeadlineCode(form.deadline.data),
                                             form.new_due_on.data, reason=form.reason.data or "",
                                             expected_version=form.version.data, today=clock.today_local(),
                                             now=clock.now(), foreign_decision=form.foreign_decision.data or "")
        except NotPermitted:
            raise FieldErrors({"deadline": "release_supervisor_only"}) from None
        return _l("Deadline extended.")

    def make_form(item, submitted=False):
        """The extension form for the deadlines open today."""
        return request_page.extend_form(item, deadline_service.state_of(item, clock.today_local()), submitted)
    return _handle(request_id, "extend", make_form, act)


def record_reminder(request_id):
    """Records a reminder sent to the foreign authority."""
    def act(item, form):
        deadline_service.record_reminder(current_user, item, sent_on=form.sent_on.data,
                                         channel=ReminderChannel(form.channel.data), note=form.note.data or "",
                                         expected_version=form.version.data, today=clock.today_local(),
                                         now=clock.now())
        return _l("Reminder recorded.")
    return _handle(request_id, "reminder", request_page.reminder_form, act)


def record_event(request_id):
    """Records what the foreign side or we did that is not a status change."""
    def act(item, form):
        entry = event_service.record_event(current_user, item, EventType(form.event.data), on=form.on.data,
                                           note=form.note.data or "", reference=form.reference.data or "",
                                           expected_version=form.version.data, today=clock.today_local(),
                                           now=clock.now())
        return _l("Recorded: %(event)s.", event=labels.EVENT[entry.event])
    return _handle(request_id, "event", request_page.event_form, act)


def _handle(request_id, action, make_form, act):
    """Validates a small form, runs the action and commits, then returns to the request with a message; input
    the form or the service refuses is shown again on the request's page, with the errors."""
    item = queries.live_request(request_id, current_access()) or abort(404)
    if not can_edit_request(current_user.role, current_user.id, item.owner_id) and not can_reassign(current_user.role):
        abort(403)
    form = make_form(item, submitted=True)
    if form.validate_on_submit():
        try:
            message = act(item, form)
            db.session.commit()
        except TransitionError as error:
            db.session.rollback()
            _attach_errors(form, {TRANSITION_FIELD.get(error.code, "to"): error.code})
        except FieldErrors as error:
            db.session.rollback()
            _attach_errors(form, error.errors)
        except NotPermitted:
            db.session.rollback()
            abort(403)
        except (Conflict, StaleDataError):
            db.session.rollback()
            flash(CONFLICT_MESSAGE, "danger")
            return redirect(url_for("requests.detail", request_id=request_id))
        else:
            flash(message, "success")
            return redirect(url_for("requests.detail", request_id=request_id))
    page = request_page.render(request_id, failed=(action, form))
    if page is None:  # the request moved on meanwhile and no longer offers this action: say why on its page
        _flash_form_errors(form)
        return redirect(url_for("requests.detail", request_id=request_id))
    return page, 422


def _attach_errors(form, errors):
    """Puts each service error beside its field; one about no field of the form goes above the form."""
    for name, code in errors.items():
        field = getattr(form, name, None)
        message = labels.error_message(code)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)


def _flash_form_errors(form):
    """Says each error of a form the page no longer shows, as messages on the request's page."""
    for message in form.form_errors:
        flash(message, "danger")
    for field in form:
        for message in field.errors:
            label = field.label.text if field.label else ""
            flash(f"{label}: {message}" if label else message, "danger")

"""Administrators' pages for webhooks: the HTTPS endpoints of other systems, the events each is told of, their
secrets (shown once) and their recent deliveries."""
from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, SubmitField, URLField
from wtforms.widgets import CheckboxInput, ListWidget

from tracker import clock, labels
from tracker.extensions import db
from tracker.models import Webhook
from tracker.services import webhooks as service
from tracker.services.errors import FieldErrors
from tracker.web.admin import SAVED, bp
from tracker.web.form_helpers import options, strip

EVENT_LABELS = {"request.created": _l("A request is registered"),
                "request.status_changed": _l("A request's status changes"),
                "deadline.critical": _l("A custody deadline is missed")}
ERRORS = {"webhook_https_only": _l("The address must begin with https://: deliveries are sent only over HTTPS."),
          "webhook_url_invalid": _l("This is not a web address a delivery can be sent to."),
          "webhook_url_too_long": _l("The address may have at most 500 characters."),
          "webhook_events_required": _l("Choose at least one event."),
          "webhook_unknown_event": _l("Choose the events from the list.")}


class WebhookForm(FlaskForm):
    """A webhook: its HTTPS address, the events it is told of, and whether deliveries go out."""

    # The service checks the address and the events, and names each problem in the user's language.
    url = URLField(_l("Address"), filters=[strip], render_kw={"maxlength": service.URL_MAX},
                   description=_l("The receiving system's HTTPS address, beginning with https://."))
    events = SelectMultipleField(_l("Events"), choices=options(EVENT_LABELS.items()), validate_choice=False,
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    active = BooleanField(_l("Active"), default=True,
                          description=_l("An inactive webhook is told of nothing; its waiting deliveries wait."))
    submit = SubmitField(_l("Save"))


@bp.route("/webhooks")
def webhooks():
    """Every webhook with its events and the state of its latest delivery."""
    return render_template("admin/webhooks.html", rows=service.webhooks_overview(), events=EVENT_LABELS)


@bp.route("/webhooks/new", methods=["GET", "POST"])
@bp.route("/webhooks/<int:webhook_id>", methods=["GET", "POST"])
def webhook(webhook_id=None):
    """Registers a webhook (answered with its secret, once) or changes one; the edit page lists its deliveries."""
    hook = _webhook_or_404(webhook_id) if webhook_id else None
    form = WebhookForm() if hook is None else WebhookForm(url=hook.url, events=hook.events.split(), active=hook.active)
    form.url.flags.required = True  # marked as required; the service says so when it is left empty
    if form.validate_on_submit():
        try:
            if hook is None:
                created = service.create_webhook(current_user, form.url.data, form.events.data or [],
                                                 active=form.active.data, now=clock.now())
            else:
                service.update_webhook(hook, form.url.data, form.events.data or [], active=form.active.data)
        except FieldErrors as error:
            _attach(form, error)
        else:
            db.session.commit()
            if hook is None:
                return _secret_page(created, new=True)
            flash(SAVED, "success")
            return redirect(url_for("admin.webhooks"))
    deliveries = service.recent_deliveries(hook) if hook is not None else []
    return render_template("admin/webhook.html", form=form, hook=hook, deliveries=deliveries, events=EVENT_LABELS,
                           title=_l("Webhook") if hook else _l("New webhook"))


@bp.route("/webhooks/<int:webhook_id>/secret", methods=["POST"])
def webhook_secret(webhook_id):
    """Gives the webhook a new secret, shown on this answer alone."""
    hook = _webhook_or_404(webhook_id)
    service.rotate_secret(hook)
    db.session.commit()
    return _secret_page(hook, new=False)


@bp.route("/webhooks/<int:webhook_id>/delete", methods=["POST"])
def webhook_delete(webhook_id):
    """Removes the webhook and its deliveries."""
    service.delete_webhook(_webhook_or_404(webhook_id))
    db.session.commit()
    flash(_l("Webhook removed."), "success")
    return redirect(url_for("admin.webhooks"))


def _webhook_or_404(webhook_id):
    """The webhook of the address, or 404."""
    return db.session.get(Webhook, webhook_id) or abort(404)


def _secret_page(hook, *, new):
    """The answer that shows the secret: rendered here, never put in a redirect or the session, never cached."""
    response = make_response(render_template("admin/webhook_secret.html", hook=hook, new=new,
                                             headers=(service.EVENT_HEADER, service.DELIVERY_HEADER,
                                                      service.SIGNATURE_HEADER)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _attach(form, error):
    """Shows the service's errors under their fields."""
    for name, code in error.errors.items():
        field = getattr(form, name, None) or form.submit
        field.errors = list(field.errors) + [ERRORS.get(code) or labels.error_message(code)]

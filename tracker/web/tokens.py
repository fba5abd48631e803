"""Each user's page of API tokens: their tokens listed, a new one created and shown once, one revoked."""
from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField

from tracker import clock, labels
from tracker.domain.tokens import DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS
from tracker.extensions import db
from tracker.models import TokenScope
from tracker.services import tokens as service
from tracker.services.errors import FieldErrors
from tracker.services.tokens import NewToken
from tracker.web.form_helpers import options, strip

bp = Blueprint("tokens", __name__, url_prefix="/account")


class TokenForm(FlaskForm):
    """A new token: what it is for, what it may do, how long it lasts. The service checks every value, so that a
    refusal reads the same in every language."""

    name = StringField(_l("Name"), filters=[strip],
                       description=_l("What the token is for, such as the system or script that will use it."))
    scope = SelectField(_l("Access"), default=TokenScope.READ.value, validate_choice=False,
                        choices=options((scope.value, labels.TOKEN_SCOPE[scope]) for scope in TokenScope))
    days = SelectField(_l("Valid for"), default=str(DEFAULT_EXPIRY_DAYS), validate_choice=False,
                       description=_l("The token stops working after this time; create a new one then."))
    submit = SubmitField(_l("Create token"))


def token_form(**kwargs) -> TokenForm:
    """The form with its terms named in the page's language."""
    form = TokenForm(**kwargs)
    form.days.choices = options((str(days), ngettext("%(num)d day", "%(num)d days", days)) for days in EXPIRY_DAYS)
    return form


@bp.get("/tokens")
def index():
    """The user's tokens and the form to create one."""
    return _page(token_form())


@bp.post("/tokens")
def create():
    """Creates a token and shows it in this answer alone: never in a redirect, a flashed message or the session,
    and the answer is not kept by the browser."""
    form = token_form()
    if form.validate_on_submit():
        try:
            new = service.create_token(current_user, form.name.data, form.scope.data, _days(form.days.data),
                                       now=clock.now())
        except FieldErrors as error:
            db.session.rollback()
            _attach(form, error)
        else:
            db.session.commit()
            return _page(token_form(formdata=None), new=new)
    return _page(form)


@bp.post("/tokens/<int:token_id>/revoke")
def revoke(token_id):
    """Revokes one of the user's own tokens; another user's token is not found here."""
    token = service.token_of(current_user, token_id) or abort(404)
    service.revoke_token(current_user, token, now=clock.now())
    db.session.commit()
    flash(_("Token “%(name)s” revoked: it no longer opens the API.", name=token.name), "success")
    return redirect(url_for("tokens.index"))


def _page(form: TokenForm, new: NewToken | None = None):
    """The page: the token just created (if any), the user's tokens, the form."""
    page = render_template("account/tokens.html", form=form, new=new,
                           tokens=service.user_tokens(current_user, clock.now()))
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


def _days(value) -> int | None:
    """The chosen term as a number of days, or None when the form sent something else."""
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 5 else None


def _attach(form: TokenForm, error: FieldErrors) -> None:
    """Shows the service's refusals under their fields."""
    for name, code in error.errors.items():
        field = getattr(form, name, None) or form.submit
        field.errors = list(field.errors) + [labels.error_message(code)]

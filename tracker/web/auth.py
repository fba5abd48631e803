"""Logging in and out, and choosing the interface language."""
import math
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from tracker import clock
from tracker.domain.people import Language
from tracker.extensions import db
from tracker.services.logins import attempt_login
from tracker.services.users import end_sessions

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Shows the login form and logs the user in with a correct password."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        # The throttle writes in transactions of its own; a session left open by reading an old login (SQLite
        # has one writer) would keep them waiting.
        db.session.rollback()
        outcome = attempt_login(form.email.data, form.password.data, request.remote_addr or "", clock.now())
        db.session.commit()
        if outcome.user is not None:
            login_user(outcome.user)
            return redirect(_safe_next(request.args.get("next")))
        if outcome.retry_after is not None:
            minutes = max(1, math.ceil(outcome.retry_after.total_seconds() / 60))
            flash(ngettext("Too many failed logins. Try again in %(num)d minute.",
                           "Too many failed logins. Try again in %(num)d minutes.", minutes), "danger")
            response = make_response(render_template("auth/login.html", form=form), 429)
            response.headers["Retry-After"] = str(int(outcome.retry_after.total_seconds()) + 1)
            return response
        flash(_l("Wrong email or password."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Ends the session, and every other session of the account with it: a copied cookie no longer opens pages."""
    if current_user.is_authenticated:
        end_sessions(current_user)
        db.session.commit()
    logout_user()
    flash(_l("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def language():
    """Switches the interface language and remembers it (on the account once logged in)."""
    chosen = request.form.get("language", "")
    if chosen in current_app.config["LANGUAGES"]:
        session["language"] = chosen
        if current_user.is_authenticated:
            current_user.language = Language(chosen)
            db.session.commit()
    return redirect(_safe_next(request.form.get("next")))


def _safe_next(target: str | None) -> str:
    """A local path to go back to; anything pointing elsewhere goes to the dashboard. Browsers read "/\\host" as
    "//host"; a control character (a line break) cannot go into the Location header at all."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and target.isprintable() \
            and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.home")

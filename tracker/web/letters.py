"""Letters generated from the record: the request, a reminder, a supplementary-information cover, the statistics reply."""
import io
# Only to name the error LibreOffice's conversion raises (tracker.formats.letters runs it).
import subprocess  # nosec B404

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SubmitField

from tracker import clock, labels
from tracker.domain.history import ReminderChannel
from tracker.domain.people import SUPERVISING, Role, can_edit_request
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.formats.letter_templates import LANGUAGES, REQUEST_LETTERS
from tracker.formats.letter_values import request_letter_values, statistics_letter_values
from tracker.services import letters as service
from tracker.services import queries, reports
from tracker.services.errors import Conflict, FieldErrors, NotPermitted
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.form_helpers import options
from tracker.web.params import BadParameters
from tracker.web.request_forms import ReminderForm

bp = Blueprint("letters", __name__)

TITLES = {"request": _l("The request"), "reminder": _l("Reminder to the foreign authority"),
          "supplement_cover": _l("Cover letter of the supplementary information"),
          "statistics": _l("Statistics reply")}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
FORMATS = ("docx", "pdf")
SENT = _l("Reminder recorded, with the letter attached to it.")
CONFLICT = _l("Someone changed this request while you were working on it. Nothing of yours was saved: check the "
              "letter again before recording it.")
NO_PDF = _l("PDF is not available: LibreOffice is not installed on the server.")


class SentReminderForm(ReminderForm):
    """The reminder letter as sent: when and how; the letter itself is generated again from the record."""

    submit = SubmitField(_l("I sent this reminder"))


def letters_context(item) -> dict:
    """What the request's page offers of its letters: none to whoever may not read personal data."""
    if not service.may_write_letters(current_access()):
        return {"letters_offered": []}
    return {"letters_offered": [(letter, TITLES[letter]) for letter in service.offered_letters(item)],
            "letter_languages": LANGUAGE_NAMES, "letter_language": _language(None)}


def _language(asked: str | None) -> str:
    """The letter's language: the one asked for, else the page's."""
    return asked if asked in LANGUAGES else (labels.language() if labels.language() in LANGUAGES else "ru")


def _facts(request_id: int, letter: str):
    """The request and the facts of its letter, or 404 (unknown letter, request not seen, letter not offered) or 403
    (a reader without personal data)."""
    if letter not in REQUEST_LETTERS:
        abort(404)
    item = queries.request_with_history(request_id, current_access()) or abort(404)
    try:
        return item, service.letter_facts(current_access(), item, letter, clock.today_local())
    except NotPermitted:
        abort(403)
    except service.NotOffered:
        abort(404)


def _render(letter: str, facts, language: str) -> letter_files.Letter:
    return letter_files.render(letter, language, request_letter_values(letter, facts, language, current_user))


def _filename(letter: str, reference: str, language: str, extension: str) -> str:
    return f"{letter}-{reference}-{language}.{extension}"


@bp.route("/requests/<int:request_id>/letters/<letter>")
def prepare(request_id, letter, form=None):
    """The letter before download: what the record lacks, listed, and the downloads; for a reminder, recording it
    as sent."""
    item, facts = _facts(request_id, letter)
    language = _language(request.args.get("lang"))
    generated = _render(letter, facts, language)
    if letter == "reminder" and can_edit_request(current_user.role, current_user.id, item.owner_id) and form is None:
        form = SentReminderForm(formdata=None, sent_on=clock.today_local(), version=item.version)
    if form is not None:
        form.channel.choices = options((c.value, labels.CHANNEL[c]) for c in ReminderChannel)
    return render_template("letters/prepare.html", item=item, letter=letter, title=TITLES[letter],
                           language=language, languages=LANGUAGE_NAMES, blanks=generated.blanks,
                           pdf=letter_files.soffice() is not None, form=form)


@bp.route("/requests/<int:request_id>/letters/<letter>/file")
def download(request_id, letter):
    """The letter as DOCX (or PDF when LibreOffice is installed), logged as a read of the request's personal data."""
    item, facts = _facts(request_id, letter)
    language = _language(request.args.get("lang"))
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        abort(404)
    generated = _render(letter, facts, language)
    response = _file_response(generated.content, fmt, _filename(letter, item.reference, language, fmt))
    log_personal_data_read("export", request_id=item.id)
    return response


def _file_response(content: bytes, fmt: str, filename: str):
    """The letter to download in `fmt`; PDF only through LibreOffice, a page saying so without it."""
    if fmt == "pdf":
        program = letter_files.soffice()
        if program is None:
            abort(404, description=str(NO_PDF))
        try:
            content = letter_files.to_pdf(content, program)
        except (OSError, subprocess.SubprocessError):
            abort(503, description=str(NO_PDF))
    mimetype = letter_files.PDF_TYPE if fmt == "pdf" else letter_files.DOCX_TYPE
    response = send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=filename)
    response.headers["Content-Disposition"] = attachment_disposition(filename)
    return response


@bp.route("/requests/<int:request_id>/letters/reminder/sent", methods=["POST"])
def reminder_sent(request_id):
    """Records the reminder as sent and keeps the letter, generated again from the record, with that entry."""
    item, facts = _facts(request_id, "reminder")
    if not can_edit_request(current_user.role, current_user.id, item.owner_id):
        abort(403)
    language = _language(request.args.get("lang"))
    form = SentReminderForm()
    form.channel.choices = options((c.value, labels.CHANNEL[c]) for c in ReminderChannel)
    if not form.validate_on_submit():
        return prepare(request_id, "reminder", form=form), 422
    generated = _render("reminder", facts, language)
    try:
        service.record_reminder_letter(current_user, item, content=generated.content,
                                       filename=_filename("reminder", item.reference, language, "docx"),
                                       language=language, sent_on=form.sent_on.data,
                                       channel=ReminderChannel(form.channel.data), note=form.note.data or "",
                                       expected_version=form.version.data, today=clock.today_local(), now=clock.now())
        db.session.commit()
    except FieldErrors as error:
        db.session.rollback()
        for name, code in error.errors.items():
            field = getattr(form, name, None)
            (field.errors.append if field is not None else form.form_errors.append)(labels.error_message(code))
        return prepare(request_id, "reminder", form=form), 422
    except NotPermitted:
        db.session.rollback()
        abort(403)
    except (Conflict, StaleDataError):
        db.session.rollback()
        flash(CONFLICT, "danger")
        return redirect(url_for("letters.prepare", request_id=request_id, letter="reminder", lang=language))
    flash(SENT, "success")
    return redirect(url_for("requests.detail", request_id=request_id))


@bp.route("/reports/statistics/letter")
def statistics_letter():
    """The statistics reply as DOCX (or PDF), for the statistics page's period and filters, in the chosen language."""
    from tracker.web.reports import START_CLEARED, PeriodForm, requested_report_filters, statistics_sender

    if current_user.role not in (*SUPERVISING, Role.ADMIN):
        abort(403)
    today = clock.today_local()
    form = PeriodForm(request.args)
    form.validate()
    refused = {field.name: " ".join(field.errors) for field in form if field.errors}
    if "start" in request.args and not request.args["start"].strip():
        refused["start"] = str(START_CLEARED)
    if refused:
        raise BadParameters(refused, {name: form[name].label.text for name in refused})
    start, end, as_of, _problems = form.resolve(today, as_of_in_period=True)
    filters, _parsed = requested_report_filters()
    language = _language(request.args.get("lang"))
    fmt = request.args.get("format", "docx")
    if fmt not in FORMATS:
        abort(404)
    sender = statistics_sender(language) if request.args.get("sender") == "1" else ""
    stats = reports.statistics(start, end, as_of, filters)
    generated = letter_files.render("statistics", language,
                                    statistics_letter_values(stats, language, current_user, today, sender))
    return _file_response(generated.content, fmt, f"statistics-{start.isoformat()}-{end.isoformat()}-{language}.{fmt}")


@bp.app_template_global()
def statistics_letter_url(language: str) -> str:
    """The statistics reply for the statistics page's current period and filters, in `language`."""
    from tracker.web.templating import page_args

    args = {name: values for name, values in page_args().items() if name not in ("lang", "format", "sep")}
    return url_for("letters.statistics_letter", lang=language, **args)


# The administrators' pages of letter templates add their routes to the admin blueprint, which is registered after
# this module is imported.
from tracker.web import admin_letters  # noqa: E402,F401
from tracker.web.downloads import attachment_disposition

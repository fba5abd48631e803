"""A request's documents on its page: upload, list, download, and removal by a supervisor."""
import functools
import unicodedata
from dataclasses import dataclass

from babel import Locale
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker import clock, labels
from tracker.domain import limits
from tracker.domain.access import MASK
from tracker.domain.attachments import EXTENSIONS, AttachmentKind, RefusedFile, media_type_of
from tracker.domain.collation import sort_key
from tracker.domain.people import can_edit_request
from tracker.extensions import db
from tracker.models import Attachment
from tracker.services import queries
from tracker.services.attachment_store import current_store
from tracker.services.attachments import REMOVERS, NewDocument, add_attachments, attachments_of, remove_attachment
from tracker.services.errors import FieldErrors, NotPermitted
from tracker.web.access import current_access, log_personal_data_read
from tracker.web.form_helpers import DateField, options, strip
from tracker.web.templating import date_filter
from tracker.web.downloads import attachment_disposition

bp = Blueprint("attachments", __name__)

# The languages the upload form offers: the office's three first, then those of the states it most often writes to.
FIRST_LANGUAGES = ("kk", "ru", "en")
MORE_LANGUAGES = ("zh", "tr", "de", "fr", "uz", "ky", "tg", "tk", "az", "ar", "fa", "uk", "be", "hy", "ka", "mn",
                  "ko", "ja", "es", "it", "pl", "cs", "he", "hi", "ur")
ACCEPT = ",".join(extension for extensions in EXTENSIONS.values() for extension in extensions)
# The log of reads names a document's download by this channel (tracker/web/admin_reads.py labels it).
READ_CHANNEL = "document"
# The longest uploaded name quoted back in an error message.
QUOTED_NAME_LIMIT = 80


class UploadForm(FlaskForm):
    """Documents added to a request, several at once, described together."""

    file = MultipleFileField(_l("Files"), id="document-file", render_kw={"accept": ACCEPT})
    kind = SelectField(_l("What the documents are"), validators=[DataRequired()], id="document-kind")
    language = SelectField(_l("Language of the documents"), validators=[Optional()], id="document-language")
    document_date = DateField(_l("Date of the documents"), validators=[Optional()], id="document-date")
    event = SelectField(_l("History entry they belong to"), validators=[Optional()], id="document-event")
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=limits.NOTE)], id="document-note")
    submit = SubmitField(_l("Add documents"), id="document-submit")


class RemoveForm(FlaskForm):
    """A supervisor's withdrawal of one document, with the reason the history keeps (prefixed by the document)."""

    reason = TextAreaField(_l("Why the document is removed"), filters=[strip],
                           validators=[DataRequired(), Length(max=limits.NOTE)])
    submit = SubmitField(_l("Remove the document"))


@bp.url_value_preprocessor
def _allow_large_upload(endpoint, values):
    """Lets the upload take ATTACHMENT_UPLOAD_MAX_BYTES in one body; every other form keeps MAX_CONTENT_LENGTH.
    Set here because Flask runs URL value preprocessors before every before_request hook, and the CSRF check and
    the refusal of NUL characters read the posted form in such hooks: a limit set later would come too late."""
    if endpoint == "attachments.upload":
        request.max_content_length = current_app.config["ATTACHMENT_UPLOAD_MAX_BYTES"]


def language_name(code: str) -> str:
    """A language code as the page's language names it ("" for none said)."""
    return _language_name(code, labels.language()) if code else ""


@functools.lru_cache(maxsize=256)
def _language_name(code: str, page_language: str) -> str:
    name = Locale.parse(page_language).languages.get(code, code)
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=8)
def _more_languages(page_language: str) -> tuple[str, ...]:
    """The languages after kk, ru and en, in the alphabetical order of their names in the page's language (each
    document's page offers them all)."""
    return tuple(sorted(MORE_LANGUAGES, key=lambda code: sort_key(_language_name(code, page_language), page_language)))


def upload_form(item, submitted=False) -> UploadForm:
    """The upload form with the kinds, the languages and the request's history entries to choose from; empty unless
    it is the one submitted (the page holds other forms with a note)."""
    form = UploadForm() if submitted else UploadForm(formdata=None)
    page_language = labels.language()
    form.kind.choices = options([("", _("Choose…"))] + [(k.value, labels.ATTACHMENT_KIND[k]) for k in AttachmentKind])
    more = _more_languages(page_language)
    form.language.choices = options([("", _("Not said"))] + [(code, language_name(code))
                                                             for code in FIRST_LANGUAGES + tuple(more)])
    form.event.choices = options([("", _("None: the request itself"))] + [
        (str(entry.id), _entry_title(entry)) for entry in reversed(item.events)])
    return form


def _entry_title(entry) -> str:
    """A history entry named in a choice or beside a document: its date and what it records."""
    return f"{date_filter(entry.effective_on or clock.local_date(entry.recorded_at))} · {labels.EVENT[entry.event]}"


def _facts(document: Attachment) -> str:
    """A document's language, date and size in a line."""
    facts = [language_name(document.language),
             _("dated %(day)s", day=date_filter(document.document_date)) if document.document_date else "",
             document_size(document.size)]
    return " · ".join(fact for fact in facts if fact)


def document_size(size: int) -> str:
    """A size as people read it, in the page's number format: 900 bytes, 35 KB, 1.4 MB."""
    if size < 1024:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(round(size / 1024)))
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1), format="#,##0.#"))


@dataclass(frozen=True)
class ShownDocument:
    """One document as this user may see it on the request's page."""

    attachment: Attachment
    name: str  # MASK for whoever sees no personal data
    note: str  # the same: a note may name the person sought
    downloadable: bool
    facts: str  # language, date and size
    entry: str  # the history entry it belongs to, as its date and name; "" for the request itself
    uploaded_by: str
    removed_by: str
    removal_reason: str


def attachments_context(item, failed=None) -> dict:
    """What the request's page shows of its documents: the list, each history entry's own, and the forms this user is
    offered (the refused one with what was typed, after a refused upload or removal)."""
    access = current_access()
    documents = attachments_of(item)
    names = queries.user_names({d.uploaded_by_id for d in documents} | {d.removed_by_id for d in documents
                                                                       if d.removed_by_id})
    entries = {entry.id: entry for entry in item.events}
    shown = [ShownDocument(
        attachment=d, name=d.filename if access.personal_data else MASK,
        note=d.note if access.personal_data or not d.note else MASK,
        downloadable=access.personal_data and d.removed_at is None, facts=_facts(d),
        entry=_entry_title(entries[d.event_id]) if d.event_id in entries else "",
        uploaded_by=names.get(d.uploaded_by_id, ""),
        removed_by=names.get(d.removed_by_id, "") if d.removed_by_id else "",
        removal_reason=entries[d.removal_event_id].note if d.removal_event_id in entries else "") for d in documents]
    by_entry = {}
    for document in shown:
        if document.attachment.event_id is not None:
            by_entry.setdefault(document.attachment.event_id, []).append(document)
    action, form = failed if failed else (None, None)
    may_upload = can_edit_request(current_user.role, current_user.id, item.owner_id)
    return {"documents": shown, "documents_kept": sum(1 for d in documents if d.removed_at is None),
            "documents_by_entry": by_entry, "document_name": _name_as_shown,
            "upload_form": (form if action == "upload" else upload_form(item)) if may_upload else None,
            "may_remove_documents": current_user.role in REMOVERS,
            "remove_form_of": lambda document_id: form if action == "remove" and form.document_id == document_id
            else RemoveForm(formdata=None, prefix=f"remove-{document_id}"),
            "upload_limits": {"each": document_size(current_app.config["ATTACHMENT_MAX_BYTES"]),
                              "all": document_size(current_app.config["ATTACHMENT_UPLOAD_MAX_BYTES"])}}


def _name_as_shown(name: str) -> str:
    """A document's name recorded in the history, masked for whoever sees no personal data."""
    return name if current_access().personal_data or not name else MASK


@bp.route("/requests/<int:request_id>/attachments", methods=["POST"])
def upload(request_id):
    """Keeps the chosen files as documents of the request, all or none; a refusal shows the page again with the
    description kept and the error beside its field."""
    item = queries.live_request(request_id, current_access()) or abort(404)
    if not can_edit_request(current_user.role, current_user.id, item.owner_id):
        abort(403)
    form = upload_form(item, submitted=True)
    if form.validate_on_submit():
        files = _chosen_files(form)
        try:
            kept = add_attachments(current_user, item, files, kind=form.kind.data, language=form.language.data or "",
                                   document_date=form.document_date.data, note=form.note.data or "",
                                   event=_entry(item, form.event.data), now=clock.now())
            db.session.commit()
        except FieldErrors as error:
            db.session.rollback()
            _show_errors(form, error.errors, files)
        except NotPermitted:
            db.session.rollback()
            abort(403)
        else:
            flash(ngettext("%(num)d document added.", "%(num)d documents added.", len(kept)), "success")
            return redirect(url_for("requests.detail", request_id=request_id, _anchor="documents"))
    return _page_again(request_id, "upload", form, 422)


def _chosen_files(form) -> list[NewDocument]:
    """The files sent, each read to one byte past the limit of a document (enough to refuse it as too large);
    the empty part a browser sends when no file was chosen is no file."""
    most = current_app.config["ATTACHMENT_MAX_BYTES"] + 1
    return [NewDocument(storage.filename or "", storage.stream.read(most))
            for storage in form.file.data or [] if storage and storage.filename]


def _entry(item, value: str):
    """The history entry of `item` chosen in the form, or None."""
    return next((entry for entry in item.events if str(entry.id) == value), None) if value else None


def _show_errors(form, errors: dict, files: list[NewDocument]) -> None:
    """Puts each refusal beside its field; a refused file is named, since several may have been sent."""
    for name, code in errors.items():
        message = labels.error_message(code)
        if name == "file":
            culprit = _refused_file(files)
            if culprit is not None:
                message = _("“%(name)s”: %(problem)s", name=culprit, problem=message)
        field = getattr(form, name, None)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)


def _refused_file(files: list[NewDocument]) -> str | None:
    """The name, as sent, of the first file the register refuses, shortened and without control characters."""
    most = current_app.config["ATTACHMENT_MAX_BYTES"]
    for file in files:
        try:
            refused = len(file.content) > most or not media_type_of(file.content)
        except RefusedFile:
            refused = True
        if refused:
            name = "".join(ch for ch in file.filename if unicodedata.category(ch)[0] != "C")
            return name[:QUOTED_NAME_LIMIT] + ("…" if len(name) > QUOTED_NAME_LIMIT else "")
    return None


def _page_again(request_id, action, form, code):
    """The request's page with this form refused; the form's errors said on the page when it is no longer offered."""
    from tracker.web import request_page  # imported here: the request's page imports this module's context

    page = request_page.render(request_id, failed=(action, form))
    if page is None:
        for field in form:
            for message in field.errors:
                flash(message, "danger")
        return redirect(url_for("requests.detail", request_id=request_id, _anchor="documents"))
    return page, code


@bp.errorhandler(413)
def _upload_too_large(error):
    """A body over the upload's limit: the request's page with the upload form and what the limit is, for whoever may
    upload to that request; anyone else the usual page."""
    request_id = (request.view_args or {}).get("request_id")
    item = queries.live_request(request_id, current_access()) if request_id and current_user.is_authenticated \
        else None
    if request.endpoint != "attachments.upload" or item is None or \
            not can_edit_request(current_user.role, current_user.id, item.owner_id):
        return render_template("errors/error.html", code=413, message=_("The file is too large.")), 413
    form = upload_form(item)
    form.file.errors = [_("The files sent together are larger than %(size)s, the most one upload takes; nothing was "
                          "kept. Add them in smaller groups.",
                          size=document_size(current_app.config["ATTACHMENT_UPLOAD_MAX_BYTES"]))]
    return _page_again(request_id, "upload", form, 413)


@bp.route("/attachments/<int:attachment_id>")
def download(attachment_id):
    """The document's file, to whoever may see its request and the personal data in it; every download logged."""
    attachment = db.session.get(Attachment, attachment_id) or abort(404)
    queries.live_request(attachment.request_id, current_access()) or abort(404)
    if not current_access().personal_data:
        abort(403)
    if attachment.removed_at is not None:
        message = _("This document was removed from the request on %(day)s and can no longer be downloaded.",
                    day=date_filter(clock.local_date(attachment.removed_at)))
        return render_template("errors/error.html", code=410, message=message), 410
    store = current_store()
    if not store.exists(attachment.sha256):
        current_app.logger.error("The file of document %s (%s) is missing", attachment.id, attachment.sha256)
        message = _("The file of this document cannot be found in the store. Tell the administrator.")
        return render_template("errors/error.html", code=404, message=message), 404
    path, media_type, name = store.path_of(attachment.sha256), attachment.media_type, attachment.filename
    log_personal_data_read(READ_CHANNEL, request_id=attachment.request_id)
    response = send_file(path, mimetype=media_type, as_attachment=True, download_name=name, conditional=False,
                         etag=False, max_age=0)
    # A browser told to show it anyway runs nothing in it and guesses no other type.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = attachment_disposition(name)
    return response


@bp.route("/attachments/<int:attachment_id>/remove", methods=["POST"])
def remove(attachment_id):
    """A supervisor or the central authority withdraws a document, with a reason, as an entry of the history."""
    attachment = db.session.get(Attachment, attachment_id) or abort(404)
    request_id = attachment.request_id
    queries.live_request(request_id, current_access()) or abort(404)
    if current_user.role not in REMOVERS:
        abort(403)
    if attachment.removed_at is not None:  # removed meanwhile: its form is no longer on the page to say so beside
        flash(labels.error_message("already_removed"), "warning")
        return redirect(url_for("requests.detail", request_id=request_id, _anchor="documents"))
    form = RemoveForm(prefix=f"remove-{attachment_id}")
    form.document_id = attachment_id
    if form.validate_on_submit():
        name = attachment.filename
        try:
            remove_attachment(current_user, attachment, reason=form.reason.data or "", now=clock.now())
            db.session.commit()
        except FieldErrors as error:
            db.session.rollback()
            _show_errors(form, error.errors, [])
        except NotPermitted:
            db.session.rollback()
            abort(403)
        else:
            flash(_("Document removed: %(name)s.", name=name), "success")
            return redirect(url_for("requests.detail", request_id=request_id, _anchor="documents"))
    return _page_again(request_id, "remove", form, 422)


"""Administrators' page of letter templates: download the one in use, replace it with a checked DOCX, go back to the
built-in one."""
import hashlib
import io

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from tracker import clock
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.formats.letter_templates import LANGUAGES, LETTERS
from tracker.services import letters as service
from tracker.web.admin import bp

# Why a replacement template was refused, by LetterTemplateError's code, with its detail where it has one.
REFUSALS = {
    "not_docx": lambda detail: _("This file is not a DOCX document."),
    "syntax": lambda detail: _("A placeholder of the template is not written correctly: %(detail)s", detail=detail),
    "unknown_value": lambda detail: _("The template uses a value letters do not have: %(detail)s", detail=detail),
    "unsafe": lambda detail: _("The template reaches for something a letter may not use: %(detail)s", detail=detail),
    "unreadable": lambda detail: _("The template could not be read as a letter (%(detail)s).", detail=detail),
    "placeholder_left": lambda detail: _("A placeholder would be left in the letter: check the braces of the "
                                         "template's placeholders."),
    "no_file": lambda detail: _("Choose a DOCX file."),
    "too_large": lambda detail: _("The file is too large."),
}

def _names():
    from tracker.web.letters import LANGUAGE_NAMES, TITLES

    return TITLES, LANGUAGE_NAMES


def _checked(letter: str, language: str) -> None:
    if letter not in LETTERS or language not in LANGUAGES:
        abort(404)


@bp.route("/letters")
def letter_templates(refused=None, status=200):
    """Each letter in each language: whether the built-in template or a replacement is in use."""
    titles, languages = _names()
    rows = [(letter, titles[letter], [(language, languages[language], letter_files.is_replaced(letter, language))
                                      for language in LANGUAGES]) for letter in LETTERS]
    variables = {letter: letter_files.VARIABLES[letter] for letter in LETTERS}
    return render_template("admin/letters.html", rows=rows, variables=variables, refused=refused), status


@bp.route("/letters/<letter>/<language>.docx")
def letter_template_file(letter, language):
    """The template in use, to adapt and upload back."""
    _checked(letter, language)
    return send_file(io.BytesIO(letter_files.template_in_use(letter, language)), mimetype=letter_files.DOCX_TYPE,
                     as_attachment=True, download_name=f"{letter}.{language}.docx")


@bp.route("/letters/<letter>/<language>", methods=["POST"])
def replace_letter_template(letter, language):
    """Replaces the template after rendering it with every value the letter has; a template that fails is refused
    with the reason, and the one in use stays."""
    _checked(letter, language)
    upload = request.files.get("file")
    content = upload.read() if upload is not None else b""
    try:
        if not content:
            raise letter_files.LetterTemplateError("no_file")
        if len(content) > (current_app.config.get("ATTACHMENT_MAX_BYTES") or len(content)):
            raise letter_files.LetterTemplateError("too_large")
        letter_files.check_replacement(letter, language, content)
    except letter_files.LetterTemplateError as error:
        message = REFUSALS[error.code](error.detail)
        return letter_templates(refused=(letter, language, message), status=422)
    letter_files.save_replacement(letter, language, content)
    service.record_template_change(letter, language, replaced=True, sha256=hashlib.sha256(content).hexdigest(),
                                   now=clock.now())
    db.session.commit()
    flash(_("Template replaced: letters are now made from it."), "success")
    return redirect(url_for("admin.letter_templates"))


@bp.route("/letters/<letter>/<language>/default", methods=["POST"])
def restore_letter_template(letter, language):
    """Goes back to the built-in template."""
    _checked(letter, language)
    if letter_files.remove_replacement(letter, language):
        service.record_template_change(letter, language, replaced=False, sha256="", now=clock.now())
        db.session.commit()
        flash(_("The built-in template is in use again."), "success")
    return redirect(url_for("admin.letter_templates"))

"""The upload page where supervisors and administrators take over an existing register."""
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from sqlalchemy.exc import IntegrityError
from wtforms import SubmitField

from tracker import clock
from tracker.formats import imports
from tracker.domain.people import SUPERVISING, Role
from tracker.extensions import db
from tracker import labels
from tracker.web.job_work import REQUESTS_IMPORT
from tracker.web import jobs
from tracker.web.access import roles_required

bp = Blueprint("imports", __name__, url_prefix="/import")


class ImportForm(FlaskForm):
    """A register file and whether to only check it or import it."""

    file = FileField(_l("Register file (CSV or XLSX)"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "xlsx"], _l("Only CSV or XLSX files can be imported."))])
    check = SubmitField(_l("Check only"))
    submit = SubmitField(_l("Import"))


def run_import(filename: str, data: bytes, actor, *, dry_run: bool, progress=None):
    """Checks or imports a register file and commits what it wrote (the page, the API and a job alike): the report,
    and whether someone registered one of its numbers meanwhile, in which case nothing was written."""
    report = imports.import_requests(filename, data, actor=actor, dry_run=dry_run, today=clock.today_local(),
                                     now=clock.now(), progress=progress)
    conflict = report.conflict
    if report.written:
        try:
            db.session.commit()
        except IntegrityError:  # someone registered one of the numbers while the file was imported
            db.session.rollback()
            report.written, conflict = False, True
    else:
        db.session.rollback()
    return report, conflict


@bp.route("/requests", methods=["GET", "POST"])
@roles_required(*SUPERVISING, Role.ADMIN)
def requests():
    """Checks a file (dry run) or imports it, then shows what happened row by row."""
    form = ImportForm()
    report = None
    conflict = False
    if form.validate_on_submit():
        upload = form.file.data
        data, dry_run = upload.read(), not form.submit.data
        if len(data) > current_app.config["IMPORT_DIRECT_BYTES"]:
            # A large file is checked or imported by a job worker, its report shown on the job's page.
            job = jobs.start(REQUESTS_IMPORT, [("filename", upload.filename or ""), ("dry_run", "1" if dry_run else "0")],
                             labels.language(), once=False, data=data)
            flash(_l("The file is being checked in the background; this page shows how far it is.") if dry_run else
                  _l("The file is being imported in the background; this page shows how far it is."), "info")
            return redirect(url_for("jobs.detail", job_id=job.id))
        report, conflict = run_import(upload.filename or "", data, current_user, dry_run=dry_run)
    return render_template("imports/requests.html", form=form, report=report, conflict=conflict,
                           columns=imports.COLUMNS, required=imports.REQUIRED, shown=imports.SHOWN_PROBLEMS)

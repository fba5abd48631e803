"""Forms of the request pages; their fields follow the request's kind."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from tracker.domain import limits
from tracker.domain.case_numbers import normalise_case_number
from tracker.web.form_helpers import DateField, strip
from tracker.labels import FIELD


class RequestForm(FlaskForm):
    """The fields every request has."""

    reference = StringField(FIELD["reference"], filters=[strip],
                            validators=[DataRequired(), Length(max=limits.REFERENCE)])
    country_code = SelectField(FIELD["country_code"], validators=[DataRequired()])
    authority = StringField(FIELD["authority"], filters=[strip], validators=[Length(max=limits.AUTHORITY)])
    treaty_id = SelectField(FIELD["treaty_id"], validators=[Optional()])
    case_number = StringField(FIELD["case_number"], filters=[strip, normalise_case_number],
                              validators=[DataRequired(), Length(max=limits.CASE_NUMBER)])
    crime_category_id = SelectField(FIELD["crime_category_id"], coerce=int, validators=[InputRequired()])
    articles = StringField(FIELD["articles"], filters=[strip], validators=[Length(max=limits.ARTICLES)])
    summary = TextAreaField(FIELD["summary"], filters=[strip], validators=[Length(max=limits.SUMMARY)])
    in_custody = BooleanField(FIELD["in_custody"])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    # Shown with the warning of possible duplicates: ticked, the request is saved all the same. `duplicates_seen`
    # is a digest of the matches shown, so that other matches, found after a change, are shown anew.
    confirm_duplicates = BooleanField(_l("Register anyway: this is a different request"))
    duplicates_seen = HiddenField()
    submit = SubmitField(_l("Save"))


class ExtraditionForm(RequestForm):
    """An extradition request also records the person sought and the foreign decision."""

    person_name = StringField(FIELD["person_name"], filters=[strip],
                              validators=[DataRequired(), Length(max=limits.PERSON_NAME)])
    person_name_latin = StringField(FIELD["person_name_latin"], filters=[strip],
                                    validators=[Length(max=limits.PERSON_NAME)])
    person_birth_date = DateField(FIELD["person_birth_date"], validators=[Optional()])
    person_citizenship = SelectField(FIELD["person_citizenship"], validators=[Optional()])
    detained_on = DateField(FIELD["detained_on"], validators=[Optional()])
    arrest_notified_on = DateField(FIELD["arrest_notified_on"], validators=[Optional()],
                                   description=_l("Where the treaty counts the limit from the notification of the "
                                                  "arrest (Montevideo 1933, art. 10)."))
    decision = TextAreaField(FIELD["decision"], filters=[strip], validators=[Length(max=limits.DECISION)])
    surrendered_on = DateField(FIELD["surrendered_on"], validators=[Optional()])


class NewRequestMixin:
    """Registration asks when it was sent (empty: still a draft) and, for supervisors, who is responsible."""

    sent_on = DateField(FIELD["sent_on"], validators=[Optional()],
                        description=_l("Leave empty while the request is still a draft."))
    owner_id = SelectField(FIELD["owner_id"], coerce=int, validators=[Optional()])


class NewMlaForm(NewRequestMixin, RequestForm):
    """Registering an MLA request."""


class NewExtraditionForm(NewRequestMixin, ExtraditionForm):
    """Registering an extradition request."""


class NewTransferForm(NewRequestMixin, RequestForm):
    """Registering a transfer of proceedings, perhaps started from a refused extradition request."""

    origin_id = IntegerField(widget=HiddenInput(), validators=[Optional()])


def _version_field(form: str) -> IntegerField:
    """The version the user read; ids are per form, as several forms share the request page."""
    return IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)], id=f"{form}-version")


class StatusForm(FlaskForm):
    """Moving a request to one of the statuses its workflow allows next."""

    to = SelectField(_l("New status"), validators=[DataRequired()])
    effective_on = DateField(_l("Effective date"), validators=[InputRequired()],
                             description=_l("For “Extradited”, the date the person was surrendered."))
    # Shown only with a refusal where the page's script runs; without it, the hint says when it applies.
    ground = SelectField(_l("Refusal ground"), validators=[Optional()], description=_l("Only for a refusal."))
    term_on = DateField(_l("Term set by the requested state"), validators=[Optional()],
                        description=_l("Only when supplementary information is requested: the date by which the "
                                       "requested state expects it. Empty: the rule's term applies."))
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=limits.NOTE)], id="status-note")
    version = _version_field("status")
    submit = SubmitField(_l("Change status"))


class ReassignForm(FlaskForm):
    """Handing a request to another prosecutor."""

    owner_id = SelectField(FIELD["owner_id"], coerce=int, validators=[InputRequired()])
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=limits.NOTE)], id="reassign-note")
    version = _version_field("reassign")
    submit = SubmitField(_l("Reassign"))


class ExtendDeadlineForm(FlaskForm):
    """Moving one open deadline later, with the reason."""

    deadline = SelectField(_l("Deadline"), validators=[DataRequired()])
    new_due_on = DateField(_l("New due date"), validators=[InputRequired()])
    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[DataRequired(), Length(max=limits.NOTE)])
    foreign_decision = StringField(_l("Foreign decision"), filters=[strip],
                                   validators=[Length(max=limits.FOREIGN_DECISION)],
                                   description=_l("Required for the release deadline: the authority, number and "
                                                  "date of the decision that moved it."))
    version = _version_field("extend")
    submit = SubmitField(_l("Extend"))


class ReminderForm(FlaskForm):
    """A reminder sent to the foreign authority."""

    sent_on = DateField(_l("Reminder sent on"), validators=[InputRequired()])
    channel = SelectField(_l("Channel"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=limits.NOTE)], id="reminder-note")
    version = _version_field("reminder")
    submit = SubmitField(_l("Record reminder"))


class EventForm(FlaskForm):
    """Something the foreign side or we did that is not a status change."""

    event = SelectField(_l("Event"), validators=[DataRequired()])
    on = DateField(_l("Date"), validators=[InputRequired()], id="event-on")
    reference = StringField(_l("Foreign reference number"), filters=[strip],
                            validators=[Length(max=limits.FOREIGN_REFERENCE)],
                            id="event-reference")
    note = TextAreaField(_l("How it was confirmed, or a note"), filters=[strip], validators=[Length(max=limits.NOTE)],
                         id="event-note")
    version = _version_field("event")
    submit = SubmitField(_l("Record"))

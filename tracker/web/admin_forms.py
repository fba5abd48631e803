"""Forms of the administrator's pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (BooleanField, EmailField, IntegerField, PasswordField, SelectField, SelectMultipleField,
                     StringField, SubmitField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.domain.people import Language, Role
from tracker.models import ArrestStart, TreatyScope, TreatyStatus
from tracker.labels import ARREST_START, LANGUAGE, ROLE, SCOPE, TREATY_STATUS
from tracker.web.form_helpers import DateField, options, strip


class UserForm(FlaskForm):
    """An account: name, role, language; a password when created or reset."""

    email = EmailField(_l("Email"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Full name"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=options((r.value, ROLE[r]) for r in Role))
    # The choices are the office's units, set by the page; a new user goes to the default unit unless one is chosen.
    unit_id = SelectField(_l("Unit"), coerce=int,
                          description=_l("Prosecutors see the requests of their unit; supervisors, those of their unit "
                                         "and of the units they head."))
    # Each language is named in itself, and marked so.
    language = SelectField(_l("Language"), choices=[
        SelectChoice(lang.value, LANGUAGE[lang], render_kw={"lang": lang.value}) for lang in Language])
    active = BooleanField(_l("Active"), default=True)
    password = PasswordField(_l("Password"), validators=[Optional(), Length(min=10, max=200)],
                             description=_l("At least 10 characters, not a common password, without the user's "
                                            "name or email. Leave empty to keep the current one. A new password, "
                                            "role or deactivation ends the user's open sessions."))
    submit = SubmitField(_l("Save"))


class UnitForm(FlaskForm):
    """A unit: its name and the supervisors who head it (the choices are set by the page)."""

    # The service checks the name (required but for the default unit, unique, at most 200 characters).
    name = StringField(_l("Name"), filters=[strip])
    # Who may head a unit is the service's rule: it refuses anyone else with its own message.
    heads = SelectMultipleField(_l("Heads"), coerce=int, validate_choice=False,
                                widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                description=_l("Active supervisors. Each sees the requests of this unit's members, "
                                               "besides those of their own unit."))
    submit = SubmitField(_l("Save"))


class TreatyForm(FlaskForm):
    """A treaty and the deadlines it sets."""

    code = StringField(_l("Code"), filters=[strip], validators=[DataRequired(), Length(max=40)])
    short_name = StringField(_l("Short name (English)"), filters=[strip], validators=[DataRequired(), Length(max=120)],
                             render_kw={"lang": "en"})
    short_name_kk = StringField(_l("Short name (Kazakh)"), filters=[strip], validators=[Length(max=120)],
                                render_kw={"lang": "kk"})
    short_name_ru = StringField(_l("Short name (Russian)"), filters=[strip], validators=[Length(max=120)],
                                render_kw={"lang": "ru"})
    title_kk = TextAreaField(_l("Full title (Kazakh)"), filters=[strip], validators=[DataRequired()],
                             render_kw={"lang": "kk"})
    title_ru = TextAreaField(_l("Full title (Russian)"), filters=[strip], validators=[DataRequired()],
                             render_kw={"lang": "ru"})
    title_en = TextAreaField(_l("Full title (English)"), filters=[strip], validators=[DataRequired()],
                             render_kw={"lang": "en"})
    multilateral = BooleanField(_l("Multilateral"))
    scope = SelectMultipleField(_l("Scope"), choices=options((s.value, SCOPE[s]) for s in TreatyScope),
                                validators=[DataRequired()])
    status = SelectField(_l("Status for Kazakhstan"), choices=options((s.value, TREATY_STATUS[s]) for s in TreatyStatus))
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    in_force_on = DateField(_l("In force for Kazakhstan since"), validators=[Optional()],
                            description=_l("Empty when no source gives the date."))
    terminated_on = DateField(_l("Terminated on"), validators=[Optional()])
    arrest_limit_days = IntegerField(_l("Provisional arrest limit, days"),
                                     validators=[Optional(), NumberRange(min=1, max=365)],
                                     description=_l("Empty: the default rule applies."))
    arrest_limit_months = IntegerField(_l("Provisional arrest limit, months"),
                                       validators=[Optional(), NumberRange(min=1, max=12)],
                                       description=_l("Instead of days, where the treaty counts in months."))
    arrest_counts_from = SelectField(_l("The limit counts"),
                                     choices=options((s.value, ARREST_START[s]) for s in ArrestStart))
    parties = TextAreaField(_l("Parties, with the dates the treaty applies between each and Kazakhstan"),
                            filters=[strip], description=_l(
                                "One per line or separated by “;”: the country code, then the date it applies "
                                "from and the date it stopped, if known: RU:2023-06-28 or UA:1995-04-14:2023-01-01. "
                                "Empty for a convention open to every state party."))
    supersedes = SelectMultipleField(_l("Replaces, between their common parties"), validators=[Optional()],
                                     description=_l("From the day this treaty applies between Kazakhstan and each "
                                                    "party, it replaces these treaties."))
    source = TextAreaField(_l("Sources of these facts"), filters=[strip], render_kw={"translate": "no"})
    confirmed = BooleanField(_l("Confirmed by the office"))
    notes = TextAreaField(_l("Notes"), filters=[strip])
    active = BooleanField(_l("In use"), default=True)
    submit = SubmitField(_l("Save"))


class CrimeCategoryForm(FlaskForm):
    """A crime category used in statistics."""

    code = StringField(_l("Code"), filters=[strip], validators=[DataRequired(), Length(max=40)])
    name_kk = StringField(_l("Name (Kazakh)"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                          render_kw={"lang": "kk"})
    name_ru = StringField(_l("Name (Russian)"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                          render_kw={"lang": "ru"})
    name_en = StringField(_l("Name (English)"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                          render_kw={"lang": "en"})
    articles = StringField(_l("Criminal Code articles"), filters=[strip], validators=[Length(max=100)])
    position = IntegerField(_l("Position in lists"), default=0, validators=[Optional(), NumberRange(min=0, max=999)])
    phrase_kk = StringField(_l("Phrase in statistics (Kazakh)"), filters=[strip], validators=[Length(max=200)],
                            render_kw={"lang": "kk"},
                            description=_l("Follows a number, e.g. “алаяқтық бойынша”."))
    phrase_ru = StringField(_l("Phrase in statistics (Russian)"), filters=[strip], validators=[Length(max=200)],
                            render_kw={"lang": "ru"},
                            description=_l("Follows a number, e.g. “по мошенничествам”."))
    phrase_en = StringField(_l("Phrase in statistics (English)"), filters=[strip], validators=[Length(max=200)],
                            render_kw={"lang": "en"},
                            description=_l("Follows a number, e.g. “for fraud”."))
    scope_kk = StringField(_l("Cases of this category in the paragraph (Kazakh)"), filters=[strip],
                           validators=[Length(max=200)], render_kw={"lang": "kk"},
                           description=_l("Goes before “туралы қылмыстық істер бойынша”, e.g. “алаяқтық”."))
    scope_ru = StringField(_l("Cases of this category in the paragraph (Russian)"), filters=[strip],
                           validators=[Length(max=200)], render_kw={"lang": "ru"},
                           description=_l("Follows “по уголовным делам о”, e.g. “мошенничествах”."))
    scope_en = StringField(_l("Cases of this category in the paragraph (English)"), filters=[strip],
                           validators=[Length(max=200)], render_kw={"lang": "en"},
                           description=_l("Follows “in cases of”, e.g. “fraud”."))
    submit = SubmitField(_l("Save"))


class CountryForm(FlaskForm):
    """The office's official names, membership flags and the foreign central authority's contacts."""

    official_name_kk = StringField(_l("Official name (Kazakh)"), filters=[strip], validators=[Length(max=100)],
                                   render_kw={"lang": "kk"})
    official_name_ru = StringField(_l("Official name (Russian)"), filters=[strip], validators=[Length(max=100)],
                                   render_kw={"lang": "ru"})
    official_name_en = StringField(_l("Official name (English)"), filters=[strip], validators=[Length(max=100)],
                                   render_kw={"lang": "en"})
    eaeu = BooleanField(_l("EAEU member"))
    cis = BooleanField(_l("CIS member"))
    authority_name = StringField(_l("Central authority"), filters=[strip], validators=[Length(max=300)])
    authority_address = TextAreaField(_l("Address"), filters=[strip], validators=[Length(max=2000)])
    authority_email = StringField(_l("Email"), filters=[strip], validators=[Optional(), Email(), Length(max=254)])
    authority_phone = StringField(_l("Phone"), filters=[strip], validators=[Length(max=100)])
    submit = SubmitField(_l("Save"))


class DeadlineRuleForm(FlaskForm):
    """The days of a rule; for a new override also its kind, rule and target."""

    kind = SelectField(_l("Kind"), validators=[Optional()])
    code = SelectField(_l("Rule"), validators=[Optional()])
    scope = SelectField(_l("Applies to"), validators=[Optional()])
    treaty_id = SelectField(_l("Treaty"), coerce=lambda v: int(v) if v else None, validators=[Optional()])
    country_code = SelectField(_l("Country"), validators=[Optional()])
    days = IntegerField(_l("Days"), validators=[DataRequired(), NumberRange(min=1, max=3650)])
    source = TextAreaField(_l("Legal source"), filters=[strip], validators=[Length(max=2000)],
                           description=_l("The treaty or law article that sets the rule, cited in Russian as the office "
                                          "does, or «Практика ведомства» for office practice; leave it empty "
                                          "rather than guess."))
    source_kk = TextAreaField(_l("Legal source (Kazakh)"), filters=[strip], validators=[Length(max=2000)],
                              render_kw={"lang": "kk"})
    source_en = TextAreaField(_l("Legal source (English)"), filters=[strip], validators=[Length(max=2000)],
                              render_kw={"lang": "en"})
    practice_order = StringField(_l("Internal order that sets this practice"), filters=[strip],
                                 validators=[Length(max=300)])
    moves_to_working_day = BooleanField(_l("A last day on a non-working day moves to the next working day"),
                                        description=_l("Office practice only: custody limits never move."))
    counts_first_day = BooleanField(_l("The day of detention counts as day 1"), default=True,
                                    description=_l("Release deadline only: the last day is detention + days − 1."))
    ends_with = SelectField(_l("The release deadline stops when"), validators=[Optional()])
    note = TextAreaField(_l("Notes"), filters=[strip], validators=[Length(max=2000)])
    submit = SubmitField(_l("Save"))


class TreatyFileForm(FlaskForm):
    """The office's treaty list as a CSV or XLSX file."""

    file = FileField(_l("Treaty list (CSV or XLSX)"), validators=[
        FileRequired(_l("Choose a file.")), FileAllowed(["csv", "xlsx"], _l("Only CSV or XLSX files can be imported."))])
    submit = SubmitField(_l("Import"))

"""A request's fields as the API names them, turned into the service's: codes looked up, the person sought spread
over its columns. A new request gets every field; a change (PATCH) only the fields the call names."""
import sqlalchemy as sa
from flask_babel import gettext as _

from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Treaty
from tracker.services.requests import editable_fields

# API fields stored as they come, by the service's name; text left out of a new request is stored empty.
PLAIN = {"reference": "reference", "authority": "authority", "case_number": "case_number", "articles": "articles",
         "summary": "summary", "in_custody": "in_custody"}
EXTRADITION_DATES = ("detained_on", "arrest_notified_on")
PERSON_COLUMNS = {"name": "person_name", "name_latin": "person_name_latin", "birth_date": "person_birth_date"}
EMPTY = {"authority": "", "articles": "", "summary": "", "in_custody": False, "person_name": "",
         "person_name_latin": "", "decision": ""}


def new_request_data(values: dict, kind: Kind, errors: dict) -> dict:
    """Every field of a new request of `kind`: those the call gives, the others empty; problems go into `errors`."""
    data = {name: EMPTY.get(name) for name in editable_fields(kind)}
    if kind == Kind.EXTRADITION and values.get("person") is None:
        errors["person"] = _("An extradition request needs the person sought.")
    return data | named_fields(values, kind, errors, new=True)


def changed_data(item, values: dict, errors: dict) -> dict:
    """The request's fields as they are, with the ones the call names replaced: a PATCH changes nothing else
    (the decision and the surrender date, which the API does not write, least of all)."""
    data = {name: getattr(item, name) for name in editable_fields(item.kind)}
    return data | named_fields(values, item.kind, errors, new=False)


def named_fields(values: dict, kind: Kind, errors: dict, *, new: bool) -> dict:
    """The service's fields for the API fields present in `values`."""
    data = {PLAIN[name]: value for name, value in values.items() if name in PLAIN}
    if "country" in values:
        data["country_code"] = _country(values["country"], errors, "country")
    if "treaty" in values:
        data["treaty_id"] = _code_id(Treaty, values["treaty"], errors, "treaty",
                                     _("There is no treaty with this code."))
    if "crime_category" in values:
        data["crime_category_id"] = _code_id(CrimeCategory, values["crime_category"], errors, "crime_category",
                                             _("There is no crime category with this code."))
    if kind != Kind.EXTRADITION:
        if values.get("person") or any(values.get(name) for name in EXTRADITION_DATES):
            errors["person"] = _("Only extradition requests have a person sought.")
        return data
    data |= {name: values[name] for name in EXTRADITION_DATES if name in values}
    if "person" in values:
        data |= _person(values["person"], errors, new=new)
    return data


def _person(given: dict | None, errors: dict, *, new: bool) -> dict:
    """The columns of the person sought the call gives (tracker.web.api.schemas has checked each field); a new
    request needs at least the name."""
    if given is None:
        errors["person"] = _("An extradition request needs the person sought.")
        return {}
    if ("name" in given or new) and not given.get("name"):
        errors["person.name"] = _("This field is required.")
        return {}
    found = {PERSON_COLUMNS[name]: value for name, value in given.items() if name in PERSON_COLUMNS}
    if "citizenship" in given:
        found["person_citizenship"] = _country(given["citizenship"], errors, "person.citizenship")
    return found


def _country(code, errors, field):
    """A known country code, or None with an error."""
    if code is None:
        return None
    if db.session.get(Country, code) is None:
        errors[field] = _("There is no country with this code.")
        return None
    return code


def _code_id(model, code, errors, field, message):
    """The id of the row with this code, or None (with an error when a code was given)."""
    if code is None:
        return None
    found = db.session.scalar(sa.select(model.id).where(model.code == code))
    if found is None:
        errors[field] = message
    return found

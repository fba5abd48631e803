"""Requests, history entries and reference data as the API's JSON."""
from datetime import UTC, date, datetime

from tracker.domain.access import Access


def iso(value):
    """A date or moment in ISO form, or None."""
    return value.isoformat() if value is not None else None


def moment(value: datetime | None) -> str | None:
    """A moment in ISO form in UTC with its offset, whichever database stored it (SQLite gives it back without)."""
    if value is None:
        return None
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)).isoformat()


# History changes name each field as the API's bodies do, reference data by code rather than by database id.
CHANGE_NAMES = {"country_code": "country", "treaty_id": "treaty", "crime_category_id": "crime_category",
                "owner_id": "owner", "person_name": "person.name", "person_name_latin": "person.name_latin",
                "person_birth_date": "person.birth_date", "person_citizenship": "person.citizenship"}


def api_changes(changes: dict, codes: dict[str, dict[str, str]]) -> dict:
    """A history entry's changes as the API names them; `codes` maps a field's stored ids (as text) to codes."""
    found = {}
    for field, pair in changes.items():
        known = codes.get(field, {})
        found[CHANGE_NAMES.get(field, field)] = [known.get(value, value) if value is not None else None
                                                 for value in pair]
    return found


def request_json(request, today: date, state, access: Access) -> dict:
    """One request as JSON with its open deadlines (`state`); extradition requests also carry the person sought,
    masked for whoever `access` keeps from personal data."""
    body = {
        "id": request.id, "reference": request.reference, "kind": request.kind.value,
        "country": request.country_code, "authority": request.authority,
        "treaty": request.treaty.code if request.treaty else None, "case_number": request.case_number,
        "crime_category": request.crime_category.code, "articles": request.articles, "summary": request.summary,
        "sent_on": iso(request.sent_on), "status": request.status.value, "status_on": iso(request.status_on),
        "owner": request.owner.email, "due_on": iso(request.due_on),
        "overdue": bool(request.is_open and request.due_on is not None and request.due_on < today),
        "in_custody": request.in_custody, "version": request.version,
        "deadlines": [deadline_json(d, today) for d in sorted(state.deadlines, key=lambda d: d.due_on)],
        "critical": state.critical, "acknowledged_on": iso(request.acknowledged_on),
        "foreign_reference": request.foreign_reference, "received_abroad_on": iso(request.received_abroad_on),
        "extradition_arrest_on": iso(request.extradition_arrest_on), "surrendered_on": iso(request.surrendered_on),
        "custody_days_abroad": request.custody_days_abroad,
        "refusal_ground": request.refusal_ground.value if request.refusal_ground else None,
        "origin_request_id": request.origin_request_id,
    }
    if request.kind.value == "extradition":
        body["person"] = person_json(request, access)
        body["detained_on"] = iso(request.detained_on)
        body["arrest_notified_on"] = iso(request.arrest_notified_on)
    return body


def person_json(request, access: Access) -> dict:
    """The person sought, each field as `access` may read it. A masked birth date is null, not the mask: the field
    stays a date wherever it has a value."""
    shown = lambda field: access.shown(field, getattr(request, field))  # noqa: E731
    birth_date = shown("person_birth_date")
    return {"name": shown("person_name"), "name_latin": shown("person_name_latin"),
            "birth_date": iso(birth_date) if isinstance(birth_date, date) else None,
            "citizenship": shown("person_citizenship")}


def deadline_json(deadline, today: date) -> dict:
    """One open deadline: when it is due, days left, and the rule and legal source behind it."""
    rule = deadline.rule
    return {"code": deadline.code.value, "due_on": iso(deadline.due_on), "days_left": deadline.days_left(today),
            "rule": rule.code.value if rule else "foreign_term", "source": (rule.source or None) if rule else None,
            "non_working_day": deadline.on_non_working_day,
            "moved_from": iso(deadline.moved_from)}


def treaty_json(treaty, language: str) -> dict:
    """One treaty of the register as JSON."""
    return {"code": treaty.code, "short_name": treaty.short(language), "title": treaty.title(language),
            "titles": {"kk": treaty.title_kk, "ru": treaty.title_ru, "en": treaty.title_en},
            "multilateral": treaty.multilateral, "scope": [s.value for s in treaty.scope],
            "status": treaty.status.value, "signed_on": iso(treaty.signed_on), "in_force_on": iso(treaty.in_force_on),
            "terminated_on": iso(treaty.terminated_on), "arrest_limit_days": treaty.arrest_limit_days,
            "arrest_limit_months": treaty.arrest_limit_months, "arrest_counts_from": treaty.arrest_counts_from.value,
            "parties": [{"country": p.country_code, "from": iso(p.applies_from), "until": iso(p.applies_until)}
                        for p in treaty.party_terms],
            "supersedes": [t.code for t in treaty.supersedes], "source": treaty.source, "confirmed": treaty.confirmed,
            "active": treaty.active}


def event_json(entry, access: Access, codes: dict[str, dict[str, str]]) -> dict:
    """One history entry as JSON, the changes of personal data masked for whoever `access` keeps from it, and
    reference data in them by code (`codes`, tracker.web.api.views.change_codes)."""
    value = lambda member: member.value if member is not None else None  # noqa: E731
    return {"id": entry.id, "event": entry.event.value, "recorded_at": moment(entry.recorded_at),
            "author": entry.author.email, "effective_on": iso(entry.effective_on),
            "from_status": value(entry.from_status), "to_status": value(entry.to_status),
            "ground": value(entry.ground), "channel": value(entry.channel), "deadline": value(entry.deadline),
            "deadline_from": iso(entry.deadline_from), "note": entry.note,
            "changes": api_changes(access.shown_changes(entry.changes), codes),
            "reference": entry.foreign_reference or None, "foreign_decision": entry.foreign_decision or None}

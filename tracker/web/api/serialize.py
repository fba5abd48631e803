"""Requests, history entries and reference data as the API's JSON."""
from datetime import date


def iso(value):
    """A date or moment in ISO form, or None."""
    return value.isoformat() if value is not None else None


def request_json(request, today: date) -> dict:
    """One request as JSON; extradition requests also carry the person sought."""
    body = {
        "id": request.id, "reference": request.reference, "kind": request.kind.value,
        "country": request.country_code, "authority": request.authority,
        "treaty": request.treaty.code if request.treaty else None, "case_number": request.case_number,
        "crime_category": request.crime_category.code, "articles": request.articles, "summary": request.summary,
        "sent_on": iso(request.sent_on), "status": request.status.value, "status_on": iso(request.status_on),
        "owner": request.owner.email, "due_on": iso(request.due_on),
        "overdue": bool(request.is_open and request.due_on is not None and request.due_on < today),
        "in_custody": request.in_custody, "version": request.version,
    }
    if request.kind.value == "extradition":
        body["person"] = {"name": request.person_name, "name_latin": request.person_name_latin,
                          "birth_date": iso(request.person_birth_date), "citizenship": request.person_citizenship}
        body["detained_on"] = iso(request.detained_on)
    return body


def event_json(entry) -> dict:
    """One history entry as JSON."""
    value = lambda member: member.value if member is not None else None  # noqa: E731
    return {"id": entry.id, "event": entry.event.value, "recorded_at": iso(entry.recorded_at),
            "author": entry.author.email, "effective_on": iso(entry.effective_on),
            "from_status": value(entry.from_status), "to_status": value(entry.to_status),
            "ground": value(entry.ground), "channel": value(entry.channel), "deadline": value(entry.deadline),
            "deadline_from": iso(entry.deadline_from), "note": entry.note, "changes": entry.changes or {}}

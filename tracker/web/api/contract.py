"""What the API reads and writes: the fields of requests, transitions, reminders, events and extensions."""
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import FOREIGN_EVENTS, ReminderChannel
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.web.api.fields import Field

KINDS = tuple(k.value for k in Kind)
STATUSES = tuple(s.value for s in Status)
GROUNDS = tuple(g.value for g in RefusalGround)
CHANNELS = tuple(c.value for c in ReminderChannel)
EVENTS = tuple(e.value for e in FOREIGN_EVENTS)
DEADLINES = tuple(d.value for d in DeadlineCode)

PERSON_FIELDS = {
    "name": Field("string", 300, description="Name of the person sought, in Cyrillic letters"),
    "name_latin": Field("string", 300, description="Name in Latin letters"),
    "birth_date": Field("date", nullable=True),
    "citizenship": Field("alpha2", nullable=True),
}
REQUEST_FIELDS = {
    "reference": Field("string", 60, description="Our registration number, unique"),
    "kind": Field("string", enum=KINDS),
    "country": Field("alpha2", description="Requested country, ISO 3166 alpha-2"),
    "authority": Field("string", 300, description="Requested (foreign) authority"),
    "treaty": Field("string", 40, nullable=True, description="Treaty code; null for reciprocity"),
    "case_number": Field("string", 40, description="Criminal case (ERDR) number"),
    "crime_category": Field("string", 40, description="Crime category code"),
    "articles": Field("string", 200, description="Criminal Code articles"),
    "summary": Field("string", 10000),
    "sent_on": Field("date", nullable=True, description="Date sent; null registers a draft"),
    "in_custody": Field("boolean", description="A person in the case is in custody"),
    "owner": Field("email", 254, nullable=True, description="Responsible prosecutor; supervisors may set it"),
    "detained_on": Field("date", nullable=True, description="Extradition: date the person was detained abroad"),
    "arrest_notified_on": Field("date", nullable=True,
                                description="Extradition: date we were notified of the arrest abroad, where the "
                                            "treaty counts its limit from the notification"),
}
NEW_REQUEST_REQUIRED = ("reference", "kind", "country", "case_number", "crime_category")
PATCHABLE = {name: field for name, field in REQUEST_FIELDS.items() if name not in ("kind", "sent_on", "owner")}
VERSION = Field("integer", minimum=1, description="The version read; a stale one gives 409")
TRANSITION_FIELDS = {
    "to": Field("string", enum=STATUSES), "on": Field("date", description="Effective date; default today"),
    "note": Field("string", 5000), "ground": Field("string", enum=GROUNDS, nullable=True),
    "term_on": Field("date", nullable=True, description="Supplement requested: the date the requested state set "
                                                        "for our answer; null applies the rule's term"),
    "version": VERSION,
}
EVENT_FIELDS = {
    "event": Field("string", enum=EVENTS), "on": Field("date", description="Day it happened; default today"),
    "note": Field("string", 5000, description="How it was confirmed, or a note"),
    "reference": Field("string", 120, description="The foreign side's reference number"), "version": VERSION,
}
EXTENSION_FIELDS = {
    "deadline": Field("string", enum=DEADLINES), "new_due_on": Field("date"), "reason": Field("string", 5000),
    "foreign_decision": Field("string", 500, description="The foreign decision that moved a release deadline: "
                                                         "authority, number and date (required for `release`)"),
    "version": VERSION,
}
REASSIGNMENT_FIELDS = {
    "owner": Field("email", 254, description="Email of the new responsible prosecutor, of a unit the caller sees"),
    "note": Field("string", 5000, description="Why the request changes hands"), "version": VERSION,
}
REMINDER_FIELDS = {
    "on": Field("date", description="Day the reminder was sent; default today"),
    "channel": Field("string", enum=CHANNELS), "note": Field("string", 5000), "version": VERSION,
}

"""A register whose every user-editable text is hostile markup, the forms of a page, and the check that no such
markup reaches a page unescaped."""
import html
import re
from datetime import timedelta
from html.parser import HTMLParser

from markupsafe import escape

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.deadlines import OFFICE_PRACTICE, DeadlineCode, RuleCode, Scope
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Treaty, TreatyParty, TreatyStatus
from tracker.services.admin import save_rule
from tracker.services.deadlines import extend_deadline, record_reminder, state_of
from tracker.services.events import record_event
from tracker.services.requests import change_status, reassign
from tracker.services.units import save_unit

SCRIPT = "<script>x</script>"
IMG = '"><img src=x onerror=1>'
META = "<meta http-equiv=refresh content=0;url=//evil>"
HOSTILE = (SCRIPT, IMG, META)
# What each value looks like when it survives as markup, lower case.
RAW = ("<script>x", "<img src=x onerror", "<meta http-equiv=refresh")
ESCAPED = tuple(str(escape(value)) for value in HOSTILE)
SRCDOC = re.compile(r'srcdoc="([^"]*)"')


def unescaped_markup(text: str) -> list[str]:
    """The hostile values found as live markup in `text`, each with what surrounds it; also any value escaped
    twice, which the user would read as "&lt;". A frame's `srcdoc` (the digest preview) is a page of its own,
    written into the attribute escaped: it is checked as the page it is."""
    found = []
    for document in SRCDOC.findall(text):
        found += [f"in a frame: {problem}" for problem in unescaped_markup(html.unescape(document))]
    text = SRCDOC.sub('srcdoc=""', text)
    lowered = text.lower()
    found += [lowered[max(0, lowered.index(raw) - 80):lowered.index(raw) + 60] for raw in RAW if raw in lowered]
    if "&amp;lt;" in text:
        at = text.index("&amp;lt;")
        found.append(f"escaped twice: {text[max(0, at - 80):at + 40]}")
    return found


def shows_escaped(text: str, *, besides: str = "") -> bool:
    """True when `text`, or a frame in it, shows at least one hostile value escaped once, other than in `besides`
    (the name of the user whose page it is, shown on every page)."""
    documents = [text, *(html.unescape(document) for document in SRCDOC.findall(text))]
    documents = [document.replace(str(escape(besides)), "") if besides else document for document in documents]
    return any(value in document for value in ESCAPED for document in documents)


class HostileRegister:
    """Users, a unit, a treaty, a country's authority, a crime category, deadline rules and requests with their
    history, every text of them hostile; ids for the pages' addresses."""

    def __init__(self):
        self.admin = make_user(Role.ADMIN, name="Admin " + SCRIPT)
        self.supervisor = make_user(Role.SUPERVISOR, name="Supervisor " + IMG)
        self.owner = make_user(Role.PROSECUTOR, name="Owner " + META)
        self.colleague = make_user(Role.PROSECUTOR, name="Colleague " + SCRIPT)
        self.unit = save_unit(None, name="Unit " + IMG, head_ids=[self.supervisor.id])
        self._reference_data()
        self._requests()
        db.session.commit()

    def _reference_data(self):
        authority = db.session.get(Country, "RU")
        authority.authority_name, authority.authority_address = "Authority " + META, "Address " + SCRIPT
        authority.authority_email, authority.authority_phone = "mail" + IMG, "+7 " + SCRIPT
        self.treaty = self._treaty("t" + IMG, "Tr " + META, "Тк " + SCRIPT, "Тр " + IMG)
        self.old_treaty = self._treaty("o" + SCRIPT, "Old " + SCRIPT, "Ескі " + IMG, "Стар " + META)
        self.category = CrimeCategory(
            code="c" + IMG, name_kk="Қылмыс " + SCRIPT, name_ru="Преступление " + IMG, name_en="Crime " + META,
            articles="190 " + SCRIPT, phrase_kk="бойынша " + META, phrase_ru="по " + SCRIPT, phrase_en="for " + IMG,
            scope_kk=IMG, scope_ru=META, scope_en=SCRIPT, position=0)
        db.session.add(self.category)
        db.session.flush()
        self.rules = [
            save_rule(None, kind=Kind.MLA, code=RuleCode.FOLLOW_UP, scope=Scope.TREATY, treaty_id=self.treaty.id,
                      country_code=None, days=20, note="Note " + IMG, today=TODAY, source=OFFICE_PRACTICE,
                      practice_order="Order " + SCRIPT),
            save_rule(None, kind=Kind.MLA, code=RuleCode.FIRST_REMINDER, scope=Scope.COUNTRY, treaty_id=None,
                      country_code="RU", days=60, note="Note " + META, today=TODAY, source="Art. " + IMG,
                      source_kk="Бап " + META, source_en="Art. " + SCRIPT),
        ]

    def _treaty(self, code, short, short_kk, short_ru):
        treaty = Treaty(code=code, short_name=short, short_name_kk=short_kk, short_name_ru=short_ru,
                        title_kk="Шарт " + SCRIPT, title_ru="Договор " + IMG, title_en="Treaty " + META,
                        covers_mla=True, covers_extradition=True, covers_transfer=True,
                        status=TreatyStatus.IN_FORCE, arrest_limit_days=40, notes="Notes " + SCRIPT,
                        source="Source " + IMG)
        treaty.party_terms = [TreatyParty(country_code="RU")]
        db.session.add(treaty)
        db.session.flush()
        return treaty

    def _requests(self):
        owner, sent = self.owner, TODAY - timedelta(days=100)
        common = {"treaty_id": self.treaty.id, "crime_category_id": self.category.id, "authority": "Auth " + IMG,
                  "articles": "Art " + META, "summary": " ".join(HOSTILE)}
        self.mla = make_request(owner, Kind.MLA, sent_on=sent, reference="M " + SCRIPT,
                                case_number="1" + SCRIPT, **common)
        self._act(change_status, self.mla, Status.PENDING, effective_on=sent + timedelta(days=5), note="Why " + IMG,
                  ground=None)
        self._act(record_event, self.mla, EventType.ACKNOWLEDGED, on=sent + timedelta(days=6), note="Ack " + SCRIPT,
                  reference="Their " + META)
        self._act(record_reminder, self.mla, sent_on=TODAY - timedelta(days=10), channel=ReminderChannel.LETTER,
                  note="Reminder " + META)
        due = next(d for d in state_of(self.mla, TODAY).deadlines if d.code != DeadlineCode.RELEASE)
        self._act(extend_deadline, self.mla, due.code, due.due_on + timedelta(days=30), reason="Because " + SCRIPT)
        self.overdue = make_request(owner, Kind.MLA, sent_on=TODAY - timedelta(days=130), reference="O " + IMG,
                                    case_number="2" + IMG, statuses=[(Status.PENDING, TODAY - timedelta(days=120))],
                                    **common)
        self.extradition = make_request(
            owner, Kind.EXTRADITION, sent_on=None, reference="E " + IMG, case_number="3" + IMG,
            detained_on=TODAY - timedelta(days=29), person_name="Person " + META, person_name_latin="Latin " + SCRIPT,
            decision="Decision " + IMG, **common)
        self.refused = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=60),
                                    reference="R " + META, person_name="Refused " + SCRIPT, **common)
        self._act(change_status, self.refused, Status.REFUSED, effective_on=TODAY - timedelta(days=5),
                  note="Refused " + META, ground=RefusalGround.NATIONAL)
        self.transfer = make_request(owner, Kind.TRANSFER, sent_on=TODAY - timedelta(days=20), reference="T " + META,
                                     **common)
        reassign(self.supervisor, self.transfer, self.colleague, note="Handed " + IMG,
                 expected_version=self.transfer.version, now=NOW)
        self.misfit = make_request(owner, Kind.MLA, sent_on=TODAY - timedelta(days=40), reference="X " + SCRIPT,
                                   **(common | {"treaty_id": self.old_treaty.id}))
        self.old_treaty.covers_mla = False  # the request keeps a basis that no longer fits
        db.session.flush()

    def _act(self, action, request, *args, **kwargs):
        """Calls a history-writing service as the request's owner, with the request's current version."""
        action(self.owner, request, *args, expected_version=request.version, today=TODAY, now=NOW, **kwargs)
        db.session.flush()

    @property
    def requests(self):
        return [self.mla, self.overdue, self.extradition, self.refused, self.transfer, self.misfit]

    @property
    def users(self):
        return [self.admin, self.supervisor, self.owner, self.colleague]


class PageForms(HTMLParser):
    """The forms of a page: action, method and fields as (kind, type, name, value, checked or selected)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {"action": attributes.get("action") or "", "fields": [],
                          "method": (attributes.get("method") or "get").lower()}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button"):
            kind = (attributes.get("type") or ("submit" if tag == "button" else "text")).lower()
            self._form["fields"].append((tag, kind, attributes.get("name"), attributes.get("value") or "",
                                         "checked" in attributes))
        elif tag == "textarea":
            self._textarea = [attributes.get("name"), ""]
        elif tag == "select":
            self._select = {"name": attributes.get("name"), "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attributes.get("value") or "", "selected" in attributes))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append(("textarea", "textarea", *self._textarea, False))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            options = self._select["options"]
            chosen = [value for value, selected in options if selected] or \
                [next((value for value, _ in options if value), "")]
            self._form["fields"].append(("select", "select", self._select["name"], chosen, False))
            self._select = None


TEXT_TYPES = {"text", "search", "email", "tel", "url", "textarea"}


def hostile_fill(form, *, everywhere: bool) -> list[tuple[str, str]]:
    """The form's fields as a browser would send them, every text field hostile; `everywhere` puts hostile values
    in dates, numbers and choices too, so that the form refuses them and shows them again."""
    data, submitted, values = [], False, iter(HOSTILE * 100)
    for _tag, kind, name, value, checked in form["fields"]:
        if not name:
            continue
        if kind in ("submit", "image"):
            if not submitted:
                data.append((name, value))
                submitted = True
        elif kind in ("checkbox", "radio"):
            if checked:
                data.append((name, value or "on"))
        elif kind == "select":
            data += [(name, next(values) if everywhere else choice) for choice in value]
        elif kind in TEXT_TYPES or (everywhere and kind not in ("hidden", "file", "password", "reset", "button")):
            data.append((name, next(values)))
        elif kind not in ("file", "reset", "button"):
            data.append((name, value))
    return data

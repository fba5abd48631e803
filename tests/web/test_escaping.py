"""What users type is shown as text everywhere: every page in every language and role, the messages after saving,
the forms that refuse it, the emails and the exports' headers never turn it into markup."""
import csv
import io
import itertools
from datetime import timedelta
from urllib.parse import quote, urlencode, urlsplit

from markupsafe import escape
from werkzeug.datastructures import MultiDict

from tests.factories import PASSWORD, TODAY, category, make_finished_job, make_user
from tests.hostile import (HOSTILE, IMG, META, RAW, SCRIPT, HostileRegister, PageForms, hostile_fill,
                           shows_escaped, unescaped_markup)
from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services.access import SYSTEM
from tracker.mail.alerts import render_alert
from tracker.mail.digests import render_digest
from tracker.services.alerts import alerts_due
from tracker.services.digests import prosecutor_digests, supervisor_digest
from tracker.services.attachments import add_attachment
from tracker.services.webhooks import EVENTS, create_webhook

SKIPPED_ENDPOINTS = {"static", "bootstrap.static"}
# Forms whose sending would end the walk or change what it walks: logging out, switching language, deleting.
SKIPPED_ACTIONS = ("/logout", "/language", "/delete")


def _client(app, user, language="en"):
    """A client logged in as `user`, the interface in `language`."""
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    client.post("/language", data={"language": language})
    return client


def _page_urls(app, register, *, filtered=True):
    """Every page the app serves (the API answers JSON), for each of the register's records, and (`filtered`) the
    lists and reports filtered by the hostile names or given hostile parameters."""
    ids = {"request_id": [r.id for r in register.requests], "user_id": [u.id for u in register.users],
           "treaty_id": [register.treaty.id, register.old_treaty.id], "category_id": [register.category.id],
           "code": ["RU"], "rule_id": [rule.id for rule in register.rules], "kind": ["mla", "extradition", "transfer"],
           "unit_id": [register.unit.id], "webhook_id": [_webhook_of(register).id],
           "attachment_id": [_document_of(register).id], "letter": ["request", "reminder"], "language": ["kk"],
           "secret": ["unknown"], "job_id": [make_finished_job(register.owner).id]}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED_ENDPOINTS or rule.rule.startswith("/api/"):
            continue
        names = sorted(rule.arguments)
        for values in itertools.product(*(ids[name] for name in names)):
            yield rule.build(dict(zip(names, values)))[1]
    if not filtered:
        return
    filters = urlencode({"treaty": register.treaty.id, "crime_category_id": register.category.id,
                         "owner_id": register.owner.id, "country": "RU"})
    period = urlencode({"start": (TODAY - timedelta(days=365)).isoformat(), "end": TODAY.isoformat()})
    yield from (f"/requests?{filters}", f"/reports/pending-by-country?{filters}", f"/reports/statistics?{period}&{filters}",
                f"/reports/workload?{period}&{filters}", f"/reports/execution-times?{period}&{filters}",
                f"/requests/new/transfer?from={register.refused.id}")
    hostile = itertools.cycle(HOSTILE)
    for name in ("text", "country", "sort", "treaty", "status", "page", "text"):
        yield f"/requests?{name}={quote(next(hostile))}"
    yield f"/reports/statistics?start={quote(next(hostile))}&as_of={quote(next(hostile))}"
    yield f"/admin/treaties?on={quote(next(hostile))}"
    yield f"/login?next={quote(next(hostile))}"


def _document_of(register):
    """A document whose name and note carry hostile text (a name keeps no slash: only its last part is kept), added
    once per register to its first request."""
    if not hasattr(register, "document"):
        register.document = add_attachment(register.owner, register.requests[0], filename="Reply " + IMG + ".pdf",
                                           content=b"%PDF-1.7\n%%EOF\n", kind="reply", note=META + SCRIPT,
                                           now=clock.now())
        db.session.commit()
    return register.document


def _webhook_of(register):
    """A webhook whose address carries hostile text, registered once per register."""
    if not hasattr(register, "webhook"):
        register.webhook = create_webhook(register.admin, "https://receiver.example/" + SCRIPT, EVENTS,
                                          now=clock.now())
        db.session.commit()
    return register.webhook


def _problems(where: str, response) -> list[str]:
    """Hostile markup found in an answer's headers or, for a page, its body."""
    found = [f"{where}: header {name}: {value}" for name, value in response.headers.items()
             if any(raw in value.lower() for raw in RAW)]
    if response.mimetype == "text/html":
        found += [f"{where}: {excerpt}" for excerpt in unescaped_markup(response.get_data(as_text=True))]
    return found


def test_no_page_shows_hostile_text_as_markup_in_any_language_or_role(app):
    register = HostileRegister()
    urls = list(_page_urls(app, register))
    problems, shown = [], set()
    # Every page in every language as the administrator, who may open most; the pages of the prosecutor and the
    # supervisor (their start pages and digests) as they see them.
    walks = [(register.admin, "kk"), (register.admin, "ru"), (register.admin, "en"), (register.supervisor, "ru"),
             (register.owner, "kk")]
    for user, language in walks:
        client = _client(app, user, language)
        for url in urls:
            response = client.get(url)
            problems += _problems(f"{user.role.value} {language} {url}", response)
            if response.mimetype == "text/html" and shows_escaped(response.get_data(as_text=True), besides=user.name):
                shown.add(urlsplit(url).path)
    assert problems == [], "\n".join(problems)
    # The walk did meet the hostile values: the pages showing them show them as text.
    request_pages = {f"/requests/{request.id}" for request in register.requests}
    assert request_pages | {"/requests", "/admin/treaties", "/admin/audit", "/admin/users", "/admin/countries",
                            "/admin/crime-categories", "/admin/deadline-rules", "/admin/treaties/misfits",
                            "/digest", "/reports/pending-by-country", "/admin/units",
                            f"/admin/units/{register.unit.id}"} <= shown


def test_the_deadline_rule_names_the_treaty_as_text(client, auth):
    """The deadline's rule line was once formatted into a string that declared itself HTML."""
    register = HostileRegister()
    auth.login(register.owner)
    page = client.get(f"/requests/{register.extradition.id}").get_data(as_text=True)
    assert f": 40 — {escape('Tr ' + META)}" in page
    assert unescaped_markup(page) == []


def test_the_message_after_registering_shows_the_number_as_text(client, auth):
    register = HostileRegister()
    auth.login(register.owner)
    reference = "N " + META
    response = client.post("/requests/new/mla", follow_redirects=True, data={
        "reference": reference, "country_code": "RU", "authority": IMG, "treaty_id": str(register.treaty.id),
        "case_number": "217500031000123", "crime_category_id": str(category("fraud").id), "articles": SCRIPT,
        "summary": META, "sent_on": TODAY.isoformat()})
    page = response.get_data(as_text=True)
    assert f"Request {escape(reference)} registered." in page
    assert unescaped_markup(page) == []


def test_every_form_keeps_hostile_input_as_text_when_saved_or_refused(app):
    """Each form of each page, sent with hostile text in its text fields (saved where valid, then shown with the
    message after saving), and with hostile values in every field (refused and shown again)."""
    register = HostileRegister()
    problems, sent = [], set()
    for user in (register.owner, register.supervisor, register.admin):
        client = _client(app, user)
        for url in _page_urls(app, register, filtered=False):  # filtered pages hold the same forms
            page = client.get(url)
            if page.status_code != 200 or page.mimetype != "text/html":
                continue
            for form in PageForms(page.get_data(as_text=True)).forms:
                action = form["action"] or urlsplit(url).path
                if any(skipped in action for skipped in SKIPPED_ACTIONS) or (form["method"], action) in sent:
                    continue
                sent.add((form["method"], action))  # by the first of the users who can send it
                for everywhere in (False, True):
                    data = hostile_fill(form, everywhere=everywhere)
                    if form["method"] == "post":
                        response = client.post(action, data=MultiDict(data), follow_redirects=True)
                    else:
                        response = client.get(f"{action}?{urlencode(data)}", follow_redirects=True)
                    problems += _problems(f"{user.role.value} {form['method']} {action} from {url}", response)
    assert len(sent) > 20, sent
    assert problems == [], "\n".join(problems)


def test_emails_show_hostile_text_as_text(app):
    register = HostileRegister()
    alerts = alerts_due(TODAY)
    assert alerts, "the hostile extradition request is near its release deadline"
    mails = [render_alert(user, alert, TODAY) for alert in alerts for user in (register.owner, register.supervisor)]
    mails.append(render_digest(register.owner, prosecutor_digests([register.owner.id], TODAY)[register.owner.id],
                               TODAY))
    mails.append(render_digest(register.supervisor, supervisor_digest(TODAY, SYSTEM), TODAY))
    for subject, text, html in mails:
        assert unescaped_markup(html) == [], subject
        # Plain text is read as it is: the characters as typed, never entities.
        assert "&lt;" not in text and "&lt;" not in subject
    assert any(shows_escaped(html) for _subject, _text, html in mails)
    assert any(SCRIPT in text or IMG in text or META in text for _subject, text, _html in mails)


def test_export_headers_carry_hostile_names_as_typed_and_no_markup(app):
    """The rows above an exported report name the filters as typed (a spreadsheet shows no markup), and no HTTP
    header of a download carries what users typed."""
    register = HostileRegister()
    client = _client(app, make_user(Role.SUPERVISOR))
    filters = urlencode({"treaty": register.treaty.id, "crime_category_id": register.category.id,
                         "owner_id": register.owner.id, "format": "csv"})
    for url in (f"/reports/pending-by-country?{filters}", f"/requests/export?{filters}",
                f"/reports/pending-by-country?{filters.replace('csv', 'xlsx')}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _problems(url, response) == []
    report = client.get(f"/reports/pending-by-country?{filters}").get_data(as_text=True)
    header = [row for row in csv.reader(io.StringIO(report.lstrip("\ufeff")), delimiter=",")]
    cells = {cell for row in header for cell in row}
    assert "Tr " + META in cells and "Crime " + META in cells and "Owner " + META in cells
    assert "&lt;" not in report

"""The kk and ru catalogs are complete and current, and no page, email or API message falls back to English."""
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.factories import TODAY, make_request, make_user
from tests.factories import SYSTEM
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import CrimeCategory, DeadlineRule, Treaty

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "tracker" / "translations"
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# Words of English messages that are names, not English: the product's name, file formats, API notation.
NOT_ENGLISH = {"mla", "tracker", "csv", "xlsx", "utf", "api", "json", "bearer", "token", "authorization", "null",
               "true", "false", "nul", "extradition", "for", "fraud", "excel",  # excel: the product, named as such
               "https", "post", "hmac", "sha256", "unix",  # the protocol and the signature, named as such
               "pdf", "docx", "odt", "jpeg", "png", "tiff"}  # the file formats documents come in, named as such


def source_messages() -> set:
    """Every marked message of the code and templates, as extracted now."""
    method_map = [("tracker/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_marked_string_has_a_checked_translation_and_the_compiled_catalog_is_current(language):
    po_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=language)
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}
    in_source = source_messages()
    assert in_source - ids == set(), "marked in the code but missing in the catalog: run flask i18n extract/update"
    assert ids - in_source == set(), "in the catalog but gone from the code: run flask i18n extract/update"
    untranslated = [m.id for m in catalog if m.id and (not m.string or not all(m.string) or m.fuzzy)]
    assert untranslated == []
    problems = [(message.id, errors) for message, errors in catalog.check()]
    assert problems == []  # placeholders agree with the English, plural forms complete
    # The compiled catalog holds the same translations and plural rule; its header names the Babel that
    # compiled it, so the bytes differ between Babel releases and are not compared.
    with po_path.with_suffix(".mo").open("rb") as source:
        compiled = read_mo(source)
    assert compiled.plural_forms == catalog.plural_forms, "run flask i18n compile"
    assert translations(compiled) == translations(catalog), "run flask i18n compile"


def translations(catalog) -> dict:
    """Each message id with its translation (plural ids and forms as tuples)."""
    def key(value):
        return value if isinstance(value, str) else tuple(value)
    return {key(m.id): key(m.string) for m in catalog if m.id}


def english_words() -> set[str]:
    """The words of the English interface, from the English messages themselves."""
    words = set()
    for message in source_messages():
        for text in (message if isinstance(message, tuple) else (message,)):
            text = re.sub(r"%\(\w+\)[sd]", " ", text)
            words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return words - NOT_ENGLISH


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes, alt, title, placeholder, aria-label and button values,
    leaving out scripts, styles and anything marked as another language (the language switch)."""

    SKIP = {"script", "style"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language):
        super().__init__()
        self.language = language
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # Another language (the language switch), or a code the user types as it is (translate="no").
        other_language = attrs.get("lang") not in (None, self.language) or attrs.get("translate") == "no"
        if tag not in self.VOID:
            self.stack.append(tag in self.SKIP or other_language)
        if other_language or any(self.stack):
            return
        for name in ("alt", "title", "placeholder", "aria-label"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack):
            self.parts.append(data)


def english_in(html: str, language: str, vocabulary: set[str]) -> set[str]:
    parser = VisibleText(language)
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"\S+@\S+|https?://\S+", " ", text)  # email addresses and links
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in vocabulary}


@pytest.fixture
def register():
    """Users of every role and requests of both kinds with Cyrillic data, a release deadline and history."""
    names = {Role.PROSECUTOR: "Айгүл Сейітқали", Role.SUPERVISOR: "Сауле Бекова", Role.CENTRAL: "Ерлан Тоқаев",
             Role.ADMIN: "Марат Жунусов"}
    users = {role: make_user(role, name=names[role], language=Language.EN) for role in Role}
    prosecutor = users[Role.PROSECUTOR]
    make_request(prosecutor, reference="1-2026/001", statuses=[(Status.PENDING, date(2026, 9, 10))])
    make_request(prosecutor, Kind.EXTRADITION, reference="2-2026/002", sent_on=None,
                 detained_on=TODAY - timedelta(days=30), person_name_latin="")
    make_request(prosecutor, reference="3-2025/003", sent_on=date(2025, 3, 1),
                 statuses=[(Status.EXECUTED, date(2025, 9, 1))])
    return users


def pages_for(role):
    """Every page a user of this role opens, with ids of real records."""
    first = db.session.scalar(sa.text("SELECT min(id) FROM requests"))
    common = ["/my-work", "/requests", "/requests?status=pending&overdue=1", f"/requests/{first}",
              f"/requests/{first + 1}", "/nowhere", "/account/tokens"]
    if role == Role.PROSECUTOR:
        return common + ["/digest", "/requests/new", "/requests/new/mla", "/requests/new/extradition",
                         f"/requests/{first}/edit", f"/requests/{first + 1}/edit"]
    reports = ["/reports/pending-by-country", "/reports/statistics?from=2025-01-01&to=2026-12-31",
               "/reports/workload", "/reports/treaties", "/reports/execution-times", "/import/requests"]
    if role == Role.SUPERVISOR:
        return common + reports + ["/digest", "/requests/new/extradition"]
    treaty = db.session.scalar(sa.select(Treaty.id).where(Treaty.code == "minsk-1993"))
    category = db.session.scalar(sa.select(CrimeCategory.id))
    rule = db.session.scalar(sa.select(DeadlineRule.id))
    return ["/requests", "/admin/users", "/admin/users/new", "/admin/treaties", f"/admin/treaties/{treaty}",
            "/admin/treaties/new", "/admin/crime-categories", f"/admin/crime-categories/{category}",
            "/admin/countries", "/admin/countries/RU", "/admin/deadline-rules", f"/admin/deadline-rules/{rule}",
            "/admin/deadline-rules/new", "/admin/personal-data-reads", "/requests/new", *reports,
            "/admin/units", "/admin/units/new", "/admin/webhooks", "/admin/webhooks/new", "/account/tokens"]


FORMS = {Role.PROSECUTOR: ["/requests/new/mla", "/requests/new/extradition"],
         Role.SUPERVISOR: ["/import/requests"], Role.CENTRAL: ["/requests/new/transfer"],
         Role.ADMIN: ["/admin/users/new", "/admin/units/new", "/admin/treaties/new", "/admin/crime-categories/new",
                      "/admin/deadline-rules/new", "/admin/webhooks/new", "/account/tokens"]}


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("role", list(Role))
def test_pages_forms_and_errors_show_no_english_words(client, auth, register, role, language):
    vocabulary = english_words()
    user = register[role]
    auth.login(user)
    client.post("/language", data={"language": language})
    found = {}
    for path in pages_for(role):
        response = client.get(path, follow_redirects=True)
        assert response.status_code in (200, 403, 404), path
        leftovers = english_in(response.get_data(as_text=True), language, vocabulary)
        if leftovers:
            found[path] = leftovers
    for path in FORMS[role]:  # posted empty: every validation message shows
        response = client.post(path, data={"reference": "", "submit": "1"}, content_type="multipart/form-data")
        leftovers = english_in(response.get_data(as_text=True), language, vocabulary)
        if leftovers:
            found["POST " + path] = leftovers
    assert found == {}, "\n".join(f"{path}: {sorted(words)}" for path, words in found.items())


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_login_page_follows_the_browser_language_before_login(client, language):
    response = client.get("/login", headers={"Accept-Language": f"{language},en;q=0.5"})
    html = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in html
    assert english_in(html, language, english_words()) == set()
    wrong = client.post("/login", data={"email": "nobody@prokuror.example", "password": "x"},
                        headers={"Accept-Language": language}, follow_redirects=True)
    assert english_in(wrong.get_data(as_text=True), language, english_words()) == set()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_digest_emails_are_in_the_prosecutors_language(app, register, language):
    from tracker.mail.digests import render_digest
    from tracker.services.digests import prosecutor_digests, supervisor_digest
    vocabulary = english_words()
    for role in (Role.PROSECUTOR, Role.SUPERVISOR):
        user = register[role]
        user.language = Language(language)
        db.session.commit()
        content = prosecutor_digests([user.id], TODAY)[user.id] if role == Role.PROSECUTOR else \
            supervisor_digest(TODAY, SYSTEM)
        subject, text, html = render_digest(user, content, TODAY)
        assert "1-2026/001" in text or role == Role.SUPERVISOR
        assert english_in(f"<p>{subject}</p>", language, vocabulary) == set()
        assert english_in(f"<pre>{text}</pre>", language, vocabulary) == set()
        assert english_in(html, language, vocabulary) == set()


@pytest.mark.parametrize("language, word", [("kk", "жарамды"), ("ru", "действительный")])
def test_api_errors_follow_accept_language(client, language, word):
    response = client.get("/api/v1/requests", headers={"Accept-Language": language})
    assert response.status_code == 401 and word in response.get_json()["detail"].lower()


@pytest.mark.parametrize("number, expected", [
    (1, "1 запрос"), (2, "2 запроса"), (5, "5 запросов"), (11, "11 запросов"), (21, "21 запрос"), (24, "24 запроса")])
def test_russian_has_three_plural_forms(app, number, expected):
    from flask_babel import force_locale, ngettext
    with force_locale("ru"):
        assert ngettext("%(num)d request", "%(num)d requests", number) == expected


def test_kazakh_counts_with_the_singular(app):
    from flask_babel import force_locale, ngettext
    with force_locale("kk"):
        assert [ngettext("%(num)d request", "%(num)d requests", n) for n in (1, 2, 5)] == [
            "1 сұрау салу", "2 сұрау салу", "5 сұрау салу"]

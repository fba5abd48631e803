"""The digest's look: one column no wider than 600 px in the e-mail, the same digest whole and styled on the "My
digest" page (no frame, no inline style the page's Content-Security-Policy would refuse), and column headings
that say different things."""
import re
from datetime import timedelta

import pytest

from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.jobs import tasks as jobs
from tracker.mail.styles import stylesheet


def _office(language):
    """A prosecutor with overdue work and a missed release deadline, and a supervisor, both in `language`."""
    owner = make_user(language=Language(language), email=f"pros-{language}@prokuror.example")
    boss = make_user(Role.SUPERVISOR, language=Language(language), email=f"boss-{language}@prokuror.example")
    sent = TODAY - timedelta(days=120)
    make_request(owner, reference="МСП-2026-000123", sent_on=sent, statuses=[(Status.PENDING, sent + timedelta(days=5))])
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-000124", sent_on=None,
                 detained_on=TODAY - timedelta(days=45))
    return owner, boss


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_digest_mails_are_one_column_of_at_most_600_px(app, smtp_server, language):
    owner, boss = _office(language)
    assert jobs.send_digests(app, today=TODAY).sent == 2
    prosecutor_mail = _html(smtp_server.inbox.to(owner.email)[0])
    supervisor_mail = _html(smtp_server.inbox.to(boss.email)[0])
    for html in (prosecutor_mail, supervisor_mail):
        assert 'name="viewport"' in html and "@media (max-width: 599px)" in html
        assert 'class="digest" style="max-width: 600px;' in html  # the styles travel in the tags
        widths = [int(w) for w in re.findall(r"width:\s*(\d+)px", html) + re.findall(r'width="(\d+)"', html)]
        assert widths and max(widths) <= 600, widths
    # The prosecutor's requests are blocks, one under another: no table, hence no two columns both called "Срок".
    assert "<table" not in prosecutor_mail and "<th" not in prosecutor_mail
    assert "МСП-2026-000123" in prosecutor_mail and "ВЫД-2026-000124" in prosecutor_mail
    # The supervisor's summaries keep a table where there is room: each heading says a different thing.
    for table in re.findall(r"<table.*?</table>", supervisor_mail, re.S):
        headings = [re.sub(r"<[^>]+>", "", th).strip() for th in re.findall(r"<th.*?</th>", table, re.S)]
        assert len(headings) == 5 and len(set(headings)) == 5, headings


def test_the_mail_and_the_page_take_their_look_from_one_stylesheet():
    rules, media = stylesheet()
    assert rules["digest"].startswith("max-width: 600px;") and "@media (max-width: 599px)" in media
    assert rules["digest-head"] == ""  # styled by the media query alone


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_my_digest_shows_the_whole_digest_styled_without_a_frame(client, auth, language):
    owner, boss = _office(language)
    for user in (owner, boss):
        auth.login(user)
        client.post("/language", data={"language": language})
        response = client.get("/digest")
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<iframe" not in page and "srcdoc" not in page
        assert 'href="/static/digest.css"' in page and 'class="digest"' in page
        assert " style=" not in page  # the page's Content-Security-Policy would refuse inline styles
        assert "ВЫД-2026-000124" in page
        # Its links lead into the site being browsed, whatever PUBLIC_URL the e-mails use.
        assert 'href="/requests' in page and "127.0.0.1:5000" not in page
        assert f'lang="{language}"' in page
        auth.logout()
    assert client.get("/static/digest.css").status_code == 200

"""Digest subjects in Russian and Kazakh arrive word for word: folding a long subject into encoded words must not
lose the space between two of them ("недельная сводкана"). Mail goes over a real SMTP conversation."""
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from flask_babel import force_locale, gettext

from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.jobs import tasks as jobs
from tracker.mail.digests import render_digest
from tracker.mail.transport import build_message
from tracker.services.digests import prosecutor_digests

WORDS = {"ru": "недельная сводка на по выдаче просрочено Кыргызстан", "kk": "апталық жиынтығы ұстап беру мерзімі өткен"}


def _busy_prosecutor(language):
    """A prosecutor with an overdue MLA request and a missed release deadline: the longest subject there is."""
    owner = make_user(language=Language(language), email=f"pros-{language}@prokuror.example")
    sent = TODAY - timedelta(days=120)
    make_request(owner, reference=f"МСП-{language}", sent_on=sent, statuses=[(Status.PENDING, sent + timedelta(days=5))])
    make_request(owner, Kind.EXTRADITION, reference=f"ВЫД-{language}", sent_on=None,
                 detained_on=TODAY - timedelta(days=45))
    return owner


def _raw_subject(message) -> str:
    """The Subject as it travelled, folded lines and encoded words included."""
    return dict(message.raw_items())["Subject"]


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_digest_subjects_arrive_word_for_word(app, smtp_server, language):
    boss = make_user(Role.SUPERVISOR, language=Language(language), email=f"boss-{language}@prokuror.example")
    prosecutor = _busy_prosecutor(language)
    assert jobs.send_digests(app, today=TODAY).sent == 2
    content = prosecutor_digests([prosecutor.id], TODAY, app.config["DIGEST_SECTION_LIMIT"])[prosecutor.id]
    with force_locale(language):
        weekly = gettext("MLA Tracker: weekly summary of %(day)s", day=TODAY.strftime("%d.%m.%Y"))
    for user, expected in ((boss, weekly), (prosecutor, render_digest(prosecutor, content, TODAY)[0])):
        [message] = smtp_server.inbox.to(user.email)
        assert "\n" in _raw_subject(message), "the subject is long enough to be folded"
        received = message["Subject"]
        assert received.split(" ") == expected.split(" "), received
        assert received == expected
    boss_subject = smtp_server.inbox.to(boss.email)[0]["Subject"]
    assert TODAY.strftime("%d.%m.%Y") in boss_subject.split(" ")
    if language == "ru":
        assert "сводкана" not in boss_subject


def test_no_fold_point_joins_two_words():
    # A subject is folded wherever its 78 characters run out: each prefix length moves that point one character
    # along the sentence, so every space in it falls at the fold once.
    for language, words in WORDS.items():
        for padding in range(0, 60):
            subject = f"MLA Tracker: {'ж' * padding} {words} 12.01.2026"
            raw = bytes(build_message("aigul@prokuror.example", subject, "text", "<p>html</p>"))
            received = message_from_bytes(raw, policy=policy.default)
            assert received["Subject"] == subject, (language, padding, received["Subject"])
            header = raw.split(b"\r\n\r\n")[0].decode("ascii")
            assert all(len(line) <= 78 for line in header.split("\r\n"))


def test_a_plain_subject_stays_as_written():
    raw = bytes(build_message("aigul@prokuror.example", "MLA Tracker: weekly summary of 12.01.2026", "t", "<p>h</p>"))
    assert b"Subject: MLA Tracker: weekly summary of 12.01.2026\r\n" in raw

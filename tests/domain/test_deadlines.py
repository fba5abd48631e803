"""Deadline rules at their boundaries, with `today` passed in."""
from datetime import date, datetime, timedelta, timezone

import pytest

from tracker import clock
from tracker.domain.deadlines import (DEFAULT_RULES, DeadlineCode, RequestFacts, RuleBook, RuleCode, RuleSetting,
                                      Scope, compute, release_alert_due)
from tracker.domain.statuses import Kind, Status

RULES = RuleBook([(kind, RuleSetting(code, days, Scope.DEFAULT)) for kind, rules in DEFAULT_RULES.items()
                  for code, days in rules.items()])
DETAINED = date(2026, 3, 1)


def _extradition(**changes):
    facts = dict(kind=Kind.EXTRADITION, status=Status.DRAFT, status_on=DETAINED, sent_on=None, detained_on=DETAINED)
    facts.update(changes)
    return RequestFacts(**facts)


def _mla(**changes):
    facts = dict(kind=Kind.MLA, status=Status.SENT, status_on=date(2026, 1, 10), sent_on=date(2026, 1, 10))
    facts.update(changes)
    return RequestFacts(**facts)


@pytest.mark.parametrize("day,overdue_days,critical", [(39, 0, False), (40, 0, False), (41, 1, True)])
def test_release_deadline_on_day_39_40_and_41_of_a_40_day_limit(day, overdue_days, critical):
    state = compute(_extradition(), RULES, DETAINED + timedelta(days=day))
    assert state.due.code == DeadlineCode.RELEASE
    assert state.due.due_on == DETAINED + timedelta(days=40)
    assert (state.overdue_days, state.critical) == (overdue_days, critical)
    assert state.due.rule.scope == Scope.DEFAULT and state.due.rule.days == 40


def test_alerts_fall_20_10_5_2_and_1_days_before_the_release_deadline():
    due = DETAINED + timedelta(days=40)
    alert_days = [d for d in range(0, 41) if release_alert_due((due - (DETAINED + timedelta(days=d))).days)]
    assert [(due - (DETAINED + timedelta(days=d))).days for d in alert_days] == [20, 10, 5, 2, 1]
    assert compute(_extradition(), RULES, due - timedelta(days=20)).release_alert
    assert not compute(_extradition(), RULES, due - timedelta(days=21)).release_alert


def test_once_sent_the_release_deadline_no_longer_runs():
    state = compute(_extradition(status=Status.SENT, sent_on=DETAINED + timedelta(days=30)), RULES, date(2026, 6, 1))
    assert state.due is None and not state.critical


def test_the_treatys_limit_wins_over_the_default_and_names_the_treaty():
    state = compute(_extradition(treaty_id=7, treaty_arrest_limit=60), RULES, DETAINED)
    assert state.due.due_on == DETAINED + timedelta(days=60)
    assert (state.due.rule.scope, state.due.rule.treaty_id) == (Scope.TREATY, 7)


def test_overrides_apply_treaty_first_then_country_then_default():
    rows = list(RULES.rows) + [(Kind.MLA, RuleSetting(RuleCode.FIRST_REMINDER, 120, Scope.COUNTRY, country_code="US")),
                               (Kind.MLA, RuleSetting(RuleCode.FIRST_REMINDER, 45, Scope.TREATY, treaty_id=3))]
    book = RuleBook(rows)
    sent = date(2026, 1, 10)
    due = lambda **f: next(d for d in compute(_mla(status=Status.PENDING, **f), book, sent).deadlines  # noqa: E731
                           if d.code == DeadlineCode.REMINDER).due_on
    assert due(country_code="US") == sent + timedelta(days=120)
    assert due(country_code="US", treaty_id=3) == sent + timedelta(days=45)
    assert due(country_code="RU") == sent + timedelta(days=90)


def test_follow_up_at_30_days_while_unacknowledged_then_only_reminders():
    sent = date(2026, 1, 10)
    state = compute(_mla(), RULES, sent + timedelta(days=31))
    assert state.due.code == DeadlineCode.FOLLOW_UP and state.overdue_days == 1
    acknowledged = compute(_mla(status=Status.PENDING, status_on=sent + timedelta(days=20)), RULES,
                           sent + timedelta(days=31))
    assert acknowledged.due.code == DeadlineCode.REMINDER and acknowledged.due.due_on == sent + timedelta(days=90)
    assert not acknowledged.overdue


def test_reminders_every_60_days_after_the_last_one_recorded():
    sent = date(2026, 1, 10)
    first = compute(_mla(status=Status.PENDING), RULES, sent + timedelta(days=90))
    assert first.due.due_on == sent + timedelta(days=90) and not first.overdue
    assert compute(_mla(status=Status.PENDING), RULES, sent + timedelta(days=91)).overdue_days == 1
    reminded_on = sent + timedelta(days=95)
    after = compute(_mla(status=Status.PENDING, last_reminder_on=reminded_on), RULES, reminded_on)
    assert after.due.due_on == reminded_on + timedelta(days=60)
    assert after.due.rule.code == RuleCode.REMINDER_INTERVAL
    assert compute(_mla(status=Status.PENDING, last_reminder_on=reminded_on), RULES,
                   reminded_on + timedelta(days=61)).overdue_days == 1


def test_an_extension_moves_that_deadline_and_a_second_extension_chains():
    sent = date(2026, 1, 10)
    due = sent + timedelta(days=90)
    extended = compute(_mla(status=Status.PENDING, extensions=((DeadlineCode.REMINDER, due, due + timedelta(days=14)),)),
                       RULES, due + timedelta(days=5))
    assert extended.due.due_on == due + timedelta(days=14) and extended.due.extended_from == due
    assert not extended.overdue
    twice = compute(_mla(status=Status.PENDING, extensions=(
        (DeadlineCode.REMINDER, due, due + timedelta(days=14)),
        (DeadlineCode.REMINDER, due + timedelta(days=14), due + timedelta(days=30)))), RULES, due)
    assert twice.due.due_on == due + timedelta(days=30)


def test_an_extension_does_not_carry_over_to_the_next_reminder_cycle():
    sent = date(2026, 1, 10)
    due = sent + timedelta(days=90)
    facts = _mla(status=Status.PENDING, last_reminder_on=due, extensions=((DeadlineCode.REMINDER, due, due + timedelta(days=14)),))
    assert compute(facts, RULES, due).due.due_on == due + timedelta(days=60)


def test_supplement_answer_in_30_days_or_10_in_custody():
    asked = date(2026, 5, 4)
    free = compute(_mla(status=Status.SUPPLEMENT_REQUESTED, status_on=asked), RULES, asked)
    custody = compute(_mla(status=Status.SUPPLEMENT_REQUESTED, status_on=asked, in_custody=True), RULES, asked)
    assert (free.due.code, free.due.due_on) == (DeadlineCode.SUPPLEMENT, asked + timedelta(days=30))
    assert custody.due.due_on == asked + timedelta(days=10)
    assert custody.due.rule.code == RuleCode.SUPPLEMENT_ANSWER_CUSTODY


def test_escalation_after_180_days_and_long_pending_after_365():
    sent = date(2025, 1, 1)
    on = lambda days: compute(_mla(status=Status.PENDING, sent_on=sent, status_on=sent), RULES,  # noqa: E731
                              sent + timedelta(days=days))
    assert (on(180).escalated, on(181).escalated) == (False, True)
    assert (on(365).long_pending, on(366).long_pending) == (False, True)


def test_closed_requests_have_no_deadlines():
    state = compute(_mla(status=Status.EXECUTED), RULES, date(2030, 1, 1))
    assert state.due is None and not state.overdue and not state.escalated


def test_the_almaty_calendar_follows_the_move_from_utc_plus_6_to_utc_plus_5_on_1_march_2024():
    # 23:30 at UTC+6 on 29.02.2024 and 23:30 at UTC+5 on 29.02.2024, a fixed UTC+6 would call the second 1 March.
    assert clock.local_date(datetime(2024, 2, 29, 17, 30, tzinfo=timezone.utc)) == date(2024, 2, 29)
    assert clock.local_date(datetime(2024, 2, 29, 18, 30, tzinfo=timezone.utc)) == date(2024, 2, 29)
    assert clock.local_date(datetime(2024, 3, 1, 19, 30, tzinfo=timezone.utc)) == date(2024, 3, 2)
    assert clock.local_date(datetime(2023, 6, 1, 18, 30, tzinfo=timezone.utc)) == date(2023, 6, 2)  # UTC+6 then

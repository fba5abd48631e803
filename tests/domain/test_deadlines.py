"""Deadline rules at their boundaries, with `today` passed in."""
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from tracker import clock
from tracker.domain.deadlines import (DEFAULT_RULES, DeadlineCode, ReleaseEnd, RequestFacts, RuleBook, RuleCode,
                                      RuleSetting, Scope, alert_mark, compute, custody_days, release_alert_due)
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


def day(number: int) -> date:
    """The date of day `number` of custody, the day of detention being day 1."""
    return DETAINED + timedelta(days=number - 1)


@pytest.mark.parametrize("number,overdue_days,critical", [(39, 0, False), (40, 0, False), (41, 1, True)])
def test_release_deadline_on_day_39_40_and_41_of_a_40_day_limit(number, overdue_days, critical):
    state = compute(_extradition(), RULES, day(number))
    assert state.due.code == DeadlineCode.RELEASE
    assert state.due.due_on == day(40) == DETAINED + timedelta(days=39)
    assert state.due.days_left(day(number)) == 40 - number
    assert (state.overdue_days, state.critical) == (overdue_days, critical)
    assert state.due.rule.scope == Scope.DEFAULT and state.due.rule.days == 40


def test_a_rule_that_does_not_count_the_day_of_detention_ends_a_day_later():
    rules = RuleBook([(Kind.EXTRADITION, RuleSetting(RuleCode.ARREST_LIMIT, 40, Scope.DEFAULT,
                                                     counts_first_day=False))])
    assert compute(_extradition(), rules, DETAINED).due.due_on == DETAINED + timedelta(days=40)


def test_alerts_fall_20_10_5_2_and_1_days_before_the_release_deadline():
    due = day(40)
    alert_days = [d for d in range(0, 41) if release_alert_due((due - (DETAINED + timedelta(days=d))).days)]
    assert [(due - (DETAINED + timedelta(days=d))).days for d in alert_days] == [20, 10, 5, 2, 1]
    assert compute(_extradition(), RULES, due - timedelta(days=20)).release_alert
    assert not compute(_extradition(), RULES, due - timedelta(days=21)).release_alert


@pytest.mark.parametrize("days_left,mark", [(25, None), (21, None), (20, 20), (15, 20), (10, 10), (6, 10), (5, 5),
                                            (3, 5), (2, 2), (1, 1), (0, 1), (-1, 0), (-30, 0)])
def test_the_alert_mark_reached_catches_up_a_missed_day(days_left, mark):
    assert alert_mark(days_left) == mark


def test_sending_does_not_stop_the_release_deadline_and_day_41_without_receipt_is_critical():
    sent = _extradition(status=Status.SENT, status_on=day(35), sent_on=day(35), last_sent_on=day(35))
    on_40 = compute(sent, RULES, day(40))
    assert on_40.due.code == DeadlineCode.RELEASE and on_40.due.due_on == day(40) and not on_40.critical
    on_41 = compute(sent, RULES, day(41))
    assert on_41.critical and on_41.overdue_days == 1
    received = compute(replace(sent, received_abroad_on=day(38)), RULES, day(41))
    assert not received.critical
    assert DeadlineCode.RELEASE not in {d.code for d in received.deadlines}


def test_receipt_on_the_last_day_stops_the_clock_and_receipt_after_it_does_not():
    sent = _extradition(status=Status.PENDING, status_on=day(36), sent_on=day(35), last_sent_on=day(35))
    assert not compute(replace(sent, received_abroad_on=day(40)), RULES, day(45)).critical
    late = compute(replace(sent, received_abroad_on=day(41)), RULES, day(45))
    assert late.critical and late.due.code == DeadlineCode.RELEASE and late.due.due_on == day(40)


@pytest.mark.parametrize("ends_with,received,arrested,stopped", [
    (ReleaseEnd.RECEIPT, True, False, True), (ReleaseEnd.RECEIPT, False, True, False),
    (ReleaseEnd.ARREST, True, False, False), (ReleaseEnd.ARREST, False, True, True),
    (ReleaseEnd.RECEIPT_OR_ARREST, True, False, True), (ReleaseEnd.RECEIPT_OR_ARREST, False, True, True)])
def test_what_stops_the_release_deadline_is_the_rules_to_say(ends_with, received, arrested, stopped):
    rules = RuleBook([(Kind.EXTRADITION, RuleSetting(RuleCode.ARREST_LIMIT, 40, Scope.DEFAULT, ends_with=ends_with))])
    facts = _extradition(status=Status.SENT, sent_on=day(10), last_sent_on=day(10),
                         received_abroad_on=day(20) if received else None,
                         extradition_arrest_on=day(25) if arrested else None)
    assert compute(facts, rules, day(41)).critical is not stopped


def test_an_extension_by_foreign_decision_moves_the_release_deadline():
    facts = _extradition(status=Status.SENT, sent_on=day(35), last_sent_on=day(35),
                         extensions=((DeadlineCode.RELEASE, day(40), day(60)),))
    state = compute(facts, RULES, day(41))
    assert not state.critical and state.due.due_on == day(60) and state.due.extended_from == day(40)
    assert not compute(replace(facts, received_abroad_on=day(50)), RULES, day(61)).critical
    assert compute(facts, RULES, day(61)).critical


def test_a_sent_extradition_request_is_chased_like_an_mla_request():
    sent_on = day(20)
    facts = _extradition(status=Status.SENT, status_on=sent_on, sent_on=sent_on, last_sent_on=sent_on,
                         received_abroad_on=day(25))
    state = compute(facts, RULES, day(30))
    assert [d.code for d in state.deadlines] == [DeadlineCode.REMINDER]
    assert state.due.due_on == sent_on + timedelta(days=90)
    unconfirmed = compute(replace(facts, detained_on=None, received_abroad_on=None), RULES, day(30))
    assert {d.code for d in unconfirmed.deadlines} == {DeadlineCode.FOLLOW_UP, DeadlineCode.REMINDER}


def test_supplementary_information_by_the_term_the_requested_state_set():
    facts = _extradition(status=Status.SUPPLEMENT_REQUESTED, status_on=day(30), sent_on=day(10), last_sent_on=day(10),
                         received_abroad_on=day(15), supplement_due_on=day(37))
    state = compute(facts, RULES, day(31))
    assert (state.due.code, state.due.due_on, state.due.rule) == (DeadlineCode.SUPPLEMENT, day(37), None)
    by_rule = compute(replace(facts, supplement_due_on=None, in_custody=True), RULES, day(31))
    assert by_rule.due.due_on == day(30) + timedelta(days=10)


def test_the_surrender_window_runs_from_the_grant_and_stops_when_postponed():
    granted_on = date(2026, 6, 1)
    facts = _extradition(status=Status.GRANTED, status_on=granted_on, sent_on=day(20), last_sent_on=day(20),
                         received_abroad_on=day(25))
    state = compute(facts, RULES, granted_on)
    assert [(d.code, d.due_on) for d in state.deadlines] == [(DeadlineCode.SURRENDER, granted_on + timedelta(days=15))]
    assert compute(replace(facts, status=Status.SURRENDER_POSTPONED), RULES, granted_on).deadlines == ()


def test_after_extradition_or_refusal_the_outcome_is_to_be_notified_until_recorded():
    done_on = date(2026, 7, 1)
    for status in (Status.EXTRADITED, Status.REFUSED):
        facts = _extradition(status=status, status_on=done_on, sent_on=day(20))
        state = compute(facts, RULES, done_on + timedelta(days=31))
        assert (state.due.code, state.due.due_on, state.overdue_days) == (
            DeadlineCode.OUTCOME_NOTICE, done_on + timedelta(days=30), 1)
        assert compute(replace(facts, outcome_notified_on=done_on), RULES, done_on).deadlines == ()


def test_a_request_returned_and_sent_again_is_chased_from_the_new_sending():
    first, again = date(2026, 1, 10), date(2026, 4, 1)
    facts = _mla(status=Status.SENT, status_on=again, sent_on=first, last_sent_on=again,
                 acknowledged_on=date(2026, 1, 20), last_reminder_on=date(2026, 2, 1))
    state = compute(facts, RULES, again)
    assert {(d.code, d.due_on) for d in state.deadlines} == {
        (DeadlineCode.FOLLOW_UP, again + timedelta(days=30)), (DeadlineCode.REMINDER, again + timedelta(days=90))}


def test_an_acknowledgement_ends_the_follow_up():
    sent = date(2026, 1, 10)
    state = compute(_mla(acknowledged_on=sent + timedelta(days=5)), RULES, sent + timedelta(days=40))
    assert [d.code for d in state.deadlines] == [DeadlineCode.REMINDER]


@pytest.mark.parametrize("detained,surrendered,days", [(date(2026, 3, 1), date(2026, 3, 1), 1),
                                                       (date(2026, 3, 1), date(2026, 4, 9), 40),
                                                       (None, date(2026, 4, 9), None)])
def test_custody_days_abroad_count_the_day_of_detention_and_of_surrender(detained, surrendered, days):
    assert custody_days(detained, surrendered) == days


def test_the_treatys_limit_wins_over_the_default_and_names_the_treaty():
    state = compute(_extradition(treaty_id=7, treaty_arrest_limit=60), RULES, DETAINED)
    assert state.due.due_on == day(60)
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

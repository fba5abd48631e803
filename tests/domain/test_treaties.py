"""Which treaty can be a request's legal basis on its sending day, and Kazakhstan's working days, without an app."""
from datetime import date

import pytest

from tracker.domain.calendar import WorkCalendar
from tracker.domain.deadlines import DeadlineCode, RequestFacts, RuleBook, RuleCode, RuleSetting, Scope, TreatyLimit, \
    compute, last_day
from tracker.domain.statuses import Kind, Status
from tracker.domain.treaties import PartyTerm, TreatyTerms, applicable, in_force_on, refusal

MINSK = TreatyTerms(1, frozenset({"mla", "extradition", "transfer"}), "in_force",
                    parties=(PartyTerm("RU", date(1994, 12, 10)), PartyTerm("KG"), PartyTerm("UA", None, date(2023, 1, 1))))
CHISINAU = TreatyTerms(2, frozenset({"mla", "extradition", "transfer", "sentenced_persons"}), "in_force",
                       parties=(PartyTerm("RU", date(2023, 6, 28)), PartyTerm("KG")), supersedes=(1,))
MLA_ONLY = TreatyTerms(3, frozenset({"mla"}), "in_force", parties=(PartyTerm("IN", date(2000, 12, 22)),))
SIGNED = TreatyTerms(4, frozenset({"extradition"}), "signed", parties=(PartyTerm("IN"),))
UNTOC = TreatyTerms(5, frozenset({"mla", "extradition", "transfer"}), "in_force")
REGISTER = {t.id: t for t in (MINSK, CHISINAU, MLA_ONLY, SIGNED, UNTOC)}


def _why(treaty, kind, country, day):
    found = refusal(treaty, kind, country, day, REGISTER)
    return found.code if found else None


def test_a_russia_request_of_2021_takes_minsk_and_not_chisinau_and_one_of_2024_the_reverse():
    assert _why(MINSK, "mla", "RU", date(2021, 6, 1)) is None
    chisinau_2021 = refusal(CHISINAU, "mla", "RU", date(2021, 6, 1), REGISTER)
    assert (chisinau_2021.code, chisinau_2021.since) == ("party_not_yet", date(2023, 6, 28))
    assert _why(CHISINAU, "mla", "RU", date(2024, 3, 1)) is None
    minsk_2024 = refusal(MINSK, "mla", "RU", date(2024, 3, 1), REGISTER)
    assert (minsk_2024.code, minsk_2024.by, minsk_2024.since) == ("treaty_superseded", 2, date(2023, 6, 28))
    assert _why(MINSK, "mla", "RU", date(2023, 6, 27)) is None  # the day before Chisinau applies


def test_an_unknown_date_does_not_refuse_and_does_not_supersede():
    assert _why(MINSK, "mla", "KG", date(2024, 3, 1)) is None
    assert _why(CHISINAU, "mla", "KG", date(2024, 3, 1)) is None


def test_a_party_that_left_and_a_country_that_never_joined_are_refused():
    assert _why(MINSK, "mla", "UA", date(2022, 12, 31)) is None
    assert _why(MINSK, "mla", "UA", date(2023, 1, 1)) == "party_no_longer"
    assert _why(MINSK, "mla", "DE", date(2023, 1, 1)) == "not_a_party"


def test_scope_status_and_open_conventions():
    assert _why(MLA_ONLY, "extradition", "IN", date(2024, 1, 1)) == "treaty_scope"
    assert _why(MLA_ONLY, "mla", "IN", date(2024, 1, 1)) is None
    assert _why(SIGNED, "extradition", "IN", date(2024, 1, 1)) == "treaty_not_in_force"
    assert _why(UNTOC, "transfer", "BR", date(2024, 1, 1)) is None  # no parties listed: any state party
    assert applicable(REGISTER, "extradition", "RU", date(2024, 3, 1)) == [2, 5]
    assert not in_force_on(SIGNED, date(2024, 1, 1))
    terminated = TreatyTerms(6, frozenset({"mla"}), "terminated", terminated_on=date(2020, 1, 1))
    assert in_force_on(terminated, date(2019, 12, 31)) and not in_force_on(terminated, date(2020, 1, 1))


@pytest.mark.parametrize("start,months,first_day,expected", [
    (date(2026, 3, 10), 2, True, date(2026, 5, 9)), (date(2026, 3, 10), 2, False, date(2026, 5, 10)),
    (date(2025, 12, 31), 2, False, date(2026, 2, 28)), (date(2026, 11, 15), 2, True, date(2027, 1, 14))])
def test_a_limit_in_months_ends_on_the_same_day_of_the_month(start, months, first_day, expected):
    assert last_day(start, 0, first_day, months) == expected


def test_montevideos_two_months_count_from_the_notification_once_it_is_recorded():
    rules = RuleBook([(Kind.EXTRADITION, RuleSetting(RuleCode.ARREST_LIMIT, 40, Scope.DEFAULT))])
    facts = RequestFacts(kind=Kind.EXTRADITION, status=Status.DRAFT, status_on=date(2026, 3, 1), sent_on=None,
                         detained_on=date(2026, 3, 1), treaty_id=9,
                         treaty_arrest_limit=TreatyLimit(months=2, from_notification=True))
    assert compute(facts, rules, date(2026, 3, 2)).due.due_on == date(2026, 4, 30)  # from detention meanwhile
    notified = RequestFacts(**{**facts.__dict__, "arrest_notified_on": date(2026, 3, 6)})
    assert compute(notified, rules, date(2026, 3, 7)).due.due_on == date(2026, 5, 5)


def test_office_practice_moves_off_a_holiday_and_a_custody_limit_is_marked_not_moved():
    calendar = WorkCalendar(days_off=frozenset({date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25)}),
                            days_worked=frozenset({date(2025, 1, 5)}))
    assert not calendar.is_working(date(2026, 3, 24)) and calendar.is_working(date(2025, 1, 5))
    assert calendar.next_working(date(2026, 3, 21)) == date(2026, 3, 26)  # Saturday, then Nauryz
    rules = RuleBook([(Kind.MLA, RuleSetting(RuleCode.FOLLOW_UP, 30, Scope.DEFAULT, moves_to_working_day=True)),
                      (Kind.EXTRADITION, RuleSetting(RuleCode.ARREST_LIMIT, 40, Scope.DEFAULT))], calendar=calendar)
    mla = RequestFacts(kind=Kind.MLA, status=Status.SENT, status_on=date(2026, 2, 22), sent_on=date(2026, 2, 22))
    follow_up = compute(mla, rules, date(2026, 3, 1)).due
    assert (follow_up.code, follow_up.due_on, follow_up.moved_from) == (
        DeadlineCode.FOLLOW_UP, date(2026, 3, 26), date(2026, 3, 24))
    held = RequestFacts(kind=Kind.EXTRADITION, status=Status.DRAFT, status_on=date(2026, 2, 13), sent_on=None,
                        detained_on=date(2026, 2, 13))
    release = compute(held, rules, date(2026, 3, 1)).due
    assert (release.due_on, release.on_non_working_day, release.moved_from) == (date(2026, 3, 24), True, None)

"""The status workflow of every kind, checked for every pair of statuses without an app."""
from datetime import date

import pytest

from tracker.domain.statuses import (Kind, RefusalGround, Status, TransitionError, allowed_next, check_transition,
                                     is_final, statuses_of)

S = Status
# The workflow as DESIGN.md states it, written out independently of the code's table.
EXPECTED = {
    Kind.MLA: {
        (S.DRAFT, S.SENT), (S.DRAFT, S.WITHDRAWN),
        *{(S.SENT, t) for t in (S.PENDING, S.SUPPLEMENT_REQUESTED, S.PARTIALLY_EXECUTED, S.EXECUTED, S.REFUSED,
                                S.RETURNED, S.WITHDRAWN)},
        *{(S.PENDING, t) for t in (S.SUPPLEMENT_REQUESTED, S.PARTIALLY_EXECUTED, S.EXECUTED, S.REFUSED, S.RETURNED,
                                   S.WITHDRAWN)},
        *{(S.SUPPLEMENT_REQUESTED, t) for t in (S.PENDING, S.PARTIALLY_EXECUTED, S.EXECUTED, S.REFUSED, S.RETURNED,
                                                S.WITHDRAWN)},
        # After a partial execution the rest can still be executed, refused or withdrawn.
        *{(S.PARTIALLY_EXECUTED, t) for t in (S.SUPPLEMENT_REQUESTED, S.EXECUTED, S.REFUSED, S.RETURNED,
                                              S.WITHDRAWN)},
        # Returned for completion: completed and sent again, or withdrawn.
        (S.RETURNED, S.SENT), (S.RETURNED, S.WITHDRAWN),
    },
    Kind.EXTRADITION: {
        (S.DRAFT, S.SENT), (S.DRAFT, S.RELEASED_ABROAD), (S.DRAFT, S.WITHDRAWN),
        *{(S.SENT, t) for t in (S.PENDING, S.SUPPLEMENT_REQUESTED, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD,
                                S.WITHDRAWN)},
        *{(S.PENDING, t) for t in (S.SUPPLEMENT_REQUESTED, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN)},
        *{(S.SUPPLEMENT_REQUESTED, t) for t in (S.PENDING, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN)},
        # A grant overturned on appeal; surrender postponed or temporary.
        *{(S.GRANTED, t) for t in (S.EXTRADITED, S.SURRENDER_POSTPONED, S.TEMPORARILY_SURRENDERED, S.REFUSED,
                                   S.RELEASED_ABROAD, S.WITHDRAWN)},
        *{(S.SURRENDER_POSTPONED, t) for t in (S.EXTRADITED, S.TEMPORARILY_SURRENDERED, S.REFUSED,
                                               S.RELEASED_ABROAD, S.WITHDRAWN)},
        (S.TEMPORARILY_SURRENDERED, S.EXTRADITED), (S.TEMPORARILY_SURRENDERED, S.WITHDRAWN),
    },
    Kind.TRANSFER: {
        (S.DRAFT, S.SENT), (S.DRAFT, S.WITHDRAWN),
        *{(S.SENT, t) for t in (S.PENDING, S.ACCEPTED, S.REFUSED, S.RETURNED, S.WITHDRAWN)},
        *{(S.PENDING, t) for t in (S.ACCEPTED, S.REFUSED, S.RETURNED, S.WITHDRAWN)},
        (S.RETURNED, S.SENT), (S.RETURNED, S.WITHDRAWN),
    },
}
TODAY = date(2026, 11, 2)
PAIRS = [(kind, a, b) for kind in Kind for a in Status for b in Status]


@pytest.mark.parametrize("kind,current,target", PAIRS, ids=[f"{k}:{a}->{b}" for k, a, b in PAIRS])
def test_every_pair_is_allowed_exactly_when_the_workflow_says(kind, current, target):
    ground = RefusalGround.OTHER if target == S.REFUSED else None
    allowed = (current, target) in EXPECTED[kind]
    if allowed:
        check_transition(kind, current, target, effective_on=TODAY, previous_on=TODAY, today=TODAY, ground=ground)
    else:
        with pytest.raises(TransitionError):
            check_transition(kind, current, target, effective_on=TODAY, previous_on=TODAY, today=TODAY,
                             ground=ground)


@pytest.mark.parametrize("kind", list(Kind))
def test_final_statuses_allow_nothing(kind):
    finals = [s for s in statuses_of(kind) if is_final(kind, s)]
    assert finals, "each kind has final statuses"
    for status in finals:
        assert allowed_next(kind, status) == ()
        with pytest.raises(TransitionError) as raised:
            check_transition(kind, status, S.SENT, effective_on=TODAY, previous_on=None, today=TODAY, ground=None)
        assert raised.value.code == "final"


def test_statuses_of_a_kind_exclude_the_other_kinds_statuses():
    assert S.EXTRADITED not in statuses_of(Kind.MLA)
    assert S.EXECUTED not in statuses_of(Kind.EXTRADITION)


def test_effective_date_may_not_be_in_the_future():
    with pytest.raises(TransitionError) as raised:
        check_transition(Kind.MLA, S.SENT, S.PENDING, effective_on=date(2026, 11, 3), previous_on=date(2026, 1, 1),
                         today=TODAY, ground=None)
    assert raised.value.code == "future_date"


def test_effective_date_may_not_precede_the_current_status():
    with pytest.raises(TransitionError) as raised:
        check_transition(Kind.MLA, S.SENT, S.PENDING, effective_on=date(2026, 1, 1), previous_on=date(2026, 1, 2),
                         today=TODAY, ground=None)
    assert raised.value.code == "before_previous"


def test_same_day_as_the_current_status_and_a_past_day_are_accepted():
    check_transition(Kind.MLA, S.SENT, S.PENDING, effective_on=date(2026, 1, 2), previous_on=date(2026, 1, 2),
                     today=TODAY, ground=None)
    check_transition(Kind.MLA, S.SENT, S.PENDING, effective_on=date(2025, 5, 5), previous_on=date(2025, 1, 2),
                     today=TODAY, ground=None)


def test_refusal_needs_a_ground_and_other_statuses_take_none():
    with pytest.raises(TransitionError) as raised:
        check_transition(Kind.EXTRADITION, S.PENDING, S.REFUSED, effective_on=TODAY, previous_on=None, today=TODAY,
                         ground=None)
    assert raised.value.code == "ground_required"
    with pytest.raises(TransitionError) as raised:
        check_transition(Kind.EXTRADITION, S.PENDING, S.GRANTED, effective_on=TODAY, previous_on=None, today=TODAY,
                         ground=RefusalGround.ASYLUM)
    assert raised.value.code == "ground_not_applicable"

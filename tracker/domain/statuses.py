"""Request kinds, statuses, refusal grounds and the allowed status workflow of each kind."""
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of outgoing request."""

    MLA = "mla"
    EXTRADITION = "extradition"
    TRANSFER = "transfer"   # transfer of criminal proceedings (CPC art. 596)


class Status(StrEnum):
    """Every status a request can have; which apply depends on the kind."""

    DRAFT = "draft"
    SENT = "sent"
    PENDING = "pending"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    PARTIALLY_EXECUTED = "partially_executed"
    EXECUTED = "executed"
    GRANTED = "granted"
    SURRENDER_POSTPONED = "surrender_postponed"
    TEMPORARILY_SURRENDERED = "temporarily_surrendered"
    EXTRADITED = "extradited"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    RETURNED = "returned"
    RELEASED_ABROAD = "released_abroad"
    WITHDRAWN = "withdrawn"


class RefusalGround(StrEnum):
    """Coded grounds on which a foreign state refuses a request."""

    NATIONAL = "national"
    POLITICAL = "political"
    LIMITATION = "limitation"
    DOUBLE_JEOPARDY = "double_jeopardy"
    INSUFFICIENT_DOCUMENTS = "insufficient_documents"
    NO_DUAL_CRIMINALITY = "no_dual_criminality"
    DEATH_PENALTY_OR_TORTURE = "death_penalty_or_torture"
    ASYLUM = "asylum"
    OTHER = "other"


S = Status
# Each kind's workflow: status -> statuses it may move to. A status absent as a key is final.
TRANSITIONS = {
    Kind.MLA: {
        S.DRAFT: (S.SENT, S.WITHDRAWN),
        S.SENT: (S.PENDING, S.SUPPLEMENT_REQUESTED, S.PARTIALLY_EXECUTED, S.EXECUTED,
                 S.REFUSED, S.RETURNED, S.WITHDRAWN),
        S.PENDING: (S.SUPPLEMENT_REQUESTED, S.PARTIALLY_EXECUTED, S.EXECUTED,
                    S.REFUSED, S.RETURNED, S.WITHDRAWN),
        S.SUPPLEMENT_REQUESTED: (S.PENDING, S.PARTIALLY_EXECUTED, S.EXECUTED,
                                 S.REFUSED, S.RETURNED, S.WITHDRAWN),
        # After a partial execution the rest is still executed, refused or withdrawn.
        S.PARTIALLY_EXECUTED: (S.SUPPLEMENT_REQUESTED, S.EXECUTED, S.REFUSED, S.RETURNED, S.WITHDRAWN),
        # Returned for completion: the same request is completed and sent again.
        S.RETURNED: (S.SENT, S.WITHDRAWN),
    },
    Kind.EXTRADITION: {
        # A person may be released abroad before our request is even sent: the case the product exists for.
        S.DRAFT: (S.SENT, S.RELEASED_ABROAD, S.WITHDRAWN),
        S.SENT: (S.PENDING, S.SUPPLEMENT_REQUESTED, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN),
        S.PENDING: (S.SUPPLEMENT_REQUESTED, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN),
        S.SUPPLEMENT_REQUESTED: (S.PENDING, S.GRANTED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN),
        # A grant can still be overturned on appeal; surrender may be postponed or temporary.
        S.GRANTED: (S.EXTRADITED, S.SURRENDER_POSTPONED, S.TEMPORARILY_SURRENDERED, S.REFUSED,
                    S.RELEASED_ABROAD, S.WITHDRAWN),
        S.SURRENDER_POSTPONED: (S.EXTRADITED, S.TEMPORARILY_SURRENDERED, S.REFUSED, S.RELEASED_ABROAD,
                                S.WITHDRAWN),
        S.TEMPORARILY_SURRENDERED: (S.EXTRADITED, S.WITHDRAWN),
    },
    Kind.TRANSFER: {
        S.DRAFT: (S.SENT, S.WITHDRAWN),
        S.SENT: (S.PENDING, S.ACCEPTED, S.REFUSED, S.RETURNED, S.WITHDRAWN),
        S.PENDING: (S.ACCEPTED, S.REFUSED, S.RETURNED, S.WITHDRAWN),
        S.RETURNED: (S.SENT, S.WITHDRAWN),
    },
}

FINAL = {
    Kind.MLA: (S.EXECUTED, S.REFUSED, S.WITHDRAWN),
    Kind.EXTRADITION: (S.EXTRADITED, S.REFUSED, S.RELEASED_ABROAD, S.WITHDRAWN),
    Kind.TRANSFER: (S.ACCEPTED, S.REFUSED, S.WITHDRAWN),
}
# Statuses in which the request has been sent and not yet answered for good: the foreign side is chased.
WITH_FOREIGN_SIDE = (S.SENT, S.PENDING, S.SUPPLEMENT_REQUESTED, S.PARTIALLY_EXECUTED)


class TransitionError(ValueError):
    """A status change the workflow does not allow; `code` names the reason for translation."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def statuses_of(kind: Kind) -> tuple[Status, ...]:
    """The statuses a request of this kind can have, in workflow order."""
    seen = list(TRANSITIONS[kind]) + list(FINAL[kind])
    return tuple(s for s in Status if s in seen)


def is_final(kind: Kind, status: Status) -> bool:
    """True when no further status change is allowed."""
    return status in FINAL[kind]


def is_open(kind: Kind, status: Status) -> bool:
    """Open means every status that is not final."""
    return not is_final(kind, status)


def open_statuses(kind: Kind) -> tuple[Status, ...]:
    """The open statuses of a kind."""
    return tuple(TRANSITIONS[kind])


def allowed_next(kind: Kind, status: Status) -> tuple[Status, ...]:
    """Statuses a request of this kind may move to from `status`."""
    return TRANSITIONS[kind].get(status, ())


def check_transition(kind: Kind, current: Status, target: Status, *, effective_on: date,
                     previous_on: date | None, today: date, ground: RefusalGround | None) -> None:
    """Raises TransitionError unless moving `current` -> `target` on `effective_on` is allowed."""
    if is_final(kind, current):
        raise TransitionError("final")
    if target not in allowed_next(kind, current):
        raise TransitionError("not_allowed")
    if effective_on > today:
        raise TransitionError("future_date")
    if previous_on is not None and effective_on < previous_on:
        raise TransitionError("before_previous")
    if target == Status.REFUSED and ground is None:
        raise TransitionError("ground_required")
    if target != Status.REFUSED and ground is not None:
        raise TransitionError("ground_not_applicable")


def is_resending(current: Status, target: Status) -> bool:
    """True when a request returned for completion goes abroad again: a new sending, not a new request."""
    return current == Status.RETURNED and target == Status.SENT


def can_start_transfer_from(kind: Kind, status: Status) -> bool:
    """A transfer of proceedings is started from an extradition request the requested state refused."""
    return kind == Kind.EXTRADITION and status == Status.REFUSED

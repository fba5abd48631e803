"""Deadline rules and their computation: which deadlines a request has on a given day, and which rule set each."""
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from tracker.domain.statuses import Kind, Status, is_open


class RuleCode(StrEnum):
    """The deadline rules an administrator can set, per kind, with treaty and country overrides."""

    ARREST_LIMIT = "arrest_limit"                    # extradition: days a person is held abroad awaiting our request
    FOLLOW_UP = "follow_up"                          # MLA: no acknowledgement this many days after sending
    FIRST_REMINDER = "first_reminder"                # MLA: not executed this many days after sending
    REMINDER_INTERVAL = "reminder_interval"          # MLA: days between reminders after the first
    ESCALATION = "escalation"                        # open this many days after sending: the supervisor is told
    LONG_PENDING = "long_pending"                    # open this many days after sending: long-pending
    SUPPLEMENT_ANSWER = "supplement_answer"          # our answer to a supplement request
    SUPPLEMENT_ANSWER_CUSTODY = "supplement_answer_custody"  # the same when the person is in custody


class DeadlineCode(StrEnum):
    """The deadlines a request can have open."""

    RELEASE = "release"          # foreign release deadline of a person detained abroad
    FOLLOW_UP = "follow_up"
    REMINDER = "reminder"
    SUPPLEMENT = "supplement"


# Defaults as the design sets them; they are seeded as data and edited there, never read from here at run time.
DEFAULT_RULES = {
    Kind.EXTRADITION: {RuleCode.ARREST_LIMIT: 40, RuleCode.ESCALATION: 180, RuleCode.LONG_PENDING: 365},
    Kind.MLA: {RuleCode.FOLLOW_UP: 30, RuleCode.FIRST_REMINDER: 90, RuleCode.REMINDER_INTERVAL: 60,
               RuleCode.ESCALATION: 180, RuleCode.LONG_PENDING: 365, RuleCode.SUPPLEMENT_ANSWER: 30,
               RuleCode.SUPPLEMENT_ANSWER_CUSTODY: 10},
}
RELEASE_ALERT_DAYS = (20, 10, 5, 2, 1)
# From this many days before the foreign release deadline an unsent request is flagged everywhere.
RELEASE_WINDOW_DAYS = max(RELEASE_ALERT_DAYS)
# Digests and the list's "due soon" filter look this far ahead.
DUE_SOON_DAYS = 14
# While an MLA request is with the foreign side, it is chased by reminders.
CHASED_STATUSES = (Status.SENT, Status.PENDING, Status.PARTIALLY_EXECUTED)


class Scope(StrEnum):
    """Where a rule's number of days comes from, most specific first."""

    TREATY = "treaty"
    COUNTRY = "country"
    DEFAULT = "default"


@dataclass(frozen=True)
class RuleSetting:
    """The days a rule gives and where that number comes from (for showing 'which rule produced it')."""

    code: RuleCode
    days: int
    scope: Scope
    treaty_id: int | None = None
    country_code: str | None = None


@dataclass
class RuleBook:
    """Every rule row: defaults per kind, and overrides per treaty or per country."""

    rows: list[tuple[Kind, RuleSetting]] = field(default_factory=list)

    def __post_init__(self):
        self._index = {}
        for kind, setting in self.rows:
            key = (kind, setting.code, setting.scope, setting.treaty_id, setting.country_code)
            self._index[key] = setting

    def setting(self, kind: Kind, code: RuleCode, *, treaty_id: int | None, country_code: str | None,
                treaty_arrest_limit: int | None = None) -> RuleSetting | None:
        """The most specific setting for a request: the treaty's, then the country's, then the default."""
        by_treaty = self._index.get((kind, code, Scope.TREATY, treaty_id, None)) if treaty_id else None
        if by_treaty:
            return by_treaty
        if code == RuleCode.ARREST_LIMIT and treaty_arrest_limit:
            return RuleSetting(code, treaty_arrest_limit, Scope.TREATY, treaty_id=treaty_id)
        by_country = self._index.get((kind, code, Scope.COUNTRY, None, country_code))
        return by_country or self._index.get((kind, code, Scope.DEFAULT, None, None))


@dataclass(frozen=True)
class RequestFacts:
    """What the deadline rules need to know about one request."""

    kind: Kind
    status: Status
    status_on: date
    sent_on: date | None
    detained_on: date | None = None
    in_custody: bool = False
    last_reminder_on: date | None = None
    treaty_id: int | None = None
    country_code: str | None = None
    treaty_arrest_limit: int | None = None
    # Extensions recorded by users: (deadline, the due date it extended, the new due date).
    extensions: tuple[tuple[DeadlineCode, date, date], ...] = ()


@dataclass(frozen=True)
class Deadline:
    """One open deadline: when it is due and the rule that set it."""

    code: DeadlineCode
    due_on: date
    rule: RuleSetting
    extended_from: date | None = None

    def days_left(self, today: date) -> int:
        """Days until the deadline; negative once it has passed."""
        return (self.due_on - today).days


@dataclass(frozen=True)
class DeadlineState:
    """Everything the register stores and shows about a request's deadlines on one day."""

    deadlines: tuple[Deadline, ...]
    due: Deadline | None
    overdue_days: int
    critical: bool
    release_alert: bool
    escalated: bool
    long_pending: bool

    @property
    def overdue(self) -> bool:
        """Open and past its due date."""
        return self.overdue_days > 0


def compute(facts: RequestFacts, rules: RuleBook, today: date) -> DeadlineState:
    """The deadlines of a request on `today`; a closed request has none."""
    if not is_open(facts.kind, facts.status):
        return DeadlineState((), None, 0, False, False, False, False)
    deadlines = tuple(_apply_extension(d, facts.extensions) for d in _open_deadlines(facts, rules))
    due = min(deadlines, key=lambda d: d.due_on, default=None)
    overdue_days = max(0, (today - due.due_on).days) if due else 0
    release = next((d for d in deadlines if d.code == DeadlineCode.RELEASE), None)
    age = (today - facts.sent_on).days if facts.sent_on else None
    return DeadlineState(
        deadlines=deadlines, due=due, overdue_days=overdue_days,
        critical=release is not None and today > release.due_on,
        release_alert=release is not None and 0 <= release.days_left(today) <= RELEASE_WINDOW_DAYS,
        escalated=_past(age, rules, facts, RuleCode.ESCALATION),
        long_pending=_past(age, rules, facts, RuleCode.LONG_PENDING),
    )


def release_alert_due(days_left: int) -> bool:
    """True on the days an alert about the release deadline is sent: 20, 10, 5, 2 and 1 days before."""
    return days_left in RELEASE_ALERT_DAYS


def _open_deadlines(facts, rules):
    """Yields each deadline the request's kind and status give it."""
    setting = lambda code: rules.setting(facts.kind, code, treaty_id=facts.treaty_id,  # noqa: E731
                                         country_code=facts.country_code,
                                         treaty_arrest_limit=facts.treaty_arrest_limit)
    if facts.kind == Kind.EXTRADITION:
        if facts.status == Status.DRAFT and facts.detained_on:
            rule = setting(RuleCode.ARREST_LIMIT)
            if rule:
                yield Deadline(DeadlineCode.RELEASE, facts.detained_on + timedelta(days=rule.days), rule)
        return
    if facts.status == Status.SUPPLEMENT_REQUESTED:
        rule = setting(RuleCode.SUPPLEMENT_ANSWER_CUSTODY if facts.in_custody else RuleCode.SUPPLEMENT_ANSWER)
        if rule:
            yield Deadline(DeadlineCode.SUPPLEMENT, facts.status_on + timedelta(days=rule.days), rule)
        return
    if facts.status not in CHASED_STATUSES or facts.sent_on is None:
        return
    if facts.status == Status.SENT:
        rule = setting(RuleCode.FOLLOW_UP)
        if rule:
            yield Deadline(DeadlineCode.FOLLOW_UP, facts.sent_on + timedelta(days=rule.days), rule)
    reminder = _next_reminder(facts, setting)
    if reminder:
        yield reminder


def _next_reminder(facts, setting):
    """The first reminder after sending, then one every interval after the last reminder recorded."""
    if facts.last_reminder_on is None:
        rule = setting(RuleCode.FIRST_REMINDER)
        return Deadline(DeadlineCode.REMINDER, facts.sent_on + timedelta(days=rule.days), rule) if rule else None
    rule = setting(RuleCode.REMINDER_INTERVAL)
    return Deadline(DeadlineCode.REMINDER, facts.last_reminder_on + timedelta(days=rule.days), rule) if rule else None


def _apply_extension(deadline, extensions):
    """Extensions, in the order recorded, each move the due date they were recorded against;
    a later cycle of the same deadline (after a new reminder, say) is not affected."""
    due = deadline.due_on
    for code, extended_from, extended_to in extensions:
        if code == deadline.code and extended_from == due:
            due = extended_to
    if due == deadline.due_on:
        return deadline
    return Deadline(deadline.code, due, deadline.rule, extended_from=deadline.due_on)


def _past(age, rules, facts, code):
    """True when the request has been open longer than the rule's days since it was sent."""
    rule = rules.setting(facts.kind, code, treaty_id=facts.treaty_id, country_code=facts.country_code)
    return age is not None and rule is not None and age > rule.days

"""Deadline rules and their computation: which deadlines a request has on a given day, and which rule set each."""
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from tracker.domain.calendar import WorkCalendar
from tracker.domain.statuses import Kind, Status, is_open


class RuleCode(StrEnum):
    """The deadline rules an administrator can set, per kind, with treaty and country overrides."""

    ARREST_LIMIT = "arrest_limit"                    # extradition: days a person is held abroad awaiting our request
    FOLLOW_UP = "follow_up"                          # no acknowledgement this many days after sending
    FIRST_REMINDER = "first_reminder"                # not executed this many days after sending
    REMINDER_INTERVAL = "reminder_interval"          # days between reminders after the first
    ESCALATION = "escalation"                        # open this many days after sending: the supervisor is told
    LONG_PENDING = "long_pending"                    # open this many days after sending: long-pending
    SUPPLEMENT_ANSWER = "supplement_answer"          # our answer to a supplement request
    SUPPLEMENT_ANSWER_CUSTODY = "supplement_answer_custody"  # the same when the person is in custody
    SURRENDER_WINDOW = "surrender_window"            # extradition granted: days within which the person is taken over
    OUTCOME_NOTICE = "outcome_notice"                # extradited or refused: the requested state is told the outcome


class DeadlineCode(StrEnum):
    """The deadlines a request can have open."""

    RELEASE = "release"          # foreign release deadline of a person detained abroad
    FOLLOW_UP = "follow_up"
    REMINDER = "reminder"
    SUPPLEMENT = "supplement"
    SURRENDER = "surrender"
    OUTCOME_NOTICE = "outcome_notice"


class ReleaseEnd(StrEnum):
    """What the requested state confirms that stops the release deadline, as the treaty's rule says."""

    RECEIPT = "receipt"                        # it has received our extradition request
    ARREST = "arrest"                          # it has applied extradition arrest
    RECEIPT_OR_ARREST = "receipt_or_arrest"    # whichever comes first


# Legal sources are kept as the office cites them, in Russian; this one marks a rule of office practice.
OFFICE_PRACTICE = "Практика ведомства"
_CHASING = {RuleCode.FOLLOW_UP: 30, RuleCode.FIRST_REMINDER: 90, RuleCode.REMINDER_INTERVAL: 60,
            RuleCode.ESCALATION: 180, RuleCode.LONG_PENDING: 365}
_SUPPLEMENT = {RuleCode.SUPPLEMENT_ANSWER: 30, RuleCode.SUPPLEMENT_ANSWER_CUSTODY: 10}
# Defaults as the design sets them; they are seeded as data and edited there, never read from here at run time.
DEFAULT_RULES = {
    Kind.MLA: _CHASING | _SUPPLEMENT,
    Kind.EXTRADITION: {RuleCode.ARREST_LIMIT: 40} | _CHASING | _SUPPLEMENT
                      | {RuleCode.SURRENDER_WINDOW: 15, RuleCode.OUTCOME_NOTICE: 30},
    Kind.TRANSFER: dict(_CHASING),
}
# The legal source seeded with each default rule, in Russian as the office cites it, in Kazakh and in English;
# the other rules are office practice (OFFICE_PRACTICE), the internal order that sets them to be recorded.
DEFAULT_SOURCES = {
    RuleCode.ARREST_LIMIT: (
        "Минская конвенция от 22.01.1993 в редакции Протокола от 28.03.1997, ст. 62 п. 1: лицо освобождается, "
        "если требование о выдаче не будет получено запрашиваемой Стороной в течение сорока дней со дня "
        "взятия под стражу; УПК РК, ст. 588 ч. 1 и 7",
        "1993 жылғы 22 қаңтардағы Минск конвенциясы (1997 жылғы 28 наурыздағы Хаттаманың редакциясында), 62-бап 1-т.: "
        "ұстап беру туралы талап сұрау салынған Тарапқа күзетпен ұстауға алынған күннен бастап қырық күн ішінде "
        "келіп түспесе, адам босатылады; ҚР ҚПК 588-бабының 1 және 7-бөліктері",
        "Minsk Convention of 22.01.1993 as amended by the Protocol of 28.03.1997, art. 62(1): the person is released "
        "if the requested Party does not receive the extradition request within forty days of the day of custody; "
        "Criminal Procedure Code of Kazakhstan, art. 588(1) and (7)"),
    RuleCode.SURRENDER_WINDOW: (
        "Практика ведомства: более строгий срок по образцу Европейской конвенции о выдаче 1957 г., ст. 18 п. 4 "
        "(лицо может быть освобождено через 15 дней после даты, назначенной для передачи, и освобождается "
        "через 30 дней); собственный срок договора задаётся для этого договора",
        "Ведомстволық практика: 1957 жылғы Ұстап беру туралы еуропалық конвенцияның 18-бабының 4-т. үлгісі бойынша "
        "қатаңырақ мерзім (адам беру үшін белгіленген күннен кейін 15 күннен соң босатылуы мүмкін, 30 күннен соң "
        "босатылады); шарттың өз мерзімі сол шарт үшін белгіленеді",
        "Office practice: the stricter term on the model of the European Convention on Extradition 1957, art. 18(4) "
        "(the person may be released 15 days after the date fixed for surrender, and is released after 30); a "
        "treaty's own term is set for that treaty"),
}
# The rule that sets each deadline (the reminder's first one; the later ones are at the interval).
RULE_OF = {DeadlineCode.RELEASE: RuleCode.ARREST_LIMIT, DeadlineCode.FOLLOW_UP: RuleCode.FOLLOW_UP,
           DeadlineCode.REMINDER: RuleCode.FIRST_REMINDER, DeadlineCode.SUPPLEMENT: RuleCode.SUPPLEMENT_ANSWER,
           DeadlineCode.SURRENDER: RuleCode.SURRENDER_WINDOW, DeadlineCode.OUTCOME_NOTICE: RuleCode.OUTCOME_NOTICE}
# Custody limits never move off a non-working day; office practice moves to the next working day.
CUSTODY_RULES = (RuleCode.ARREST_LIMIT, RuleCode.SURRENDER_WINDOW)
RELEASE_ALERT_DAYS = (20, 10, 5, 2, 1)
# From this many days before the foreign release deadline a request is flagged everywhere.
RELEASE_WINDOW_DAYS = max(RELEASE_ALERT_DAYS)
# Digests and the list's "due soon" filter look this far ahead.
DUE_SOON_DAYS = 14
# While a request is with the foreign side, it is chased by reminders.
CHASED_STATUSES = (Status.SENT, Status.PENDING, Status.PARTIALLY_EXECUTED)
# Before these, the person detained abroad awaits our request; a grant means the request arrived.
CUSTODY_CLOCK_STATUSES = (Status.DRAFT, Status.SENT, Status.PENDING, Status.SUPPLEMENT_REQUESTED)
# Deadlines that only a supervisor moves, and only with the foreign decision that moved them.
MOVED_BY_FOREIGN_DECISION = (DeadlineCode.RELEASE,)


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
    # The article that sets the rule, or OFFICE_PRACTICE; empty when nobody has recorded it yet.
    source: str = ""
    # Release deadline: whether the day of detention is day 1 (so the last day is detention + days - 1).
    counts_first_day: bool = True
    # Release deadline: what stops it.
    ends_with: ReleaseEnd = ReleaseEnd.RECEIPT_OR_ARREST
    # Office practice falling on a non-working day moves to the next working day; custody limits never do.
    moves_to_working_day: bool = False
    source_kk: str = ""
    source_en: str = ""
    practice_order: str = ""
    # A treaty's limit in months, counted from the event the treaty names (detention or notification).
    months: int | None = None
    from_notification: bool = False


@dataclass
class RuleBook:
    """Every rule row: defaults per kind, and overrides per treaty or per country."""

    rows: list[tuple[Kind, RuleSetting]] = field(default_factory=list)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    def __post_init__(self):
        self._index = {}
        for kind, setting in self.rows:
            key = (kind, setting.code, setting.scope, setting.treaty_id, setting.country_code)
            self._index[key] = setting

    def setting(self, kind: Kind, code: RuleCode, *, treaty_id: int | None, country_code: str | None,
                treaty_arrest_limit: "TreatyLimit | int | None" = None) -> RuleSetting | None:
        """The most specific setting for a request: the treaty's, then the country's, then the default."""
        by_treaty = self._index.get((kind, code, Scope.TREATY, treaty_id, None)) if treaty_id else None
        if by_treaty:
            return by_treaty
        by_country = self._index.get((kind, code, Scope.COUNTRY, None, country_code))
        general = by_country or self._index.get((kind, code, Scope.DEFAULT, None, None))
        limit = TreatyLimit(treaty_arrest_limit) if isinstance(treaty_arrest_limit, int) else treaty_arrest_limit
        if code == RuleCode.ARREST_LIMIT and limit and (limit.days or limit.months):
            # The treaty's limit and the event it counts from; how days are counted and what ends them stay the rule's.
            base = general or RuleSetting(code, limit.days or 0, Scope.TREATY)
            return RuleSetting(code, limit.days or 0, Scope.TREATY, treaty_id=treaty_id, source=base.source,
                               counts_first_day=base.counts_first_day, ends_with=base.ends_with,
                               source_kk=base.source_kk, source_en=base.source_en, months=limit.months,
                               from_notification=limit.from_notification)
        return general


@dataclass(frozen=True)
class TreatyLimit:
    """A treaty's own provisional-arrest limit: days or months, from detention or from the notification."""

    days: int | None = None
    months: int | None = None
    from_notification: bool = False


@dataclass(frozen=True)
class RequestFacts:
    """What the deadline rules need to know about one request."""

    kind: Kind
    status: Status
    status_on: date
    sent_on: date | None
    detained_on: date | None = None
    arrest_notified_on: date | None = None
    in_custody: bool = False
    last_reminder_on: date | None = None
    treaty_id: int | None = None
    country_code: str | None = None
    treaty_arrest_limit: TreatyLimit | int | None = None
    # Extensions recorded by users: (deadline, the due date it extended, the new due date).
    extensions: tuple[tuple[DeadlineCode, date, date], ...] = ()
    # The latest sending: a request returned for completion and sent again starts its chasing anew.
    last_sent_on: date | None = None
    acknowledged_on: date | None = None
    received_abroad_on: date | None = None
    extradition_arrest_on: date | None = None
    outcome_notified_on: date | None = None
    # The term the requested state set for our supplementary information, when it set one.
    supplement_due_on: date | None = None

    @property
    def cycle_start(self) -> date | None:
        """The sending the foreign side is being chased about."""
        return self.last_sent_on or self.sent_on


@dataclass(frozen=True)
class Deadline:
    """One open deadline: when it is due and the rule that set it."""

    code: DeadlineCode
    due_on: date
    # None when the requested state set the date itself (a term for supplementary information).
    rule: RuleSetting | None
    extended_from: date | None = None
    # The rule's last day was a non-working day and moved to this working day (office practice only).
    moved_from: date | None = None
    # The last day is a non-working day and does not move (custody limits).
    on_non_working_day: bool = False

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
    """The deadlines of a request on `today`; a closed request has none but the outcome notice."""
    setting = lambda code: rules.setting(facts.kind, code, treaty_id=facts.treaty_id,  # noqa: E731
                                         country_code=facts.country_code,
                                         treaty_arrest_limit=facts.treaty_arrest_limit)
    candidates = _open_deadlines(facts, setting) if is_open(facts.kind, facts.status) else _closed_tasks(facts, setting)
    deadlines = tuple(_on_calendar(d, rules.calendar)
                      for d in (_apply_extension(d, facts.extensions) for d in candidates if d is not None)
                      if not (d.code == DeadlineCode.RELEASE and _release_ended(facts, d)))
    due = min(deadlines, key=lambda d: d.due_on, default=None)
    overdue_days = max(0, (today - due.due_on).days) if due else 0
    release = next((d for d in deadlines if d.code == DeadlineCode.RELEASE), None)
    age = (today - facts.sent_on).days if facts.sent_on and is_open(facts.kind, facts.status) else None
    return DeadlineState(
        deadlines=deadlines, due=due, overdue_days=overdue_days,
        critical=release is not None and today > release.due_on,
        release_alert=release is not None and 0 <= release.days_left(today) <= RELEASE_WINDOW_DAYS,
        escalated=_past(age, setting(RuleCode.ESCALATION)),
        long_pending=_past(age, setting(RuleCode.LONG_PENDING)),
    )


def release_alert_due(days_left: int) -> bool:
    """True on the days an alert about the release deadline is sent: 20, 10, 5, 2 and 1 days before."""
    return days_left in RELEASE_ALERT_DAYS


def alert_mark(days_left: int) -> int | None:
    """The alert mark a deadline has reached: the nearest of 20/10/5/2/1 days not yet ahead, 0 once missed.

    A day the scheduler missed is caught up: the mark reached by then, not each mark passed while it was down.
    """
    if days_left < 0:
        return 0
    reached = [mark for mark in RELEASE_ALERT_DAYS if days_left <= mark]
    return min(reached) if reached else None


def last_day(start: date, days: int, counts_first_day: bool, months: int | None = None) -> date:
    """The last day of a term of `days` (or `months`) running from `start`; with the first day counted, start is
    day 1. A term in months ends on the same day of the month (the month's last day if it is shorter)."""
    if months:
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        end = date(year, month, min(start.day, _month_length(year, month)))
        return end - timedelta(days=1) if counts_first_day else end
    return start + timedelta(days=days - 1 if counts_first_day else days)


def _month_length(year: int, month: int) -> int:
    """Days in a month."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def custody_days(detained_on: date | None, surrendered_on: date | None) -> int | None:
    """Days held abroad from detention to surrender, both days counted (credited to the sentence)."""
    if detained_on is None or surrendered_on is None or surrendered_on < detained_on:
        return None
    return (surrendered_on - detained_on).days + 1


def _open_deadlines(facts, setting):
    """Yields each deadline an open request's kind and status give it."""
    yield _release(facts, setting)
    if facts.status == Status.SUPPLEMENT_REQUESTED:
        yield _supplement(facts, setting)
        return
    if facts.kind == Kind.EXTRADITION and facts.status == Status.GRANTED:
        yield _after(DeadlineCode.SURRENDER, facts.status_on, setting(RuleCode.SURRENDER_WINDOW))
        return
    start = facts.cycle_start
    if facts.status not in CHASED_STATUSES or start is None:
        return
    if facts.status == Status.SENT and not _confirmed_since(facts, start):
        yield _after(DeadlineCode.FOLLOW_UP, start, setting(RuleCode.FOLLOW_UP))
    yield _next_reminder(facts, start, setting)


def _closed_tasks(facts, setting):
    """What is still to be done once an extradition request is closed: telling the requested state the outcome."""
    if (facts.kind == Kind.EXTRADITION and facts.status in (Status.EXTRADITED, Status.REFUSED)
            and facts.outcome_notified_on is None):
        yield _after(DeadlineCode.OUTCOME_NOTICE, facts.status_on, setting(RuleCode.OUTCOME_NOTICE))


def _release(facts, setting):
    """The last day a person detained abroad may be held awaiting our request, counted as the rule says."""
    if facts.kind != Kind.EXTRADITION or facts.detained_on is None or facts.status not in CUSTODY_CLOCK_STATUSES:
        return None
    rule = setting(RuleCode.ARREST_LIMIT)
    if rule is None:
        return None
    # A limit counted from the notification of the arrest runs from detention until that date is recorded:
    # the earlier start is the safe one.
    start = facts.arrest_notified_on if rule.from_notification and facts.arrest_notified_on else facts.detained_on
    return Deadline(DeadlineCode.RELEASE, last_day(start, rule.days, rule.counts_first_day, rule.months), rule)


def _release_ended(facts, deadline):
    """True once the requested state confirmed, by the last day, what the rule says stops the clock."""
    ends = deadline.rule.ends_with if deadline.rule else ReleaseEnd.RECEIPT_OR_ARREST
    confirmations = []
    if ends in (ReleaseEnd.RECEIPT, ReleaseEnd.RECEIPT_OR_ARREST):
        confirmations.append(facts.received_abroad_on)
    if ends in (ReleaseEnd.ARREST, ReleaseEnd.RECEIPT_OR_ARREST):
        confirmations.append(facts.extradition_arrest_on)
    return any(day is not None and day <= deadline.due_on for day in confirmations)


def _supplement(facts, setting):
    """Our answer to a supplement request: by the term the requested state set, else by the rule."""
    if facts.supplement_due_on is not None:
        return Deadline(DeadlineCode.SUPPLEMENT, facts.supplement_due_on, None)
    code = RuleCode.SUPPLEMENT_ANSWER_CUSTODY if facts.in_custody else RuleCode.SUPPLEMENT_ANSWER
    return _after(DeadlineCode.SUPPLEMENT, facts.status_on, setting(code))


def _confirmed_since(facts, start):
    """True when the foreign side confirmed receipt of the current sending."""
    return any(day is not None and day >= start for day in (facts.acknowledged_on, facts.received_abroad_on))


def _after(code, start, rule):
    """A deadline `rule.days` after `start`, or None when no rule is set."""
    return Deadline(code, start + timedelta(days=rule.days), rule) if rule else None


def _next_reminder(facts, start, setting):
    """The first reminder after sending, then one every interval after the last reminder of this sending."""
    if facts.last_reminder_on is None or facts.last_reminder_on < start:
        return _after(DeadlineCode.REMINDER, start, setting(RuleCode.FIRST_REMINDER))
    return _after(DeadlineCode.REMINDER, facts.last_reminder_on, setting(RuleCode.REMINDER_INTERVAL))


def _on_calendar(deadline, calendar):
    """Office practice due on a non-working day moves to the next working day; a custody limit stays, marked."""
    if calendar.is_working(deadline.due_on):
        return deadline
    if deadline.rule is not None and deadline.rule.moves_to_working_day:
        return replace(deadline, due_on=calendar.next_working(deadline.due_on), moved_from=deadline.due_on)
    return replace(deadline, on_non_working_day=True)


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


def _past(age, rule):
    """True when the request has been open longer than the rule's days since it was sent."""
    return age is not None and rule is not None and age > rule.days

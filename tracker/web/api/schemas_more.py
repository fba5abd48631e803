"""The answers of the API's deadlines, period reports, import and audit log as pydantic models: one declaration per
answer shapes what the route sends and is its OpenAPI description (tracker/web/api/openapi.py)."""
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from tracker.domain.access import MASK
from tracker.formats.imports import SHOWN_PROBLEMS
from tracker.web.api.contract import DEADLINES, KINDS, STATUSES
from tracker.web.api.schemas import Answer, Deadline, ImportWarning
from tracker.web.api.schemas_reference import Count

# Answers with a `from` member, a word Python keeps for itself: the field has another name and `from` as alias.
BY_ALIAS = ConfigDict(serialize_by_alias=True, validate_by_name=True)


class Period(Answer):
    """The first and last day a report covers."""

    model_config = BY_ALIAS

    first_day: Annotated[date, Field(alias="from")]
    last_day: Annotated[date, Field(alias="to")]


# ---- Deadlines ---------------------------------------------------------------------------------------------------

class ExtensionRecord(Answer):
    """An extension of a deadline, as the request's history recorded it."""

    model_config = BY_ALIAS

    deadline: Literal[DEADLINES] | None
    moved_from: Annotated[date | None, Field(alias="from", description="The rule's last day before the extension")]
    to: Annotated[date | None, Field(description="The new last day")]
    reason: str
    foreign_decision: Annotated[str | None, Field(description="The foreign decision that moved a release deadline")]
    recorded_at: datetime
    author: str


class RequestDeadlines(Answer):
    """A request's open deadlines and every extension of them."""

    request_id: int
    reference: str
    due_on: date | None
    overdue: bool
    critical: bool
    deadlines: Annotated[list[Deadline], Field(description="The open deadlines, nearest first")]
    extensions: Annotated[list[ExtensionRecord], Field(description="Every extension, oldest first")]


class OpenDeadline(Deadline):
    """One open deadline of the register, with the request it belongs to."""

    request_id: int
    reference: str
    kind: Literal[KINDS]
    country: str
    status: Literal[STATUSES]
    owner: str
    overdue: bool


class DeadlinePage(Answer):
    """One page of the register's open deadlines."""

    items: list[OpenDeadline]
    page: int
    per_page: int
    total: Count
    pages: Count


# ---- Period reports ----------------------------------------------------------------------------------------------

class WorkloadFigures(Answer):
    """A prosecutor's requests pending abroad, drafts and overdue today, and executed or extradited in the period."""

    pending: Count
    drafts: Count
    overdue: Count
    executed_in_period: Count


class WorkloadRow(WorkloadFigures):
    """One prosecutor's workload."""

    owner: Annotated[str | None, Field(description="The prosecutor's email")]
    name: str


class Workload(Period):
    """Workload per prosecutor, with totals."""

    rows: list[WorkloadRow]
    totals: WorkloadFigures


class KindCounts(Answer):
    """Requests sent, by kind."""

    mla: Count
    extradition: Count
    transfer: Count
    total: Count


class TreatyUseRow(KindCounts):
    """The requests sent on one legal basis."""

    treaty: Annotated[str | None, Field(description="The treaty's code; null for reciprocity")]
    name: Annotated[str, Field(description="In the caller's language")]


class TreatyUse(Period):
    """Requests sent per legal basis and kind, with totals."""

    rows: list[TreatyUseRow]
    totals: KindCounts


class ExecutionTimesRow(Answer):
    """One country's requests executed or extradited in the period."""

    country: str
    executed: Count
    median_days: int


class ExecutionTimes(Period):
    """Median days from sending to execution, by country."""

    rows: list[ExecutionTimesRow]


# ---- The import --------------------------------------------------------------------------------------------------

class ImportLine(Answer):
    """A row of the file, by its line and registration number."""

    row: int
    reference: str


class CreatedLine(ImportLine):
    """A row the import registers."""

    id: Annotated[int | None, Field(description="The registered request (not in a dry run)")] = None


class Difference(Answer):
    """A column whose value in the file differs from the registered one."""

    column: str
    registered: str
    file: str


class ChangedLine(ImportLine):
    """A row already registered, different in the file."""

    differences: list[Difference]


class RowProblems(Answer):
    """The problems of one row of the file."""

    row: Annotated[int, Field(ge=0, description="The file's line (1: the headings; 0: the file as a whole)")]
    errors: Annotated[dict[str, str], Field(description="A message per column code; `file` for the file as a whole, "
                                                        "`row` for the whole row")]


class ImportReport(Answer):
    """What an import did or would do."""

    dry_run: bool
    read: Annotated[Count, Field(description="Rows read from the file")]
    created: list[CreatedLine]
    unchanged: Annotated[list[ImportLine], Field(description="Already registered as the file has them")]
    changed: Annotated[list[ChangedLine], Field(
        description=f"Already registered, different in the file: left as they are. {MASK} in place of a person's "
                    "data for a caller without personal data")]
    problems: Annotated[Count, Field(description="How many problems the file has")]
    rows: Annotated[list[RowProblems], Field(
        description=f"The rows with problems (at most {SHOWN_PROBLEMS}); none when the file can be imported")]
    warnings: Annotated[list[ImportWarning], Field(
        description=f"New rows that may duplicate a registered request or an earlier row (at most {SHOWN_PROBLEMS}); "
                    "they are imported all the same")]


class ImportRefusal(Answer):
    """What a refused import adds to the problem details: the rows with problems, and how many problems there are.
    Other refusals of the import (a bad parameter, no file) carry neither."""

    rows: list[RowProblems] = None
    problems: Count = None


# ---- The audit log -----------------------------------------------------------------------------------------------

class AuditEntry(Answer):
    """One change to a record of the register or its reference data."""

    id: int
    recorded_at: datetime
    actor: Annotated[str | None, Field(description="Email of who made the change; null for the command line and "
                                                   "the scheduler")]
    source: Literal["web", "api", "cli"]
    action: Literal["insert", "update", "delete"]
    entity: str
    entity_id: str
    changes: Annotated[dict[str, list[str | None]], Field(
        description=f"Each field's [old, new] value as text; for requests, {MASK} in place of the person sought's "
                    "data")]


class AuditPage(Answer):
    """One page of the audit log."""

    items: list[AuditEntry]
    page: int
    per_page: int
    total: Count
    pages: Count


ANSWERS = ("RequestDeadlines", "DeadlinePage", "Workload", "TreatyUse", "ExecutionTimes", "ImportReport",
           "ImportRefusal", "AuditPage")

"""The API's reports over a period that the report pages show: workload per prosecutor, use of treaties, and median
days to execution per country, with the same figures and filters."""
from datetime import date

import sqlalchemy as sa
from flask import jsonify, request
from flask_babel import gettext as _

from tracker import clock, labels
from tracker.extensions import db
from tracker.models import User
from tracker.services import reports
from tracker.services.execution_times import median_days_to_execution
from tracker.services.reports import ReportFilters
from tracker.web.api import ApiError, bp
from tracker.web.api.query import REPORT_PARAMS, _lookups, _read, report_filters, schemas
from tracker.web.api.schemas import answer
from tracker.web.api.schemas_more import ExecutionTimes, KindCounts, TreatyUse, Workload, WorkloadFigures
from tracker.web.api.serialize import iso
from tracker.web.api.views import _require_reports
from tracker.web.params import Param

# The pages' period: from 1 January of this year to today unless chosen; these reports count no as-of day.
PERIOD_REPORT_PARAMS = {name: param for name, param in REPORT_PARAMS.items() if name != "as_of"} | {
    "from": Param("date", description="The first day of the period; default 1 January of this year"),
    "to": Param("date", description="The last day of the period; default today"),
}
PERIOD_REPORT_PARAMETERS = schemas(PERIOD_REPORT_PARAMS)
# The figures the totals add up, as the answers declare them.
WORKLOAD_FIGURES = tuple(WorkloadFigures.model_fields)
KIND_FIGURES = tuple(KindCounts.model_fields)


def period_report_query(args, today: date) -> tuple[ReportFilters, date, date]:
    """A period report's filters, first and last day, or one 422 naming every bad parameter (400 for a parameter
    these reports do not know or a single one repeated)."""
    values, errors = _read(args, PERIOD_REPORT_PARAMS)
    ids = _lookups(values, errors)
    start, end = values.get("from", date(today.year, 1, 1)), values.get("to", today)
    if start > end and "from" not in errors:
        errors["from"] = _("The period starts after it ends.")
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return report_filters(values, ids), start, end


@bp.get("/reports/workload")
def workload():
    """Per prosecutor: pending abroad, drafts and overdue today, executed or extradited in the period; with totals."""
    _require_reports()
    today = clock.today_local()
    filters, start, end = period_report_query(request.args, today)
    found = reports.workload(start, end, today, filters, language=labels.language())
    emails = _emails([row.owner_id for row in found])
    rows = [{"owner": emails.get(row.owner_id), "name": row.name, "pending": row.pending, "drafts": row.drafts,
             "overdue": row.overdue, "executed_in_period": row.executed_in_period} for row in found]
    return jsonify(answer(Workload, {"from": iso(start), "to": iso(end), "rows": rows,
                                     "totals": _totals(rows, WORKLOAD_FIGURES)}))


@bp.get("/reports/treaties")
def treaty_use():
    """Requests sent in the period per legal basis (a treaty, or reciprocity), by kind; with totals."""
    _require_reports()
    today = clock.today_local()
    filters, start, end = period_report_query(request.args, today)
    language = labels.language()
    rows = [{"treaty": row.treaty.code if row.treaty else None,
             "name": row.treaty.short(language) if row.treaty else str(labels.RECIPROCITY),
             "mla": row.mla, "extradition": row.extradition, "transfer": row.transfer, "total": row.total}
            for row in reports.treaty_use(start, end, filters)]
    return jsonify(answer(TreatyUse, {"from": iso(start), "to": iso(end), "rows": rows,
                                      "totals": _totals(rows, KIND_FIGURES)}))


@bp.get("/reports/execution-times")
def execution_times():
    """Per country, over the requests executed or extradited in the period: how many, and the median of whole days
    from sending."""
    _require_reports()
    today = clock.today_local()
    filters, start, end = period_report_query(request.args, today)
    found = median_days_to_execution(start, end, filters, language=labels.language())
    rows = [{"country": row.country_code, "executed": row.executed, "median_days": row.median_days} for row in found]
    return jsonify(answer(ExecutionTimes, {"from": iso(start), "to": iso(end), "rows": rows}))


def _totals(rows: list[dict], figures) -> dict:
    """The sum of each figure over the rows, as the pages' totals row adds them up."""
    return {name: sum(row[name] for row in rows) for name in figures}


def _emails(user_ids: list[int]) -> dict[int, str]:
    """The email of each of these users, by id, in one query: the API names people by email."""
    if not user_ids:
        return {}
    return dict(db.session.execute(sa.select(User.id, User.email).where(User.id.in_(sorted(set(user_ids))))).all())

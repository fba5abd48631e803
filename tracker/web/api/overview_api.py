"""The API's reads that are not of one request: who the token belongs to, the reference data requests name (crime
categories, countries, treaties), and the two main reports (pending by country, period statistics)."""
from flask import g, jsonify, request
from flask_babel import gettext as _

from tracker import clock, labels
from tracker.domain.statuses import Kind
from tracker.services import queries, reports
from tracker.services import treaties as treaty_service
from tracker.web.access import current_access
from tracker.web.api import ApiError, bp
from tracker.web.api import schemas, schemas_reference
from tracker.web.api.query import report_query, treaty_filters
from tracker.web.api.serialize import iso, treaty_json
from tracker.web.api.views import _require_reports


@bp.get("/reports/pending-by-country")
def pending_by_country():
    """Open requests per country, as of a day (default today)."""
    _require_reports()
    today = clock.today_local()
    filters, _start, _end, as_of = report_query(request.args, today, period=False)
    report = reports.pending_by_country(as_of, today, filters, language=labels.language())
    buckets = lambda values: dict(zip(("0-90", "91-180", "181-365", "366+"), values))  # noqa: E731
    rows = [{"country": r.country_code, "mla": r.mla, "extradition": r.extradition, "transfer": r.transfer,
             "total": r.total,
             "overdue": r.overdue, "oldest_days": r.oldest_days, "age_days": buckets(r.buckets)} for r in report.rows]
    totals = report.totals
    return jsonify(schemas.answer(schemas_reference.PendingByCountry, {
        "as_of": iso(as_of), "rows": rows,
        "totals": {"mla": totals["mla"], "extradition": totals["extradition"], "transfer": totals["transfer"],
                   "total": totals["total"], "overdue": totals["overdue"], "oldest_days": totals["oldest_days"],
                   "age_days": buckets(totals["buckets"])}}))


@bp.get("/reports/statistics")
def statistics():
    """Requests sent in the period by kind and crime category, and what became of them by a day."""
    _require_reports()
    from tracker.formats.report_tables import statistics_text
    from tracker.web.reports import statistics_sender

    today = clock.today_local()
    filters, start, end, as_of = report_query(request.args, today, period=True, also=("sender",))
    with_sender = request.args.get("sender", "false")
    if with_sender not in ("true", "false"):
        raise ApiError(422, _("Some parameters are not valid."), {"sender": _("Expected true or false.")})
    stats = reports.statistics(start, end, as_of, filters)
    language = labels.language()
    rows = [{"kind": row.kind.value, "crime_category": stats.categories[row.crime_category_id].code, "sent": row.sent,
             "outcomes": dict(row.outcomes)} for row in stats.rows]
    totals = {kind.value: {"sent": total.sent, "outcomes": dict(total.outcomes)}
              for kind in Kind for total in [stats.totals(kind)]}
    sender = statistics_sender(language) if with_sender == "true" else ""
    return jsonify(schemas.answer(schemas_reference.Statistics, {
        "from": iso(start), "to": iso(end), "as_of": iso(as_of), "rows": rows, "totals": totals,
        "text": statistics_text(stats, language, sender)}))


@bp.get("/me")
def me():
    """Who the token belongs to, and what they may read (tracker.domain.access)."""
    user, access = g.api_user, current_access()
    return jsonify(schemas.answer(schemas.Me, {
        "email": user.email, "name": user.name, "role": user.role.value, "language": user.language.value,
        "unit": labels.unit_name(user.unit), "sees_every_unit": access.everything,
        "sees_personal_data": access.personal_data}))


@bp.get("/crime-categories")
def crime_categories():
    """The crime categories, by code as requests name them, in their set order, named in the caller's language."""
    language = labels.language()
    return jsonify(schemas.answer(schemas_reference.CrimeCategory, [
        {"code": category.code, "name": getattr(category, f"name_{language}") or category.name_ru,
         "names": {"kk": category.name_kk, "ru": category.name_ru, "en": category.name_en},
         "articles": category.articles} for category in queries.crime_categories()]))


@bp.get("/countries")
def countries():
    """Every country with its name in the caller's language, in that language's alphabetical order."""
    records = {c.code: c for c in queries.countries()}
    return jsonify(schemas.answer(schemas_reference.Country, [
        {"code": code, "name": name, "eaeu": records[code].eaeu, "cis": records[code].cis,
         "central_authority": {"name": records[code].authority_name, "address": records[code].authority_address,
                               "email": records[code].authority_email, "phone": records[code].authority_phone}}
        for code, name in labels.country_choices(records.values())]))


@bp.get("/treaties")
def treaties():
    """Every treaty with its scope, status, parties with their dates, precedence and sources; with `country`, `on`
    and `kind`, only the treaties that can be the basis of such a request."""
    language = labels.language()
    values = treaty_filters(request.args)
    if {"country", "kind"} <= set(values):
        found = treaty_service.applicable(values["kind"], values["country"], values.get("on") or clock.today_local())
    elif values:
        raise ApiError(422, _("Some fields are not valid."), {"country": _("Give the country and the kind together.")})
    else:
        found = list(treaty_service.register(active_only=False).values())
        found.sort(key=lambda t: t.short_name)
    return jsonify(schemas.answer(schemas_reference.Treaty, [treaty_json(t, language) for t in found]))

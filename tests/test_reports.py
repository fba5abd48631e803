"""Reports on data sets with known answers, on SQLite and PostgreSQL: every cell checked."""
import csv
import io
from datetime import date, timedelta

from openpyxl import load_workbook

from tests.factories import category, make_request, make_user
from tests.factories import EVERYTHING, SYSTEM
from tracker import clock
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.formats.report_tables import statistics_text
from tracker.services import reports
from tracker.services.execution_times import median_days_to_execution

T = clock.today_local()
S = Status
MLA, EXT = Kind.MLA, Kind.EXTRADITION


def _pending_data():
    """Requests whose open/closed state and age differ between today and 30 days ago."""
    p = make_user()
    d = lambda days: T - timedelta(days=days)  # noqa: E731
    make_request(p, reference="A", country_code="RU", sent_on=d(10), statuses=[(S.PENDING, d(8))])
    make_request(p, reference="B", country_code="RU", sent_on=d(100), statuses=[(S.PENDING, d(95))])
    make_request(p, EXT, reference="C", country_code="RU", sent_on=d(200), statuses=[(S.PENDING, d(190))])
    make_request(p, reference="D", country_code="KG", sent_on=d(400), statuses=[(S.EXECUTED, d(5))])
    make_request(p, reference="E", country_code="KG", sent_on=d(366), statuses=[(S.PENDING, d(360))])
    make_request(p, EXT, reference="F", country_code="KG", sent_on=None, detained_on=d(3))
    make_request(p, reference="G", country_code="TR", sent_on=d(90))
    make_request(p, reference="H", country_code="TR", sent_on=d(91), statuses=[(S.REFUSED, d(1))])
    return p


def _cells(report):
    return [(r.country_code, r.mla, r.extradition, r.total, r.overdue, r.oldest_days, r.buckets) for r in report.rows]


def test_pending_by_country_today_every_cell():
    _pending_data()
    report = reports.pending_by_country(T, T, EVERYTHING)
    # C's person was detained abroad (the factory's detention date) and no receipt of the request is recorded:
    # its release deadline has passed, so it is overdue although it was sent.
    assert _cells(report) == [("RU", 2, 1, 3, 2, 200, (1, 1, 1, 0)),
                              ("KG", 1, 0, 1, 1, 366, (0, 0, 0, 1)),
                              ("TR", 1, 0, 1, 1, 90, (1, 0, 0, 0))]
    assert report.totals == {"mla": 4, "extradition": 1, "transfer": 0, "total": 5, "overdue": 4, "oldest_days": 366,
                             "buckets": (2, 1, 1, 1)}


def test_pending_by_country_as_of_a_past_day_uses_the_history():
    _pending_data()
    report = reports.pending_by_country(T - timedelta(days=30), T, EVERYTHING)
    assert _cells(report) == [("KG", 2, 0, 2, None, 370, (0, 0, 1, 1)),
                              ("RU", 1, 1, 2, None, 170, (1, 1, 0, 0)),
                              ("TR", 2, 0, 2, None, 61, (2, 0, 0, 0))]
    assert report.totals["overdue"] is None


def test_pending_by_country_filters_by_kind_and_prosecutor():
    p = _pending_data()
    other = make_user()
    make_request(other, reference="X", country_code="RU", sent_on=T - timedelta(days=3))
    only_ext = reports.pending_by_country(T, T, reports.ReportFilters(access=SYSTEM, kind=EXT))
    assert _cells(only_ext) == [("RU", 0, 1, 1, 1, 200, (0, 0, 1, 0))]
    mine = reports.pending_by_country(T, T, reports.ReportFilters(access=SYSTEM, owner_id=p.id))
    assert mine.totals["total"] == 5
    assert reports.pending_by_country(T, T, EVERYTHING).totals["total"] == 6


def _statistics_data():
    """Requests sent in 2025 and around it, some changing status after 31.12.2025."""
    p = make_user()
    fraud, pyramid = category("fraud").id, category("financial_pyramid").id
    mla = lambda ref, cat, sent, *steps: make_request(p, MLA, reference=ref, crime_category_id=cat,  # noqa: E731
                                                       sent_on=sent, statuses=list(steps))
    ext = lambda ref, cat, sent, *steps: make_request(p, EXT, reference=ref, crime_category_id=cat,  # noqa: E731
                                                       sent_on=sent, statuses=list(steps))
    mla("S1", fraud, date(2025, 2, 1), (S.EXECUTED, date(2025, 6, 1)))
    mla("S2", fraud, date(2025, 3, 1), (S.PENDING, date(2025, 3, 15)), (S.EXECUTED, date(2026, 2, 1)))
    mla("S3", pyramid, date(2025, 4, 1), (S.PARTIALLY_EXECUTED, date(2025, 9, 1)))
    mla("S4", pyramid, date(2025, 5, 1), (S.REFUSED, date(2025, 7, 1)))
    mla("S5", fraud, date(2025, 6, 1), (S.WITHDRAWN, date(2025, 8, 1)))
    mla("S6", fraud, date(2024, 12, 31), (S.EXECUTED, date(2025, 3, 1)))
    mla("S7", fraud, date(2026, 1, 2))
    ext("S8", fraud, date(2025, 1, 10), (S.PENDING, date(2025, 1, 20)), (S.GRANTED, date(2025, 5, 1)),
        (S.EXTRADITED, date(2025, 7, 1)))
    ext("S9", pyramid, date(2025, 2, 10), (S.RELEASED_ABROAD, date(2025, 3, 1)))
    ext("S10", fraud, date(2025, 11, 1), (S.PENDING, date(2025, 11, 5)), (S.GRANTED, date(2026, 2, 1)),
        (S.EXTRADITED, date(2026, 3, 1)))
    ext("S11", fraud, date(2025, 12, 20), (S.REFUSED, date(2026, 1, 15)))
    mla("S12", fraud, date(2025, 9, 1), (S.RETURNED, date(2025, 10, 10)))


def _table(stats):
    """(kind, category code) -> (sent, outcomes in the kind's order)."""
    return {(row.kind.value, stats.categories[row.crime_category_id].code):
            (row.sent, tuple(row.outcomes[name] for name in reports.OUTCOMES[row.kind])) for row in stats.rows}


def _totals(stats, kind):
    total = stats.totals(kind)
    return total.sent, tuple(total.outcomes[name] for name in reports.OUTCOMES[kind])


def test_statistics_as_of_the_end_of_the_period_every_cell():
    _statistics_data()
    stats = reports.statistics(date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31), EVERYTHING)
    # MLA: executed, partially executed, pending, refused, returned, withdrawn;
    # extradition: extradited, granted, pending, refused, released abroad, withdrawn.
    assert _table(stats) == {
        ("mla", "fraud"): (4, (1, 0, 1, 0, 1, 1)),
        ("mla", "financial_pyramid"): (2, (0, 1, 0, 1, 0, 0)),
        ("extradition", "fraud"): (3, (1, 0, 2, 0, 0, 0)),
        ("extradition", "financial_pyramid"): (1, (0, 0, 0, 0, 1, 0)),
    }
    assert _totals(stats, MLA) == (6, (1, 1, 1, 1, 1, 1))
    assert _totals(stats, EXT) == (4, (1, 0, 2, 0, 1, 0))
    assert _totals(stats, Kind.TRANSFER) == (0, (0, 0, 0, 0, 0))
    assert stats.kinds() == [MLA, EXT]


def test_statistics_as_of_today_see_the_later_changes():
    _statistics_data()
    stats = reports.statistics(date(2025, 1, 1), date(2025, 12, 31), T, EVERYTHING)
    assert _table(stats)[("mla", "fraud")] == (4, (2, 0, 0, 0, 1, 1))
    assert _table(stats)[("extradition", "fraud")] == (3, (2, 0, 0, 1, 0, 0))


def test_statistics_as_of_a_day_inside_the_period_count_only_what_was_sent_by_then():
    _statistics_data()
    stats = reports.statistics(date(2025, 1, 1), date(2025, 12, 31), date(2025, 3, 1), EVERYTHING)
    assert _totals(stats, MLA) == (2, (0, 0, 2, 0, 0, 0))
    assert _totals(stats, EXT) == (2, (0, 0, 1, 0, 1, 0))


def test_every_status_a_kind_reaches_after_sending_is_one_of_its_outcomes():
    from tracker.domain.statuses import statuses_of
    for kind in Kind:
        for status in statuses_of(kind):
            if status != S.DRAFT:
                assert reports.OUTCOME_OF[status] in reports.OUTCOMES[kind], (kind, status)


def _letter_2021():
    """The 2021 figures of the General Prosecutor's Office letter, with later changes that must not count."""
    p = make_user()
    fraud, pyramid = category("fraud").id, category("financial_pyramid").id
    for n in range(56):
        sent = date(2021, 1, 4) + timedelta(days=n * 5)
        steps = [(S.PENDING, sent + timedelta(days=10))]
        if n < 30:
            steps.append((S.EXECUTED, sent + timedelta(days=20)))
        elif n < 35:
            steps.append((S.EXECUTED, date(2022, 3, 1)))  # executed only after the letter's date
        make_request(p, MLA, reference=f"МСП-2021-{n:03d}", crime_category_id=fraud if n % 3 else pyramid,
                     sent_on=sent, statuses=steps)
    for n in range(24):
        sent = date(2021, 2, 1) + timedelta(days=n * 10)
        is_pyramid = n < 6
        extradited = n == 0 or 6 <= n < 12
        steps = [(S.PENDING, sent + timedelta(days=5))]
        if extradited:
            steps += [(S.GRANTED, sent + timedelta(days=15)), (S.EXTRADITED, sent + timedelta(days=25))]
        elif n == 20:
            steps += [(S.GRANTED, date(2022, 1, 20)), (S.EXTRADITED, date(2022, 2, 10))]
        make_request(p, EXT, reference=f"ВЫД-2021-{n:03d}", crime_category_id=pyramid if is_pyramid else fraud,
                     sent_on=sent, statuses=steps)


LETTER_RU = (
    "В 2021 году Генеральной прокуратурой направлено 56 международных следственных поручений по уголовным делам о "
    "мошенничествах и финансовых пирамид (30 из которых исполнено, 26 на рассмотрении у компетентных органов "
    "иностранных государств), в иностранные государства направлено 24 запроса о выдаче разыскиваемых лиц (6 по "
    "фин.пирамидам, 18 по мошенничествам), из них выдано 7 (1 по фин.пирамидам, 6 по мошенничествам), остальные на "
    "рассмотрении.")
LETTER_KK = (
    "2021 жылы Бас прокуратура алаяқтық және қаржылық пирамидалар туралы қылмыстық істер бойынша 56 халықаралық "
    "тергеу тапсырмасын жіберді (оның 30-ы орындалды, 26-сы шет мемлекеттердің құзыретті органдарының қарауында), "
    "шет мемлекеттерге іздестіріліп жатқан адамдарды ұстап беру туралы 24 сұрау салу жіберілді (6-қаржылық "
    "пирамидалар, 18-алаяқтық бойынша), оның ішінде 7-еуі (1-қаржылық пирамидалар, 6-алаяқтық бойынша) ұстап "
    "берілді, қалғандары қарастырылуда.")


def _as_in_the_letter():
    """The categories named as the letter names them: financial pyramids listed first and abbreviated after a
    number, and the letter's own form in "о мошенничествах и финансовых пирамид"."""
    from tracker.extensions import db
    fraud, pyramid = category("fraud"), category("financial_pyramid")
    pyramid.position, fraud.position = 0, 1
    pyramid.phrase_ru, pyramid.scope_ru = "по фин.пирамидам", "финансовых пирамид"
    db.session.flush()
    return reports.ReportFilters(access=SYSTEM, crime_category_id=(fraud.id, pyramid.id))


def test_the_letters_2021_figures_are_reproduced_word_for_word_in_russian_and_kazakh():
    _letter_2021()
    filters = _as_in_the_letter()
    stats = reports.statistics(date(2021, 1, 1), date(2021, 12, 31), date(2021, 12, 31), filters)
    assert _totals(stats, MLA) == (56, (30, 0, 26, 0, 0, 0))
    assert _totals(stats, EXT) == (24, (7, 0, 17, 0, 0, 0))
    assert [(c.code, n) for c, n in stats.by_category(EXT)] == [("financial_pyramid", 6), ("fraud", 18)]
    assert [(c.code, n) for c, n in stats.by_category(EXT, "extradited")] == [("financial_pyramid", 1), ("fraud", 6)]
    assert statistics_text(stats, "ru", "Генеральной прокуратурой") == LETTER_RU
    assert statistics_text(stats, "kk", "Бас прокуратура") == LETTER_KK
    later = reports.statistics(date(2021, 1, 1), date(2021, 12, 31), date(2022, 12, 31), filters)
    assert (later.totals(MLA).outcomes["executed"], later.totals(EXT).outcomes["extradited"]) == (35, 8)
    assert "(по состоянию на 31 декабря 2022 года)" in statistics_text(later, "ru")


def test_the_paragraph_adds_up_returned_withdrawn_and_released_abroad():
    """The figures users found missing: every outcome that is not zero is stated, so they add up to the sent."""
    _statistics_data()
    stats = reports.statistics(date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31), EVERYTHING)
    ru = statistics_text(stats, "ru")
    for figure in ("6 международных следственных поручений", "возвращ", "отозван", "отказано", "частично",
                   "освобожд"):
        assert figure in ru, figure


def test_workload_treaty_use_and_median_days_to_execution():
    first, second = make_user(name="Айгүл"), make_user(name="Дмитрий")
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    for owner, country, days in ((first, "RU", 10), (first, "RU", 20), (second, "RU", 40), (first, "KG", 10),
                                 (second, "KG", 15)):
        sent = date(2025, 3, 1)
        make_request(owner, country_code=country, sent_on=sent, statuses=[(S.EXECUTED, sent + timedelta(days=days))])
    make_request(second, EXT, country_code="US", sent_on=date(2025, 1, 1),
                 statuses=[(S.GRANTED, date(2025, 3, 1)), (S.EXTRADITED, date(2025, 4, 11))])
    make_request(first, country_code="RU", sent_on=T - timedelta(days=200), statuses=[(S.PENDING, T - timedelta(days=190))])
    make_request(first, country_code="RU", sent_on=None)  # a draft: not pending abroad, counted apart
    medians = {r.country_code: (r.executed, r.median_days) for r in median_days_to_execution(start, end, EVERYTHING)}
    # Whole days: KG's 10 and 15 days have the median 12.5, stated as 13.
    assert medians == {"RU": (3, 20), "KG": (2, 13), "US": (1, 100)}
    assert all(type(days) is int for _executed, days in medians.values())
    work = {r.name: (r.pending, r.drafts, r.overdue, r.executed_in_period) for r in reports.workload(start, end, T, EVERYTHING)}
    assert work == {"Айгүл": (1, 1, 1, 3), "Дмитрий": (0, 0, 0, 3)}
    use = [(r.treaty.short("en") if r.treaty else None, r.mla, r.extradition) for r in reports.treaty_use(start, end, EVERYTHING)]
    assert use == [(None, 5, 1)]


def test_pending_page_links_each_figure_to_the_same_requests_in_the_list(client, auth):
    _pending_data()
    auth.login(make_user(Role.SUPERVISOR))
    page = client.get("/reports/pending-by-country", headers={"Accept-Language": "en"}).get_data(as_text=True)
    import re

    links = re.findall(r'<a href="(/requests\?[^"]+)">(\d+)</a>', page)
    assert len(links) > 10
    for href, figure in links:
        listed = client.get(href.replace("&amp;", "&"), headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert f"{figure} request" in listed, (href, figure)


def test_supervisors_start_on_pending_by_country_and_prosecutors_have_no_reports(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    assert client.get("/").headers["Location"] == "/reports/pending-by-country"
    client.post("/logout")
    auth.login(make_user())
    for url in ("/reports/pending-by-country", "/reports/statistics", "/reports/workload", "/reports/treaties",
                "/reports/execution-times"):
        assert client.get(url).status_code == 403


def test_bad_report_dates_get_a_message_not_an_error(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    response = client.get("/reports/statistics?start=31.02.2025&end=2025-01-01&as_of=2099-01-01",
                          headers={"Accept-Language": "en"})
    assert response.status_code == 400  # the report of the default period, with what was refused above it
    page = response.get_data(as_text=True)
    assert "Not a valid date value." in page and "cannot be in the future" in page
    assert 'value="31.02.2025"' in page  # what was typed stays in the field
    unknown_kind = client.get("/reports/statistics?kind=zzz", headers={"Accept-Language": "en"})
    assert unknown_kind.status_code == 400 and "<li>Kind: Expected one of: mla" in unknown_kind.get_data(as_text=True)


def test_exports_read_back_with_the_same_figures(client, auth):
    _pending_data()
    auth.login(make_user(Role.SUPERVISOR))
    report = reports.pending_by_country(T, T, EVERYTHING)
    xlsx = client.get("/reports/pending-by-country?format=xlsx", headers={"Accept-Language": "en"})
    assert xlsx.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(xlsx.data), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = rows[rows.index([None] * len(rows[0])) + 1:]  # the table, after the header and its empty row
    assert rows[0][:6] == ["Country", "Code", "MLA requests", "Extradition requests", "Transfers of proceedings",
                           "Total open"]
    assert [(r[1], r[5], r[6]) for r in rows[1:-1]] == [(r.country_code, r.total, r.overdue) for r in report.rows]
    assert rows[-1][0] == "Total" and rows[-1][5] == 5
    client.post("/language", data={"language": "ru"})
    response = client.get("/reports/pending-by-country?format=csv")
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    parsed = parsed[parsed.index([]) + 1:]
    assert parsed[1][0] == "Россия" and parsed[1][5] == "3"
    assert [row[1] for row in parsed[1:-1]] == ["RU", "KG", "TR"]


def test_the_statistics_export_carries_the_same_cells(client, auth):
    _statistics_data()
    auth.login(make_user(Role.SUPERVISOR))
    xlsx = client.get("/reports/statistics?start=2025-01-01&end=2025-12-31&as_of=2025-12-31&format=xlsx")
    rows = [list(r) for r in load_workbook(io.BytesIO(xlsx.data), read_only=True).active.iter_rows(values_only=True)]
    totals = [r for r in rows if r[1] in ("Total", "Итого", "Барлығы")]
    # Sent, then executed, partially executed, extradited, granted, accepted, pending, refused, returned, released
    # abroad, withdrawn: a kind's own outcomes filled, the others empty, and the filled ones add up to "sent".
    assert [tuple(r[2:]) for r in totals] == [(6, 1, 1, None, None, None, 1, 1, 1, None, 1),
                                              (4, None, None, 1, 0, None, 2, 0, None, 1, 0)]


def test_the_request_list_export_never_turns_text_into_a_formula(client, auth):
    owner = make_user()
    make_request(owner, reference="=HYPERLINK(\"http://x\")", summary="+1 exploit", articles="-2")
    auth.login(owner)
    xlsx = client.get("/requests/export?format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.data))
    cells = list(workbook.active.iter_rows(min_row=2, values_only=False))[0]
    assert cells[0].value == "=HYPERLINK(\"http://x\")" and cells[0].data_type == "s"
    text = client.get("/requests/export?format=csv").get_data().decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0] == "'=HYPERLINK(\"http://x\")" and row[8] == "'+1 exploit" and row[7] == "'-2"


def test_the_request_list_xlsx_holds_dates_as_dates_under_headings_that_stay_in_view(client, auth):
    owner = make_user()
    make_request(owner, reference="D-1", sent_on=date(2026, 3, 4), summary="bell\x07 in pasted text")
    auth.login(owner)
    workbook = load_workbook(io.BytesIO(client.get("/requests/export?format=xlsx").data))
    sheet = workbook.active
    headings, row = list(sheet.iter_rows(max_row=2))
    assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in headings)
    sent = row[[cell.value for cell in headings].index("Date sent")]
    assert sent.is_date and sent.value.date() == date(2026, 3, 4) and sent.number_format == "dd.mm.yyyy"
    assert row[0].value == "D-1" and row[8].value.startswith("bell")


def test_report_pages_cost_the_same_queries_at_10_and_60_requests(client, auth, count_queries):
    owner = make_user()
    auth.login(make_user(Role.SUPERVISOR))

    def fill(start, stop):
        for n in range(start, stop):
            make_request(owner, EXT if n % 4 == 0 else MLA, reference=f"Q{n}", country_code=("RU", "KG", "TR")[n % 3],
                         sent_on=T - timedelta(days=10 * n + 1), statuses=[(S.PENDING, T - timedelta(days=10 * n))])

    urls = ["/reports/pending-by-country", "/reports/pending-by-country?as_of=" + (T - timedelta(days=40)).isoformat(),
            "/reports/statistics?start=2020-01-01", "/reports/workload?start=2020-01-01",
            "/reports/treaties?start=2020-01-01", "/reports/execution-times?start=2020-01-01"]

    def counts():
        found = {}
        for url in urls:
            with count_queries(cold=True) as statements:
                assert client.get(url).status_code == 200
            found[url] = len(statements)
        return found
    fill(0, 10)
    small = counts()
    fill(10, 60)
    assert counts() == small


def test_the_report_commands_print_the_same_figures_as_the_services(runner):
    import json

    _statistics_data()
    result = runner.invoke(args=["report", "statistics", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of",
                                 "2025-12-31", "--format", "json", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    totals = [row[2:] for row in payload["rows"] if row[1] == "Total" or row[1] == "Итого"]
    assert totals == [[6, 1, 1, None, None, None, 1, 1, 1, None, 1], [4, None, None, 1, 0, None, 2, 0, None, 1, 0]]
    assert payload["text"].startswith("В 2025 году направлено 6 международных следственных поручений")
    _pending_data()
    table = runner.invoke(args=["report", "pending-by-country", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(table.output)))
    assert rows[0][0] == "Country" and rows[-1][0] == "Total"
    bad = runner.invoke(args=["report", "statistics", "--from", "2025-12-31", "--to", "2025-01-01"])
    assert bad.exit_code == 2 and "the period starts after it ends" in bad.output

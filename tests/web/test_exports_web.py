"""Downloads as a supervisor reads and signs them: the CSV separator of their Excel, values in their language that
import back, and report files that say what they count."""
import csv
import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import load_workbook

from tests.conftest import append_only_lifted
from tests.factories import TODAY, category, make_request, make_user, treaty
from tests.test_imports import run_import
from tracker import clock, labels
from tracker.domain.history import EventType
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import Request, RequestEvent
from tracker.services.events import record_event
from tracker.services.requests import change_status

DOWNLOADS = {"csv-semicolon": ("format=csv&sep=semicolon", ";"), "csv-comma": ("format=csv&sep=comma", ","),
             "xlsx": ("format=xlsx", None)}
REPORTS = ["/reports/pending-by-country", "/reports/statistics", "/reports/workload", "/reports/treaties",
           "/reports/execution-times"]


def table_of(response, delimiter=None) -> list[list]:
    """Every row of a CSV or XLSX download, as text or the XLSX cell values; empty cells as ''."""
    if delimiter is None:
        workbook = load_workbook(io.BytesIO(response.data), read_only=True)
        rows = [["" if value is None else value for value in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
        return rows
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=delimiter))


def after_header(rows: list[list]) -> list[list]:
    """The table below a report's header and the empty row that ends it."""
    blank = next(number for number, row in enumerate(rows) if not any(cell != "" for cell in row))
    return rows[blank + 1:]


def register_of_every_kind(prosecutor):
    """Requests that use every exported column: treaty and reciprocity, statuses with and without dates, a refusal
    ground, an extradition with detention, receipt, surrender and citizenship, an acknowledgement."""
    make_request(prosecutor, reference="RT-1", summary="=SUM(A1) looks like a formula", articles="ст. 190")
    make_request(prosecutor, reference="RT-2", treaty_id=treaty("minsk-1993").id, country_code="KG",
                 crime_category_id=category("money_laundering").id,
                 statuses=[(Status.PENDING, date(2026, 9, 5)), (Status.EXECUTED, date(2026, 10, 1))])
    make_request(prosecutor, Kind.EXTRADITION, reference="RT-3", country_code="TR",
                 statuses=[(Status.REFUSED, date(2026, 10, 2))])
    make_request(prosecutor, Kind.EXTRADITION, reference="RT-4", sent_on=None)
    make_request(prosecutor, Kind.TRANSFER, reference="RT-7", country_code="DE")
    acknowledged = make_request(prosecutor, reference="RT-5", sent_on=date(2026, 9, 10))
    record_event(prosecutor, acknowledged, EventType.ACKNOWLEDGED, on=date(2026, 9, 20), note="", reference="DOJ-77",
                 expected_version=acknowledged.version, today=TODAY, now=clock.now())
    surrendered = make_request(prosecutor, Kind.EXTRADITION, reference="RT-6", country_code="KG",
                               sent_on=date(2026, 10, 25), detained_on=date(2026, 10, 20))
    record_event(prosecutor, surrendered, EventType.RECEIVED_ABROAD, on=date(2026, 10, 28), note="", reference="",
                 expected_version=surrendered.version, today=TODAY, now=clock.now())
    for status, on in ((Status.GRANTED, date(2026, 11, 10)), (Status.EXTRADITED, date(2026, 11, 20))):
        change_status(prosecutor, surrendered, status, effective_on=on, note="", ground=None,
                      expected_version=surrendered.version, today=TODAY, now=clock.now())
    db.session.commit()


def snapshot():
    """Every field the export carries, per registration number."""
    db.session.rollback()
    return {r.reference: (r.kind, r.country_code, r.authority, r.treaty_id, r.case_number, r.crime_category_id,
                          r.articles, r.summary, r.sent_on, r.status, r.status_on, r.owner_id, r.person_name,
                          r.person_name_latin, r.person_birth_date, r.person_citizenship, r.detained_on, r.due_on,
                          r.refusal_ground, r.acknowledged_on, r.foreign_reference, r.custody_days_abroad,
                          r.received_abroad_on, r.surrendered_on)
            for r in db.session.scalars(sa.select(Request))}


@pytest.mark.parametrize("download", list(DOWNLOADS))
@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_an_export_in_the_users_language_imports_back_field_by_field(client, auth, language, download):
    supervisor = make_user(Role.SUPERVISOR, language=Language(language), email="chief@prokuror.example")
    prosecutor = make_user(name="Серикова Айгуль Маратовна", email="serikova@prokuror.example")
    make_user(name="Серикова Айгуль Маратовна", email="former@prokuror.example").active = False
    db.session.commit()
    register_of_every_kind(prosecutor)
    before = snapshot()
    auth.login(supervisor)
    query, delimiter = DOWNLOADS[download]
    exported = client.get(f"/requests/export?{query}").get_data()
    filename = f"requests.{'xlsx' if delimiter is None else 'csv'}"
    again = run_import(exported, supervisor, filename=filename, language=language)
    assert again.ok and len(again.unchanged) == len(before) and not again.changed, again.problems
    with append_only_lifted(db.session.connection()):  # the register emptied: its history goes with it
        db.session.execute(sa.delete(RequestEvent))
        db.session.execute(sa.delete(Request))
    db.session.commit()
    report = run_import(exported, supervisor, filename=filename, language=language)
    assert report.written, report.problems
    assert snapshot() == before


@pytest.mark.parametrize("language, delimiter", [("ru", ";"), ("kk", ";"), ("en", ",")])
def test_the_list_export_reads_as_the_user_does(client, auth, language, delimiter):
    owner = make_user(Role.SUPERVISOR, language=Language(language), name="Ахметов Ерлан")
    make_request(owner, reference="L-1", country_code="KG", treaty_id=treaty("minsk-1993").id,
                 sent_on=date(2026, 3, 4), statuses=[(Status.REFUSED, date(2026, 4, 5))])
    auth.login(owner)
    response = client.get("/requests/export?format=csv")
    text = response.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].count(delimiter) == 25  # 26 columns
    headings, row = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    values = dict(zip(headings, row))
    with force_locale(language):
        assert values[_("Kind")] == str(labels.KIND[Kind.MLA])
        assert values[_("Status")] == str(labels.STATUS[Status.REFUSED])
        assert values[_("Country")] == labels.country_name("KG", language)
        assert values[_("Legal basis")] == treaty("minsk-1993").short(language)
        assert values[_("Crime category")] == category("fraud").name(language)
        assert values[_("Responsible prosecutor")] == "Ахметов Ерлан"
        assert (values[_("Date sent")], values[_("Status since")]) == ("04.03.2026", "05.04.2026")
    other = ";" if delimiter == "," else ","
    sep = "semicolon" if other == ";" else "comma"
    chosen = client.get(f"/requests/export?format=csv&sep={sep}").get_data().decode("utf-8-sig")
    assert chosen.splitlines()[0].count(other) == 25


def test_the_list_export_in_xlsx_holds_names_and_date_cells(client, auth):
    owner = make_user(language=Language.RU, name="Ахметов Ерлан")
    make_request(owner, Kind.EXTRADITION, reference="X-1", country_code="TR", sent_on=date(2026, 10, 25))
    auth.login(owner)
    workbook = load_workbook(io.BytesIO(client.get("/requests/export?format=xlsx").data))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Запросы"
    headings, row = ([cell for cell in line] for line in sheet.iter_rows(max_row=2))
    values = {heading.value: cell for heading, cell in zip(headings, row)}
    assert values["Страна"].value == "Турция" and values["Гражданство"].value == "Казахстан"
    assert values["Ответственный прокурор"].value == "Ахметов Ерлан"
    assert values["Дата направления"].is_date and values["Дата рождения"].value.date() == date(1985, 3, 1)
    assert values["Правовое основание"].value == "Принцип взаимности"


def statistics_url(**extra):
    fraud = category("fraud")
    return ("/reports/statistics?start=2026-01-01&end=2026-06-30&as_of=2026-07-15&kind=mla&kind=extradition"
            f"&country=RU&country=KG&treaty=reciprocity&crime_category_id={fraud.id}"
            + "".join(f"&{key}={value}" for key, value in extra.items()))


@pytest.mark.parametrize("download", list(DOWNLOADS))
def test_a_report_file_says_what_it_counts_before_its_table(client, auth, download):
    prosecutor = make_user(name="Ахметов Ерлан")
    make_request(prosecutor, reference="S-1", sent_on=date(2026, 2, 3))
    supervisor = make_user(Role.SUPERVISOR, language=Language.RU)
    auth.login(supervisor)
    query, delimiter = DOWNLOADS[download]
    response = client.get(statistics_url(owner_id=prosecutor.id) + "&" + query)
    rows = table_of(response, delimiter)
    header = rows[:rows.index(next(row for row in rows if not any(cell != "" for cell in row)))]
    with force_locale("ru"):
        expected = [["Статистика"], [_("Period"), "01.01.2026 – 30.06.2026"], ["По состоянию на", "15.07.2026"],
                    ["Вид", f"{labels.KIND[Kind.MLA]}, {labels.KIND[Kind.EXTRADITION]}"],
                    ["Страна", "Россия, Кыргызстан"],  # the official name of the country
                    ["Правовое основание", "Принцип взаимности"],
                    ["Категория преступления", category("fraud").name("ru")], ["Прокурор", "Ахметов Ерлан"]]
        produced = _("Produced")
    assert [row[:2] if len(row) > 1 and row[1] != "" else row[:1] for row in header[:-1]] == expected
    assert header[-1][0] == produced and header[-1][1].startswith(clock.now().astimezone(clock.ALMATY)
                                                                 .strftime("%d.%m.%Y"))
    assert after_header(rows)[0][:2] == ["Вид", "Категория преступления"]


def test_a_report_workbook_has_its_header_in_bold_above_a_heading_row_kept_in_view(client, auth):
    auth.login(make_user(Role.SUPERVISOR, language=Language.KK))
    response = client.get("/reports/pending-by-country?format=xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Елдер бойынша орындалудағы"
    rows = list(sheet.iter_rows())
    blank = next(number for number, row in enumerate(rows) if all(cell.value is None for cell in row))
    assert rows[0][0].value == "Елдер бойынша орындалудағы сұрау салулар"
    assert all(cell.font.b for row in rows[:blank] for cell in row if cell.value is not None)
    assert rows[blank + 1][0].value == "Ел" and rows[blank + 1][0].font.b
    assert sheet.freeze_panes == f"A{blank + 3}"  # header, empty row and headings stay in view
    with force_locale("kk"):
        assert [row[0].value for row in rows[1:blank - 1]] == ["Жағдай бойынша", _("Filters")]


@pytest.mark.parametrize("url", REPORTS)
def test_every_report_file_starts_with_its_title_and_ends_its_header_with_the_time_made(client, auth, url):
    auth.login(make_user(Role.SUPERVISOR))
    for query, delimiter in DOWNLOADS.values():
        rows = table_of(client.get(f"{url}?{query}"), delimiter)
        header_end = next(number for number, row in enumerate(rows) if not any(cell != "" for cell in row))
        assert rows[header_end - 1][0] == "Produced" and rows[0][0] in (
            "Pending requests by country", "Statistics", "Workload per prosecutor", "Use of treaties",
            "Median days to execution by country")
        labels_in_header = [row[0] for row in rows[1:header_end]]
        assert "As of" in labels_in_header and ("Period" in labels_in_header) == (url != REPORTS[0])
        assert ["Filters", "none: every request counts"] in [row[:2] for row in rows[1:header_end]]
        assert len(after_header(rows)) >= 1


def test_report_csv_is_separated_by_semicolons_for_russian_and_commas_for_english(client, auth):
    auth.login(make_user(Role.SUPERVISOR, language=Language.RU))
    russian = client.get("/reports/treaties?format=csv").get_data().decode("utf-8-sig")
    assert russian.splitlines()[-1].count(";") == 4 and after_header(
        list(csv.reader(io.StringIO(russian), delimiter=";")))[0][0] == "Правовое основание"
    auth.logout()
    auth.login(make_user(Role.SUPERVISOR, language=Language.EN))
    english = client.get("/reports/treaties?format=csv").get_data().decode("utf-8-sig")
    assert after_header(list(csv.reader(io.StringIO(english))))[0] == [
        "Legal basis", "MLA requests", "Extradition requests", "Transfers of proceedings", "Total"]


def download_hrefs(html: str) -> list[str]:
    """The addresses of the page's download links, unescaped."""
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*format=(?:csv|xlsx)[^"]*)"', html)]


def test_report_pages_offer_both_separators_and_xlsx_with_every_filter_value(client, auth):
    auth.login(make_user(Role.SUPERVISOR, language=Language.RU))
    page = client.get("/reports/statistics?kind=mla&kind=extradition&start=2026-01-01&sep=comma")
    html = page.get_data(as_text=True)
    hrefs = download_hrefs(html)
    assert len(hrefs) == 3 and all("kind=mla" in href and "kind=extradition" in href for href in hrefs)
    assert "format=csv" in hrefs[0] and "sep=semicolon" in hrefs[0]
    assert "format=csv" in hrefs[1] and "sep=comma" in hrefs[1]
    assert "format=xlsx" in hrefs[2] and "sep=" not in hrefs[2] and hrefs[0].count("sep=") == 1
    assert ">CSV (;)</a>" in html and ">CSV (,)</a>" in html and ">XLSX</a>" in html
    for href in hrefs:
        assert client.get(href).status_code == 200


def test_the_request_list_offers_both_separators_and_xlsx_with_its_filters(client, auth):
    auth.login(make_user(language=Language.KK))
    html = client.get("/requests?country=RU&country=KG&page=2&sort=reference").get_data(as_text=True)
    hrefs = download_hrefs(html)
    assert len(hrefs) == 3 and all(href.startswith("/requests/export?") for href in hrefs)
    assert all("country=RU" in href and "country=KG" in href and "page=" not in href for href in hrefs)
    assert ["sep=semicolon" in hrefs[0], "sep=comma" in hrefs[1], "format=xlsx" in hrefs[2]] == [True] * 3

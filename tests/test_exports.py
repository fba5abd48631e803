"""Exports for people: sheet names, report headers, the filters in words, the list's values in the user's
language, and the import reading those values back."""
import csv
import io
from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import load_workbook

from tests.factories import category, make_request, make_user, treaty
from tests.test_imports import csv_bytes, mla_row, run_import
from tests.factories import SYSTEM
from tracker import labels
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.formats.exports import csv_response, sheet_name, write_xlsx
from tracker.formats.report_header import filter_description, report_header
from tracker.formats.report_tables import request_list_headings, request_list_rows
from tracker.models import Request
from tracker.services import queries
from tracker.services.import_lookups import Lookups, norm
from tracker.services.queries import RequestFilters
from tracker.services.reports import ReportFilters

REPORT_TITLES = ["Pending requests by country", "Statistics", "Workload per prosecutor", "Use of treaties",
                 "Median days to execution by country", "Requests", "Treaties"]


def whole_words_of(name: str, title: str) -> bool:
    """True when `name` is the first words of `title`, none of them cut."""
    words, title_words = name.split(), title.split()
    return words == title_words[:len(words)]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_report_title_makes_a_sheet_name_of_whole_words(language):
    with force_locale(language):
        titles = [_(title) for title in REPORT_TITLES]
    for title in titles:
        name = sheet_name(title)
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), (title, name)
        assert whole_words_of(name, title), (title, name)
    assert language == "en" or any(len(title) > 31 for title in titles)  # some are cut in kk and ru


def test_a_long_title_is_cut_after_its_last_whole_word():
    assert sheet_name("Елдер бойынша орындалудағы сұрау салулар") == "Елдер бойынша орындалудағы"
    assert sheet_name("Медиана дней до исполнения по странам") == "Медиана дней до исполнения по"
    assert sheet_name("Short") == "Short"


def test_a_first_word_longer_than_a_sheet_name_is_cut_and_nothing_follows_it():
    assert sheet_name("Қылмыстық-процестік-құқықтық-көмектің ведомосі") == "Қылмыстық-процестік-құқықтық-кө"


def test_characters_excel_refuses_in_a_sheet_name_become_spaces():
    assert sheet_name("Report [2025]: A/B?*") == "Report 2025 A B"
    assert sheet_name("'quoted'") == "quoted"
    assert sheet_name("???") == "Sheet"


def read_xlsx(data: bytes):
    """The first sheet's cells (openpyxl, fully loaded so that formats can be read)."""
    return load_workbook(io.BytesIO(data)).worksheets[0]


def test_an_xlsx_starts_with_its_header_in_bold_and_keeps_the_table_heading_in_view():
    target = io.BytesIO()
    header = [["Statistics"], ["Period", "01.01.2025 – 31.12.2025"], ["As of", date(2025, 12, 31)]]
    write_xlsx(target, "Statistics", ["Kind", "Sent"], [["MLA request", 6], ["=1+1", 2]], preamble=header)
    sheet = read_xlsx(target.getvalue())
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[:3] == [["Statistics", None], ["Period", "01.01.2025 – 31.12.2025"],
                        ["As of", datetime(2025, 12, 31)]]
    assert rows[4:] == [["Kind", "Sent"], ["MLA request", 6], ["=1+1", 2]]
    assert all(cell.font.b for row in sheet.iter_rows(max_row=5) for cell in row if cell.value is not None)
    assert not sheet["A6"].font.b and sheet["B6"].number_format == "General"
    assert sheet["B3"].number_format == "dd.mm.yyyy"
    assert sheet["A7"].data_type == "s"  # text, never a formula
    assert sheet.freeze_panes == "A6"  # header and table headings stay in view


def test_an_xlsx_without_a_header_starts_with_the_table():
    target = io.BytesIO()
    write_xlsx(target, "Requests", ["Registration number"], [["R-1"]])
    sheet = read_xlsx(target.getvalue())
    assert sheet["A1"].value == "Registration number" and sheet.freeze_panes == "A2"


def csv_text(response) -> str:
    return response.get_data().decode("utf-8-sig")


@pytest.mark.parametrize("delimiter", [";", ","])
def test_a_csv_is_separated_as_asked_with_its_header_first_and_formulas_disarmed(app, delimiter):
    with app.test_request_context():
        response = csv_response("statistics", ["Kind", "Sent"], [["MLA request", 6], ["-5", date(2026, 3, 4)]],
                                delimiter=delimiter, preamble=[["Statistics"], ["Kind", "=cmd"]])
        text = csv_text(response)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows == [["Statistics"], ["Kind", "'=cmd"], [], ["Kind", "Sent"], ["MLA request", "6"],
                    ["'-5", "04.03.2026"]]
    assert text.splitlines()[3] == f"Kind{delimiter}Sent"


def test_the_report_header_names_period_day_filters_and_when_it_was_made_in_almaty_time(app):
    made = datetime(2026, 3, 5, 9, 5, tzinfo=UTC)  # 14:05 in Almaty (UTC+5)
    with force_locale("ru"):
        rows = report_header("Статистика", period=(date(2025, 1, 1), date(2025, 12, 31)), as_of=date(2026, 1, 15),
                             made_at=made, filters=[("Вид", "Запрос о правовой помощи")])
        expected = [["Статистика"], [_("Period"), "01.01.2025 – 31.12.2025"], ["По состоянию на", "15.01.2026"],
                    ["Вид", "Запрос о правовой помощи"],
                    [_("Produced"), _("%(moment)s, Almaty time", moment="05.03.2026 14:05")]]
    assert rows == expected


def test_a_report_without_a_period_has_no_period_row(app):
    rows = report_header("Pending", as_of=date(2026, 1, 15), made_at=datetime(2026, 1, 15, tzinfo=UTC),
                         filters=[])
    assert [row[0] for row in rows] == ["Pending", _("As of"), _("Produced")]


def test_the_filters_are_described_in_words_with_every_chosen_value(app):
    owner = make_user(name="Серикова Айгуль")
    minsk = treaty("minsk-1993")
    fraud = category("fraud")
    filters = RequestFilters(kind=(Kind.MLA, Kind.EXTRADITION), country=("RU", "KG"),
                             treaty=("reciprocity", str(minsk.id)), crime_category_id=(fraud.id,), owner_id=owner.id)
    with force_locale("ru"):
        pairs = filter_description(filters, "ru")
        expected = [(_("Kind"), f"{labels.KIND[Kind.MLA]}, {labels.KIND[Kind.EXTRADITION]}"),
                    (_("Country"), "Россия, Кыргызстан"),  # the official name
                    (_("Legal basis"), f"{labels.RECIPROCITY}, {minsk.short('ru')}"),
                    (_("Crime category"), fraud.name("ru")), (_("Prosecutor"), "Серикова Айгуль")]
    assert pairs == expected


def test_single_values_and_report_filters_are_described_alike(app):
    fraud = category("fraud")
    single = RequestFilters()
    single.kind, single.crime_category_id, single.treaty = Kind.MLA, fraud.id, "reciprocity"  # one value, not a tuple
    with force_locale("en"):
        assert filter_description(single, "en") == [("Kind", "MLA request"), ("Legal basis", "Reciprocity"),
                                                    ("Crime category", fraud.name("en"))]
        assert filter_description(ReportFilters(kind=(Kind.TRANSFER,)), "en") == [("Kind", "Transfer of proceedings")]
        assert filter_description(ReportFilters(), "en") == [("Filters", "none: every request counts")]


def exported(language, **filters):
    """The request list export's headings and rows in `language`, as the export route builds them."""
    with force_locale(language):
        rows = list(request_list_rows(queries.export_rows(RequestFilters(access=SYSTEM, **filters), sort="reference",
                                                          descending=False, language=language), language,
                                      access=SYSTEM))
        return request_list_headings(), rows


def test_the_request_list_carries_names_in_the_users_language_not_codes():
    owner = make_user(name="Серикова Айгуль", email="serikova@prokuror.example")
    make_request(owner, reference="N-1", country_code="KG", treaty_id=treaty("minsk-1993").id,
                 statuses=[(Status.REFUSED, date(2026, 10, 2))])
    make_request(owner, Kind.EXTRADITION, reference="N-2", country_code="TR", sent_on=None)
    headings, rows = exported("ru")
    first, second = (dict(zip(headings, row)) for row in rows)
    with force_locale("ru"):
        assert first[_("Kind")] == str(labels.KIND[Kind.MLA])
        assert (first[_("Status")], first[_("Refusal ground")]) == (str(labels.STATUS[Status.REFUSED]),
                                                                   str(labels.GROUND[RefusalGround.OTHER]))
        assert second[_("Legal basis")] == str(labels.RECIPROCITY)
        assert second[_("Status")] == str(labels.STATUS[Status.DRAFT])
    assert (first[_("Country")], second[_("Country")]) == ("Кыргызстан", "Турция")  # the official name
    assert first[_("Legal basis")] == "Минская конвенция 1993 г."
    assert first[_("Crime category")] == category("fraud").name("ru")
    assert first[_("Responsible prosecutor")] == "Серикова Айгуль"
    assert second[_("Citizenship")] == "Казахстан"
    assert first[_("Date sent")] == date(2026, 9, 1) and first[_("Status since")] == date(2026, 10, 2)
    codes = {"mla", "extradition", "refused", "draft", "KG", "TR", "minsk-1993", "fraud", "serikova@prokuror.example"}
    assert not codes & {value for row in rows for value in row if isinstance(value, str)}


def test_the_request_list_in_kazakh_and_english():
    owner = make_user(name="Owner One")
    make_request(owner, reference="K-1", country_code="KG", treaty_id=treaty("minsk-1993").id)
    headings, [row] = exported("kk")
    values = dict(zip(headings, row))
    assert values["Ел"] == "Қырғызстан" and values["Құқықтық негіз"] == "1993 ж. Минск конвенциясы"
    headings, [row] = exported("en")
    values = dict(zip(headings, row))
    assert (values["Kind"], values["Country"], values["Status"]) == ("MLA request", "Kyrgyzstan", "Sent")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_label_of_kind_status_and_ground_finds_its_value_again(language):
    lookups = Lookups()
    with force_locale(language):
        for table, found in ((labels.KIND, lookups.kinds), (labels.STATUS, lookups.statuses),
                             (labels.GROUND, lookups.grounds)):
            for value, title in table.items():
                assert found[norm(f"  {str(title).upper()} ")] == value


def test_names_are_compared_without_case_spacing_or_the_dots_of_yo():
    assert norm("  Освобождён   за рубежом ") == norm("освобожден за рубежом")


def test_an_owner_is_found_by_email_or_by_a_name_only_one_active_user_has():
    one = make_user(name="Ахметов Ерлан", email="akhmetov@prokuror.example")
    make_user(name="Серикова  Айгуль")
    make_user(name="Серикова Айгуль")
    gone = make_user(name="Ахметов Ерлан")
    gone.active = False
    left = make_user(name="Бекова Дана")
    left.active = False
    db.session.commit()
    lookups = Lookups()
    assert lookups.owners("AKHMETOV@prokuror.example") == [one]
    assert lookups.owners("ахметов ерлан") == [one]  # the inactive namesake does not count
    assert len(lookups.owners("Серикова Айгуль")) == 2
    assert lookups.owners("Бекова Дана") == [left]
    assert lookups.owners("Nobody") == []


def test_a_treaty_name_two_treaties_share_is_refused_but_their_codes_work(app):
    lookups = Lookups()
    minsk = treaty("minsk-1993")
    assert lookups.treaties[norm(minsk.short("ru"))].id == minsk.id
    assert lookups.treaties[norm(minsk.short("kk"))].id == minsk.id
    assert not lookups.shared_treaty_names


def test_a_short_name_two_treaties_share_finds_neither():
    lookups = Lookups()
    first, second = list(lookups.register.treaties.values())[:2]

    class Twin:
        def __init__(self, original, name):
            self.code, self.short_name, self.short_name_kk, self.short_name_ru = original.code, name, "", ""

    lookups._read_treaties([Twin(first, "Same name"), Twin(second, "Same name")])
    assert "same name" in lookups.shared_treaty_names and "same name" not in lookups.treaties
    assert lookups.treaties[norm(first.code)].code == first.code


def test_the_owner_column_takes_a_name_and_an_ambiguous_name_is_a_row_error():
    supervisor = make_user(Role.SUPERVISOR, email="chief@prokuror.example")
    named = make_user(name="Ахметов Ерлан")
    make_user(name="Серикова Айгуль")
    make_user(name="Серикова Айгуль")
    report = run_import(csv_bytes([mla_row("OWN-1", named, owner_email="Ахметов Ерлан"),
                                   mla_row("OWN-2", named, owner_email="Серикова Айгуль")]), supervisor)
    assert [(p.line, p.column, p.message) for p in report.problems] == [
        (3, "owner", "More than one user has this name; give the email address instead.")]
    report = run_import(csv_bytes([mla_row("OWN-1", named, owner_email="  ахметов   ерлан ")]), supervisor)
    assert report.written, report.problems
    assert db.session.scalar(db.select(Request.owner_id)) == named.id


def test_a_semicolon_file_with_commas_in_its_cells_is_read_by_semicolons():
    supervisor = make_user(Role.SUPERVISOR)
    owner = make_user()
    row = mla_row("SEP-1", owner, authority="Прокуратура, отдел 1, каб. 2", case_number="2175-0003,1000123")
    report = run_import(csv_bytes([row], delimiter=";"), supervisor)
    assert report.written, report.problems
    stored = db.session.scalar(db.select(Request))
    assert stored.authority == "Прокуратура, отдел 1, каб. 2"



def test_the_request_list_counts_the_documents_kept_a_batch_at_a_time(tmp_path, monkeypatch, count_queries):
    from tracker.formats import report_tables
    from tracker.services.attachment_store import AttachmentStore
    from tracker.services.attachments import add_attachment, remove_attachment

    store = AttachmentStore(tmp_path)
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR)
    requests = [make_request(owner, reference=f"D-{number}") for number in range(1, 6)]
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    for item, documents in zip(requests, (0, 1, 3, 0, 2)):
        for number in range(documents):
            add_attachment(owner, item, filename=f"{number}.pdf", content=b"%PDF-1.7 " + bytes([number]), kind="reply",
                           now=now, store=store)
    withdrawn = add_attachment(owner, requests[3], filename="w.pdf", content=b"%PDF-1.7 w", kind="reply", now=now,
                               store=store)
    remove_attachment(supervisor, withdrawn, reason="не тот файл", now=now)  # withdrawn: no longer counted
    db.session.commit()
    monkeypatch.setattr(report_tables, "COUNT_BATCH", 2)
    with count_queries() as statements:
        headings, rows = exported("en")
    assert headings[-1] == "Documents"
    assert [(row[0], row[-1]) for row in rows] == [("D-1", 0), ("D-2", 1), ("D-3", 3), ("D-4", 0), ("D-5", 2)]
    assert sum("FROM attachments" in statement for statement in statements) == 3  # 5 rows, 2 per query

"""Letters generated from the record, opened back with python-docx: filled from the record in kk and ru, no
placeholder left, the blanks listed; replacement templates checked; the statistics reply has the report's figures."""
import io
from datetime import date

import pytest
from docx import Document
from docxtpl import DocxTemplate
from flask_babel import force_locale

from tests.factories import EVERYTHING, TODAY, category, make_request, make_user, treaty
from tracker.domain.access import access_for
from tracker.domain.attachments import AttachmentKind
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.formats.letter_templates import LANGUAGES, LETTERS, default_template
from tracker.formats.letter_values import request_letter_values, statistics_letter_values
from tracker.formats.report_tables import statistics_sections, statistics_text
from tracker.models import Attachment
from tracker.services import letters as service
from tracker.services import reports
from tracker.services.deadlines import record_reminder
from tracker.services.errors import NotPermitted


def full_access(user):
    return access_for(user.role, user.id, user.unit_id)


def letter_of(user, item, letter, language):
    """The letter as the service and the formats make it for `user`."""
    facts = service.letter_facts(full_access(user), item, letter, TODAY)
    return letter_files.render(letter, language, request_letter_values(letter, facts, language, user))


def text_of(letter) -> str:
    return letter_files.document_text(letter.content)


def assert_no_placeholder(text):
    for mark in ("{{", "}}", "{%", "%}"):
        assert mark not in text


@pytest.mark.parametrize("letter", LETTERS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_built_in_templates_use_only_the_values_letters_have(letter, language):
    template = DocxTemplate(io.BytesIO(default_template(letter, language)))
    assert template.get_undeclared_template_variables() <= set(letter_files.VARIABLES[letter])


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_extradition_request_is_filled_from_the_record(language):
    owner = make_user(name="Серікбаев Нұрлан")
    item = make_request(owner, Kind.EXTRADITION, sent_on=None, articles="ст. 190 ч. 4", summary="Хищение 5 млн тенге",
                        detained_on=date(2026, 11, 20), in_custody=True, country_code="TR", authority="Ankara MoJ")
    letter = letter_of(owner, item, "request", language)
    text = text_of(letter)
    assert_no_placeholder(text)
    for value in (item.reference, item.case_number, "Ахметов Ерлан", "Akhmetov Yerlan", "01.03.1985", "20.11.2026",
                  "ст. 190 ч. 4", "Хищение 5 млн тенге", "Ankara MoJ", "Серікбаев Нұрлан"):
        assert value in text
    office = {"kk": "Қазақстан Республикасының Бас прокуратурасы", "ru": "Генеральная прокуратура Республики Казахстан"}
    assert office[language] in text
    title = {"kk": "ҰСТАП БЕРУ ТУРАЛЫ СҰРАУ САЛУ", "ru": "ЗАПРОС О ВЫДАЧЕ"}[language]
    assert title in text
    # The release deadline counted from the detention is stated, as the request's page states it.
    assert item.release_due_on.strftime("%d.%m.%Y") in text
    # What the register cannot know is a marked blank, listed in the order it appears.
    articles_text = letter_files.blank(language, "articles_text")
    actions = letter_files.blank(language, "actions_requested")
    no_arrest = letter_files.blank(language, "arrest_facts")  # no extradition arrest recorded yet
    assert letter.blanks == (articles_text, no_arrest, actions)
    assert articles_text in text and actions in text


def test_missing_facts_become_marked_blanks_and_an_mla_request_names_no_person():
    owner = make_user()
    item = make_request(owner, Kind.MLA, sent_on=None, articles="", summary="", authority="",
                        treaty_id=treaty("minsk_1993").id if treaty("minsk_1993") else None)
    letter = letter_of(owner, item, "request", "ru")
    text = text_of(letter)
    assert "[не указано: статьи Уголовного кодекса]" in text and "[не указано: обстоятельства дела]" in text
    assert "[не указано: запрашиваемый орган]" in letter.blanks
    assert "Сведения о лице" not in text and "Дата задержания" not in text
    assert "МЕЖДУНАРОДНОЕ СЛЕДСТВЕННОЕ ПОРУЧЕНИЕ" in text
    if item.treaty_id:
        assert "[не указано: статья договора о требованиях к запросу]" in letter.blanks


def test_reminder_states_our_and_their_numbers_earlier_reminders_and_what_is_awaited():
    owner = make_user()
    item = make_request(owner, sent_on=date(2026, 6, 1), statuses=[(Status.PENDING, date(2026, 6, 20))])
    item.foreign_reference = "MJ-77/2026"  # as the acknowledgement records it
    record_reminder(owner, item, sent_on=date(2026, 9, 15), channel=ReminderChannel.LETTER, note="",
                    expected_version=item.version, today=TODAY, now=item.updated_at)
    db.session.commit()
    text = text_of(letter_of(owner, item, "reminder", "ru"))
    assert_no_placeholder(text)
    assert "MJ-77/2026" in text and item.reference in text and "01.06.2026" in text and "15.09.2026" in text
    assert "сведения о ходе исполнения поручения" in text
    kk = text_of(letter_of(owner, item, "reminder", "kk"))
    assert "тапсырманың орындалу барысы туралы" in kk and "15.09.2026" in kk


def test_supplement_cover_is_offered_only_while_a_supplement_is_asked_for():
    owner = make_user()
    item = make_request(owner, sent_on=date(2026, 8, 1))
    assert service.offered_letters(item) == ["request", "reminder"]
    with pytest.raises(service.NotOffered):
        service.letter_facts(full_access(owner), item, "supplement_cover", TODAY)
    item = make_request(owner, sent_on=date(2026, 8, 1), statuses=[(Status.PENDING, date(2026, 8, 10)),
                                                                   (Status.SUPPLEMENT_REQUESTED, date(2026, 11, 2))])
    assert "supplement_cover" in service.offered_letters(item)
    letter = letter_of(owner, item, "supplement_cover", "kk")
    assert "02.11.2026" in text_of(letter)
    assert letter_files.blank("kk", "enclosures") in letter.blanks
    draft = make_request(owner, sent_on=None)
    assert service.offered_letters(draft) == ["request"]


def test_the_administrator_generates_no_letter_about_a_request():
    owner = make_user()
    admin = make_user(Role.ADMIN)
    item = make_request(owner, Kind.EXTRADITION)
    with pytest.raises(NotPermitted):
        service.letter_facts(full_access(admin), item, "request", TODAY)


def test_the_same_record_gives_the_same_bytes():
    owner = make_user()
    item = make_request(owner)
    assert letter_of(owner, item, "reminder", "en").content == letter_of(owner, item, "reminder", "en").content


def replacement(*texts) -> bytes:
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("content, code", [
    (b"MZ\x90\x00 not a document", "not_docx"),
    (replacement("Письмо {{ reference }"), "syntax"),
    (replacement("{% if reference %}без конца"), "syntax"),
    (replacement("{{ salary_of_the_prosecutor }}"), "unknown_value"),
    # The sandbox: a template reaches no Python internals.
    (replacement("{{ reference.__class__.__mro__ }}"), "unsafe"),
    (replacement("{{ '{{' }} reference }}"), "placeholder_left"),
])
def test_a_broken_replacement_template_is_refused(content, code):
    with pytest.raises(letter_files.LetterTemplateError) as refused:
        letter_files.check_replacement("reminder", "ru", content)
    assert refused.value.code == code


def test_a_replacement_template_is_used_until_the_built_in_one_is_restored(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "LETTER_TEMPLATES_PATH", str(tmp_path))
    owner = make_user()
    item = make_request(owner)
    content = replacement("Напоминание по № {{ reference }} — {{ awaited }}; {{ foreign_reference }}")
    letter_files.check_replacement("reminder", "ru", content)
    letter_files.save_replacement("reminder", "ru", content)
    assert (tmp_path / "reminder.ru.docx").read_bytes() == content
    text = text_of(letter_of(owner, item, "reminder", "ru"))
    assert text.startswith(f"Напоминание по № {item.reference} — ")
    assert "Генеральная прокуратура" not in text
    assert letter_files.remove_replacement("reminder", "ru")
    assert "Генеральная прокуратура Республики Казахстан" in text_of(letter_of(owner, item, "reminder", "ru"))


def tables_of(content: bytes) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(io.BytesIO(content)).tables]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_statistics_reply_has_the_figures_and_paragraph_of_the_report(language):
    owner = make_user()
    fraud, pyramid = category("fraud").id, category("financial_pyramid").id
    make_request(owner, crime_category_id=fraud, sent_on=date(2025, 2, 1), statuses=[(Status.EXECUTED, date(2025, 5, 1))])
    make_request(owner, crime_category_id=pyramid, sent_on=date(2025, 3, 1))
    make_request(owner, Kind.EXTRADITION, crime_category_id=fraud, sent_on=date(2025, 4, 1),
                 statuses=[(Status.PENDING, date(2025, 4, 5)), (Status.GRANTED, date(2025, 6, 1)),
                           (Status.EXTRADITED, date(2025, 7, 1))])
    stats = reports.statistics(date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31), EVERYTHING)
    letter = letter_files.render("statistics", language, statistics_letter_values(stats, language, owner, TODAY))
    with force_locale(language):
        sections = statistics_sections(stats, language)
        paragraph = statistics_text(stats, language)
    text = text_of(letter)
    assert_no_placeholder(text)
    assert paragraph in text
    expected = [[[str(h) for h in s["headings"]], *[[str(v) for v in values] for _c, values in s["rows"]],
                 [str(v) for v in s["total"]]] for s in sections]
    assert tables_of(letter.content) == expected
    assert expected[0][-1][1:3] == ["2", "1"]  # MLA: two sent, one executed
    assert letter.blanks == (letter_files.blank(language, "recipient"),)


def test_a_reminder_recorded_as_sent_keeps_the_letter_with_its_history_entry():
    owner = make_user()
    item = make_request(owner, sent_on=date(2026, 6, 1))
    letter = letter_of(owner, item, "reminder", "ru")
    entry = service.record_reminder_letter(owner, item, content=letter.content, filename="reminder.docx",
                                           language="ru", sent_on=date(2026, 12, 1), channel=ReminderChannel.EMAIL,
                                           note=" по почте ", expected_version=item.version, today=TODAY,
                                           now=item.updated_at)
    db.session.commit()
    assert entry.event == EventType.REMINDER_SENT and entry.effective_on == date(2026, 12, 1)
    attachment = db.session.query(Attachment).filter_by(event_id=entry.id).one()
    assert attachment.kind == AttachmentKind.REMINDER and attachment.language == "ru"
    assert attachment.request_id == item.id and attachment.document_date == date(2026, 12, 1)

"""The letters of the API: the DOCX of a request's letter with its blanks in headers, problems for unknown letters
and bad languages, need-to-know, the statistics reply with the report's figures, and the OpenAPI description."""
import io
from datetime import date

from docx import Document
from openapi_spec_validator import validate

from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.services.units import create_unit
from tracker.services.users import issue_api_token


def headers(user, language="ru"):
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": language}


def test_a_letter_of_a_request_is_a_docx_with_its_blanks_counted(client):
    owner = make_user()
    item = make_request(owner, Kind.EXTRADITION, sent_on=None, summary="")
    answer = client.get(f"/api/v1/requests/{item.id}/letters/request?lang=kk", headers=headers(owner))
    assert answer.status_code == 200 and answer.mimetype == letter_files.DOCX_TYPE
    assert answer.headers["Content-Disposition"].startswith("attachment")
    text = letter_files.document_text(answer.data)
    assert "Ахметов Ерлан" in text and "ҰСТАП БЕРУ ТУРАЛЫ СҰРАУ САЛУ" in text
    assert answer.headers["X-Letter-Blank-Fields"] == "articles_text, facts, arrest_facts, actions_requested"
    assert answer.headers["X-Letter-Blanks"] == "4"
    # Without `lang`, the letter is in the caller's language.
    default = client.get(f"/api/v1/requests/{item.id}/letters/request", headers=headers(owner, "ru"))
    assert "ЗАПРОС О ВЫДАЧЕ" in letter_files.document_text(default.data)


def test_unknown_letters_bad_languages_and_letters_not_offered_are_problems(client):
    owner = make_user()
    item = make_request(owner, sent_on=None)
    auth = headers(owner, "en")
    unknown = client.get(f"/api/v1/requests/{item.id}/letters/ultimatum", headers=auth)
    assert unknown.status_code == 404 and unknown.mimetype == "application/problem+json"
    bad = client.get(f"/api/v1/requests/{item.id}/letters/request?lang=de", headers=auth)
    assert bad.status_code == 422 and "lang" in bad.get_json()["errors"]
    assert client.get(f"/api/v1/requests/{item.id}/letters/request?langue=ru", headers=auth).status_code == 400
    assert client.get(f"/api/v1/requests/{item.id}/letters/reminder", headers=auth).status_code == 409


def test_need_to_know_and_the_administrator(client):
    owner = make_user()
    item = make_request(owner, Kind.EXTRADITION)
    stranger = make_user()
    stranger.unit_id = create_unit("Аналитический отдел").id
    db.session.commit()
    assert client.get(f"/api/v1/requests/{item.id}/letters/request", headers=headers(stranger)).status_code == 404
    admin = make_user(Role.ADMIN)
    assert client.get(f"/api/v1/requests/{item.id}/letters/reminder", headers=headers(admin)).status_code == 403


def test_the_statistics_letter_has_the_figures_of_the_statistics_report(client):
    owner = make_user()
    make_request(owner, sent_on=date(2025, 2, 1), statuses=[(Status.EXECUTED, date(2025, 5, 1))])
    make_request(owner, sent_on=date(2025, 3, 1))
    supervisor = make_user(Role.SUPERVISOR)
    query = "from=2025-01-01&to=2025-12-31&as_of=2025-12-31"
    report = client.get(f"/api/v1/reports/statistics?{query}", headers=headers(supervisor, "en")).get_json()
    letter = client.get(f"/api/v1/reports/statistics/letter?{query}&lang=en", headers=headers(supervisor))
    assert letter.status_code == 200 and letter.mimetype == letter_files.DOCX_TYPE
    assert report["text"] in letter_files.document_text(letter.data)
    table = Document(io.BytesIO(letter.data)).tables[0]
    total = [cell.text for cell in table.rows[-1].cells]
    mla = report["totals"]["mla"]
    assert total[1:4] == [str(mla["sent"]), str(mla["outcomes"]["executed"]), str(mla["outcomes"]["partially_executed"])]
    assert client.get(f"/api/v1/reports/statistics/letter?{query}&lang=xx",
                      headers=headers(supervisor)).status_code == 422
    assert client.get("/api/v1/reports/statistics/letter?lang=ru", headers=headers(supervisor)).status_code == 422
    assert client.get(f"/api/v1/reports/statistics/letter?{query}", headers=headers(owner)).status_code == 403


def test_the_description_documents_both_letters(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    request_letter = document["paths"]["/requests/{request_id}/letters/{letter}"]["get"]
    assert request_letter["operationId"] == "requestLetter"
    content = request_letter["responses"]["200"]["content"][letter_files.DOCX_TYPE]
    assert content["schema"] == {"type": "string", "format": "binary"}
    assert "X-Letter-Blanks" in request_letter["responses"]["200"]["headers"]
    statistics = document["paths"]["/reports/statistics/letter"]["get"]
    assert statistics["operationId"] == "statisticsLetter"
    assert {p["name"] for p in statistics["parameters"]} >= {"from", "to", "as_of", "lang", "sender", "kind"}

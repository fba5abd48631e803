"""The treaty register as seeded from public sources: legal bases refused with their reason on the pages, the API
and the import; counts in force; the treaty list's import and export; the requests whose basis no longer fits."""
import csv
import io
from datetime import date
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from tests.factories import category, make_request, make_user, treaty
from tracker import clock
from tracker.domain.deadlines import OFFICE_PRACTICE
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import CalendarDay, DeadlineRule, Request, Treaty
from tracker.services.treaties import in_force_counts
from tracker.services.treaty_register import TREATIES
from tracker.services.users import issue_api_token

EN = {"Accept-Language": "en"}
NEW = {"kind": "mla", "country": "RU", "case_number": "217500031000123", "crime_category": "fraud"}


def _api(user):
    headers = {"Authorization": f"Bearer {issue_api_token(user)}", **EN}
    db.session.commit()
    return headers


@pytest.mark.parametrize("sent_on,accepted,refused,why", [
    ("2021-06-01", "minsk-1993", "chisinau-2002", "applies between Kazakhstan and Russia only from 28.06.2023"),
    ("2024-06-01", "chisinau-2002", "minsk-1993",
     "Between Kazakhstan and Russia, Minsk Convention 1993 is replaced by Chisinau Convention 2002 from 28.06.2023"),
])
def test_a_russia_request_takes_the_convention_in_force_between_the_two_on_its_sending_day(
        client, sent_on, accepted, refused, why):
    headers = _api(make_user())
    ok = client.post("/api/v1/requests", headers=headers,
                     json={**NEW, "reference": f"T-{sent_on}", "treaty": accepted, "sent_on": sent_on})
    assert ok.status_code == 201, ok.json
    bad = client.post("/api/v1/requests", headers=headers,
                      json={**NEW, "reference": f"U-{sent_on}", "treaty": refused, "sent_on": sent_on})
    assert bad.status_code == 422 and why in bad.json["errors"]["treaty"], bad.json
    listed = client.get(f"/api/v1/treaties?country=RU&kind=mla&on={sent_on}", headers=headers).json
    codes = [t["code"] for t in listed]
    assert accepted in codes and refused not in codes


def test_montevideo_takes_mexico_and_refuses_germany_and_an_mla_treaty_refuses_extradition(client):
    headers = _api(make_user())
    extradition = {**NEW, "kind": "extradition", "treaty": "montevideo-1933", "sent_on": "2025-05-05",
                   "person": {"name": "Ким Олег"}}
    assert client.post("/api/v1/requests", headers=headers,
                       json={**extradition, "reference": "MV-1", "country": "MX"}).status_code == 201
    germany = client.post("/api/v1/requests", headers=headers,
                          json={**extradition, "reference": "MV-2", "country": "DE"})
    assert germany.status_code == 422 and "Germany is not a party" in germany.json["errors"]["treaty"]
    india = client.post("/api/v1/requests", headers=headers,
                        json={**extradition, "reference": "IN-1", "country": "IN", "treaty": "kz-in-mla-1999"})
    assert india.status_code == 422 and "does not cover requests of this kind" in india.json["errors"]["treaty"]


def test_the_request_form_names_why_a_treaty_is_refused(client, auth):
    owner = make_user()
    auth.login(owner)
    page = client.post("/requests/new/mla", headers=EN, data={
        "reference": "F-1", "country_code": "RU", "treaty_id": str(treaty("chisinau-2002").id),
        "case_number": "217500031000123", "crime_category_id": category().id,
        "sent_on": "2021-06-01"}).get_data(as_text=True)
    assert "applies between Kazakhstan and Russia only from 28.06.2023" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0


def test_the_count_of_treaties_in_force_on_a_date_matches_the_seeded_rows(client, auth):
    day = date(2026, 1, 1)
    expected = sum(1 for row in TREATIES if "mla" in row["scope"] and row["status"] == "in_force"
                   and (row["in_force_on"] is None or row["in_force_on"] <= day))
    assert in_force_counts(day)[next(s for s in in_force_counts(day) if s.value == "mla")] == expected
    auth.login(make_user(Role.ADMIN))
    page = client.get("/admin/treaties?on=2026-01-01", headers=EN).get_data(as_text=True)
    assert f"Legal assistance: <strong>{expected}</strong>" in page


def test_every_seeded_treaty_names_its_source_and_every_rule_its_source_or_office_practice():
    treaties = db.session.scalars(sa.select(Treaty)).all()
    assert len(treaties) == len(TREATIES) and all(t.source for t in treaties)
    assert not any(t.confirmed for t in treaties)  # public knowledge until the office confirms each
    rules = db.session.scalars(sa.select(DeadlineRule)).all()
    assert rules and all(r.source for r in rules)
    practice = [r for r in rules if r.source == OFFICE_PRACTICE]
    assert practice and all(r.moves_to_working_day for r in practice)
    arrest = next(r for r in rules if r.code.value == "arrest_limit")
    assert "ст. 62 п. 1" in arrest.source and "art. 62(1)" in arrest.source_en and arrest.source_kk
    assert db.session.get(CalendarDay, date(2026, 3, 25)).working is False
    # The seed's own file is in the treaty list's import format: an office could load it as it stands.
    from tracker.formats.imports import read_table
    from tracker.services.treaty_import import import_treaties
    from tracker.services.treaty_register import SOURCE_FILE

    headings, rows = read_table(SOURCE_FILE.name, SOURCE_FILE.read_bytes())
    report = import_treaties(headings, rows, today=date(2026, 12, 1))
    assert report.problems == [] and len(report.updated) == len(TREATIES)
    db.session.rollback()


def test_the_treaty_list_exports_and_imports_back_unchanged_and_a_bad_row_refuses_the_file(client, auth):
    auth.login(make_user(Role.ADMIN))
    exported = client.get("/admin/treaties/export?format=csv").get_data()
    before = _treaties()
    response = client.post("/admin/treaties/import", headers=EN, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(exported), "treaties.csv")})
    assert "Treaties added: 0; updated: 67." in response.get_data(as_text=True)
    assert _treaties() == before
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    rows[3][rows[0].index("parties")] = "ZZ:2020-01-01"
    rows[5][rows[0].index("scope")] = "mla;piracy"
    rows[6][rows[0].index("code")] = "new-treaty"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    refused = client.post("/admin/treaties/import", headers=EN, content_type="multipart/form-data",
                          data={"file": (io.BytesIO(buffer.getvalue().encode()), "treaties.csv")})
    page = refused.get_data(as_text=True)
    assert "Nothing was imported: 2 problems to correct." in page
    assert "No country has this code." in page and "Expected one or more of" in page
    assert _treaties() == before and db.session.scalar(sa.select(Treaty).where(Treaty.code == "new-treaty")) is None


def _treaties():
    db.session.rollback()
    return {t.code: (t.short_name, t.title_ru, tuple(s.value for s in t.scope), t.status, t.signed_on, t.in_force_on,
                     t.arrest_limit_days, t.arrest_limit_months, t.source, t.notes, t.confirmed,
                     tuple((p.country_code, p.applies_from, p.applies_until) for p in t.party_terms),
                     tuple(s.code for s in t.supersedes))
            for t in db.session.scalars(sa.select(Treaty))}


def test_a_request_whose_treaty_no_longer_fits_keeps_it_and_is_listed_for_the_administrators(client, auth):
    owner = make_user()
    minsk = treaty("minsk-1993")
    request = make_request(owner, reference="OLD-1", country_code="RU", treaty_id=minsk.id,
                           sent_on=date(2023, 1, 10))
    make_request(owner, reference="OK-1", country_code="RU", treaty_id=minsk.id, sent_on=date(2022, 1, 10))
    db.session.execute(sa.update(Request).where(Request.id == request.id).values(sent_on=date(2024, 2, 1)))
    db.session.commit()
    auth.login(make_user(Role.ADMIN))
    page = client.get("/admin/treaties/misfits", headers=EN).get_data(as_text=True)
    assert "OLD-1" in page and "OK-1" not in page and "1 request." in page
    assert "is replaced by Chisinau Convention 2002" in page
    assert db.session.get(Request, request.id).treaty_id == minsk.id
    auth.logout()
    auth.login(owner)
    edited = client.post(f"/requests/{request.id}/edit", headers=EN, data={
        "reference": "OLD-1", "country_code": "RU", "treaty_id": str(minsk.id), "case_number": request.case_number,
        "crime_category_id": request.crime_category_id, "summary": "Уточнено", "version": request.version})
    assert edited.status_code == 302  # the basis it was registered on is kept when other fields change


def test_a_deadline_on_a_non_working_day_is_marked_and_office_practice_moves(client):
    owner = make_user()
    # Sent so that the follow-up (30 days) falls on 24.03.2026, a moved Nauryz day off.
    request = make_request(owner, reference="NAURYZ", sent_on=date(2026, 2, 22))
    deadlines = client.get(f"/api/v1/requests/{request.id}", headers=_api(owner)).json["deadlines"]
    follow_up = next(d for d in deadlines if d["code"] == "follow_up")
    assert (follow_up["due_on"], follow_up["moved_from"]) == ("2026-03-26", "2026-03-24")


def test_almaty_is_utc_plus_5_from_2_march_2024():
    from datetime import datetime

    assert datetime(2024, 3, 2, 12, tzinfo=ZoneInfo("Asia/Almaty")).utcoffset().total_seconds() == 5 * 3600
    assert clock.ALMATY.utcoffset(datetime(2024, 3, 2, 12)).total_seconds() == 5 * 3600


def test_the_api_describes_each_treaty_with_its_parties_dates_precedence_and_sources(client):
    headers = _api(make_user())
    treaties = {t["code"]: t for t in client.get("/api/v1/treaties", headers=headers).json}
    assert len(treaties) == len(TREATIES)
    chisinau = treaties["chisinau-2002"]
    assert chisinau["scope"] == ["mla", "extradition", "transfer", "sentenced_persons"]
    assert chisinau["supersedes"] == ["minsk-1993"] and chisinau["status"] == "in_force"
    assert {"country": "RU", "from": "2023-06-28", "until": None} in chisinau["parties"]
    assert chisinau["source"] and chisinau["confirmed"] is False and chisinau["titles"]["kk"]
    montevideo = treaties["montevideo-1933"]
    assert (montevideo["arrest_limit_months"], montevideo["arrest_counts_from"]) == (2, "notification")
    half = client.get("/api/v1/treaties?country=RU", headers=headers)
    assert half.status_code == 422 and "country" in half.json["errors"]


def test_a_digest_line_names_the_legal_source_and_a_non_working_last_day(app):
    from datetime import timedelta

    from tracker.mail.digests import render_digest
    from tracker.services.digests import prosecutor_digests

    owner = make_user()
    today = date(2026, 3, 20)
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-NAURYZ", sent_on=None,
                 detained_on=today - timedelta(days=35))  # the last day, 24.03.2026, is a Nauryz day off
    digest = prosecutor_digests([owner.id], today)[owner.id]
    _subject, text, html = render_digest(owner, digest, today)
    assert "ВЫД-NAURYZ" in text and "24.03.2026 (non-working day)" in text
    assert "art. 62(1)" in text and "art. 62(1)" in html

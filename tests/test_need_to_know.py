"""Need to know: each role sees the requests of its units (tracker/domain/access.py), on every route, in every
list, report, digest, alert and import, and the administrator never sees who is sought."""
import io
import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.factories import EVERYTHING, PASSWORD, make_finished_job, make_request, make_unit, make_user, move_to
from tests.test_imports import csv_bytes, mla_row
from tests.test_security import EXPECTED, answer, answered_as, routes
from tracker import clock
from tracker.domain.access import MASK, access_for
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.jobs import tasks as jobs
from tracker.models import ApiToken, CrimeCategory, DeadlineRule, Treaty, Unit
from tracker.services import reports
from tracker.services.access import access_of
from tracker.services.digests import supervisor_digest
from tracker.services.errors import FieldErrors
from tracker.services.requests import reassign
from tracker.services.users import issue_api_token
from tracker.services.attachments import add_attachment
from tracker.services.webhooks import EVENTS, create_webhook

TODAY = clock.today_local()
SOUGHT = "Искомов Тайный"
COLUMNS = {"anonymous": 0, "owner": 1, "other": 2, "supervisor": 3, "admin": 4}


@pytest.fixture
def office():
    """Two units: economic crimes (prosecutor `econ`, supervisor `econ_head`) and the default unit (prosecutor
    `general`, supervisor `chief`), a supervisor `both` heading the economic unit from the default one, the central
    authority and the administrator; one extradition request of each prosecutor."""
    people = {name: make_user(role, name=name.title()) for name, role in (
        ("econ", Role.PROSECUTOR), ("econ_head", Role.SUPERVISOR), ("general", Role.PROSECUTOR),
        ("chief", Role.SUPERVISOR), ("both", Role.SUPERVISOR), ("central", Role.CENTRAL), ("admin", Role.ADMIN))}
    economic = make_unit("Экономические преступления", heads=[people["both"]])
    for name in ("econ", "econ_head"):
        move_to(people[name], economic)
    people["econ_request"] = make_request(people["econ"], Kind.EXTRADITION, reference="ЭК-1", person_name=SOUGHT, detained_on=None,
                                          country_code="KG")
    people["general_request"] = make_request(people["general"], Kind.EXTRADITION, reference="ОБ-1", detained_on=None,
                                             country_code="RU")
    return people


def _sees(client, user, request) -> int:
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client.get(f"/requests/{request.id}").status_code


def test_the_policy_in_one_place():
    prosecutor = access_for(Role.PROSECUTOR, 7, 1, headed_unit_ids=(2,))
    assert prosecutor.units == {1} and prosecutor.sees(7, 3) and prosecutor.sees(8, 1) and not prosecutor.sees(8, 2)
    supervisor = access_for(Role.SUPERVISOR, 9, 1, headed_unit_ids=(2,))
    assert supervisor.sees(8, 2) and supervisor.sees(8, 1) and not supervisor.sees(8, 3)
    assert access_for(Role.CENTRAL, 10, 1).everything and access_for(Role.CENTRAL, 10, 1).personal_data
    admin = access_for(Role.ADMIN, 11, 1)
    assert admin.everything and not admin.personal_data
    assert admin.shown("person_name", SOUGHT) == MASK and admin.shown("reference", "ЭК-1") == "ЭК-1"
    assert admin.shown("person_birth_date", None) is None


def test_who_opens_which_request(client, office):
    expected = {"econ": (200, 404), "econ_head": (200, 404), "general": (404, 200), "chief": (404, 200),
                "both": (200, 200), "central": (200, 200), "admin": (200, 200)}
    found = {name: (_sees(client, office[name], office["econ_request"]),
                    _sees(client, office[name], office["general_request"])) for name in expected}
    assert found == expected


def test_the_list_the_export_and_the_api_list_hold_only_visible_requests(client, auth, office):
    auth.login(office["econ"])
    page = client.get("/requests").get_data(as_text=True)
    assert "ЭК-1" in page and "ОБ-1" not in page
    export = client.get("/requests/export?format=csv").get_data(as_text=True)
    assert "ЭК-1" in export and "ОБ-1" not in export
    token = issue_api_token(office["general"])
    db.session.commit()
    listed = client.get("/api/v1/requests", headers={"Authorization": f"Bearer {token}"}).json
    assert [item["reference"] for item in listed["items"]] == ["ОБ-1"]
    assert client.get(f"/api/v1/requests/{office['econ_request'].id}",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 404


def test_reports_and_digests_count_the_units_a_supervisor_heads(office):
    def pending(user):
        report = reports.pending_by_country(TODAY, TODAY, reports.ReportFilters(access=access_of(user)))
        return {row.country_code: row.total for row in report.rows}
    assert pending(office["econ_head"]) == {"KG": 1}
    assert pending(office["chief"]) == {"RU": 1}
    assert pending(office["both"]) == pending(office["central"]) == pending(office["admin"]) == {"KG": 1, "RU": 1}
    assert {row.country_code: row.total for row in reports.pending_by_country(TODAY, TODAY, EVERYTHING).rows} \
        == {"KG": 1, "RU": 1}
    digest = supervisor_digest(TODAY, access_of(office["econ_head"]))
    assert [row.key for row in digest.by_country] == ["KG"]
    assert [row.key for row in digest.by_prosecutor] == ["Econ"]


def test_a_supervisor_assigns_only_within_the_units_they_head(office):
    request = office["econ_request"]
    with pytest.raises(FieldErrors) as refused:
        reassign(office["econ_head"], request, office["general"], note="", expected_version=request.version,
                 now=clock.now())
    assert refused.value.errors == {"owner_id": "not_assignable"}
    reassign(office["central"], request, office["general"], note="", expected_version=request.version,
             now=clock.now())
    db.session.commit()
    assert request.owner_id == office["general"].id


def test_custody_alerts_go_to_the_supervisors_who_see_the_request(app, office, smtp_server):
    make_request(office["econ"], Kind.EXTRADITION, reference="ЭК-СРОК", sent_on=None,
                 detained_on=TODAY - timedelta(days=29), person_name=SOUGHT)
    jobs.send_alerts(app, today=TODAY)
    recipients = {address for addresses, _message in smtp_server.inbox.messages for address in addresses}
    assert recipients == {office[name].email for name in ("econ", "econ_head", "both", "central")}


def test_an_import_cannot_give_a_request_to_someone_outside_the_importers_units(client, auth, office):
    auth.login(office["econ_head"])

    def check(owner):
        data = csv_bytes([mla_row("ИМ-1", owner)])
        return client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), "check": "1"},
                           content_type="multipart/form-data").get_data(as_text=True)
    assert "nothing was written" in check(office["econ"])
    refused = check(office["general"])
    assert "Nothing was imported" in refused and "owner" in refused


def test_every_route_answers_the_new_roles_and_outsiders_as_need_to_know_says(app, office):
    """The route walk for the central authority (a supervisor's answers everywhere), a prosecutor and a
    supervisor of another unit (404 on every route of a request they do not see, their role's answers
    elsewhere), and the administrator (no personal data in any answer)."""
    owner, request = office["econ"], office["econ_request"]
    ids = {"request_id": request.id, "user_id": owner.id, "code": "RU", "kind": "mla",
           "unit_id": db.session.scalar(sa.select(Unit.id)),
           "treaty_id": db.session.scalar(sa.select(Treaty.id)),
           "category_id": db.session.scalar(sa.select(CrimeCategory.id)),
           "rule_id": db.session.scalar(sa.select(DeadlineRule.id))}
    walkers = {"central": (office["central"], "supervisor"), "outsider": (office["general"], "other"),
               "outside supervisor": (office["chief"], "supervisor"), "admin": (office["admin"], "admin")}
    tokens = {name: issue_api_token(user) for name, (user, _) in walkers.items()}
    ids["webhook_id"] = create_webhook(office["admin"], "https://receiver.example/hook", EVENTS, now=clock.now()).id
    issue_api_token(owner, "spare")
    ids["token_id"] = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == owner.id))
    # A document named after the person sought: the administrator must not read its name either.
    ids["attachment_id"] = add_attachment(owner, request, filename=f"{SOUGHT}.pdf", content=b"%PDF-1.7\n%%EOF\n",
                                          kind="reply", note=SOUGHT, now=clock.now()).id
    ids |= {"letter": "request", "language": "kk", "secret": "unknown", "job_id": make_finished_job(owner).id}
    db.session.commit()
    wrong = []
    for rule, method in routes(app):
        url = rule.build({name: ids[name] for name in rule.arguments if name in ids})[1]
        for name, (user, column) in walkers.items():
            expected = EXPECTED[(rule.rule, method)][COLUMNS[column]]
            # A request the walker does not see does not exist for them (404); a route their role may not use
            # at all may refuse first (403).
            outside = (bool({"request_id", "attachment_id"} & set(rule.arguments))
                       and name in ("outsider", "outside supervisor"))
            if outside:
                expected = (403, 404) if expected == 403 else (404,)
            response = answer(app, url, method, user, tokens[name])
            if not answered_as(response, expected):
                wrong.append((method, url, name, expected, response.status_code))
            body = (json.dumps(response.json, ensure_ascii=False) if response.is_json
                    else response.get_data().decode("utf-8", "replace"))  # a document or a letter is not text
            if name == "admin" and SOUGHT in body:
                wrong.append((method, url, name, "shows the person sought"))
    assert wrong == [], "\n".join(map(str, wrong))


def test_the_default_unit_keeps_a_single_office_as_it_was(client, auth):
    first, second = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    boss = make_user(Role.SUPERVISOR)
    request = make_request(first, Kind.MLA, sent_on=date(2026, 9, 1))
    assert first.unit_id == second.unit_id == boss.unit_id
    assert _sees(client, second, request) == 200 and _sees(client, boss, request) == 200


def test_whoever_sees_every_unit_of_the_office_needs_no_narrowing():
    assert access_for(Role.PROSECUTOR, 1, 5, office_unit_ids=[5]).everything
    assert not access_for(Role.PROSECUTOR, 1, 5, office_unit_ids=[5, 6]).everything
    assert access_for(Role.SUPERVISOR, 2, 5, headed_unit_ids=[6], office_unit_ids=[5, 6]).everything


def test_who_may_be_made_responsible_is_one_rule():
    supervisor = access_for(Role.SUPERVISOR, 2, 5)
    assert supervisor.may_assign(Role.PROSECUTOR, True, 7, 5)
    assert not supervisor.may_assign(Role.PROSECUTOR, True, 7, 6)  # a unit the supervisor does not see
    assert not supervisor.may_assign(Role.PROSECUTOR, False, 7, 5)  # deactivated
    assert not supervisor.may_assign(Role.ADMIN, True, 7, 5)
    assert access_for(Role.CENTRAL, 3, 5).may_assign(Role.CENTRAL, True, 3, 9)

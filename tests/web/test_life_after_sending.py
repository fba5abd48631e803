"""The life of a request after it is sent, as prosecutors, supervisors and other systems record it."""
from datetime import timedelta

import sqlalchemy as sa

from tests.factories import SYSTEM, make_request, make_user, working_day
from tracker import clock
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.models import Request
from tracker.services.digests import prosecutor_digests, supervisor_digest
from tracker.services.requests import change_status
from tracker.services.users import issue_api_token

EN = {"Accept-Language": "en"}
TODAY = clock.today_local()


def _reload(request_id):
    db.session.rollback()
    return db.session.get(Request, request_id)


def _day(detained_on, number):
    """Day `number` of custody, the day of detention being day 1."""
    return detained_on + timedelta(days=number - 1)


def _api(user):
    """The user's API headers. These tests follow a request's life, not concurrent changes: each change is made
    to whatever version is current (If-Match: *), which tests/web/test_api.py's concurrency tests do not do."""
    headers = {"Authorization": f"Bearer {issue_api_token(user)}", "If-Match": "*", **EN}
    db.session.commit()
    return headers


def test_sent_on_day_35_without_receipt_is_critical_from_day_41_and_tops_the_digest_until_receipt(client):
    owner = make_user()
    detained = TODAY - timedelta(days=40)  # today is day 41
    request = make_request(owner, Kind.EXTRADITION, reference="ВЫД-35", sent_on=_day(detained, 35),
                           detained_on=detained)
    assert request.critical and request.release_due_on == _day(detained, 40) == TODAY - timedelta(days=1)
    digest = prosecutor_digests([owner.id], TODAY)[owner.id]
    assert [item.reference for item in digest.critical.items] == ["ВЫД-35"]
    assert digest.critical.items[0].days == 1  # one day past the last day
    assert [item.reference for item in supervisor_digest(TODAY, SYSTEM).critical.items] == ["ВЫД-35"]
    headers = _api(owner)
    body = client.get(f"/api/v1/requests/{request.id}", headers=headers).json
    assert body["critical"] is True and body["deadlines"][0]["code"] == "release"
    assert body["deadlines"][0]["days_left"] == -1
    received = client.post(f"/api/v1/requests/{request.id}/events", headers=headers, json={
        "event": "received_abroad", "on": _day(detained, 38).isoformat(), "note": "Нота МИД", "reference": "12/345"})
    assert received.status_code == 201, received.json
    assert received.json["critical"] is False and received.json["received_abroad_on"] == _day(detained, 38).isoformat()
    assert "release" not in [d["code"] for d in received.json["deadlines"]]
    db.session.rollback()  # the test's own reads started before the API's write
    assert prosecutor_digests([owner.id], TODAY)[owner.id].critical.total == 0


def test_receipt_recorded_after_the_last_day_leaves_the_request_critical(client):
    owner = make_user()
    detained = TODAY - timedelta(days=44)
    request = make_request(owner, Kind.EXTRADITION, sent_on=_day(detained, 35), detained_on=detained)
    headers = _api(owner)
    late = client.post(f"/api/v1/requests/{request.id}/events", headers=headers,
                       json={"event": "received_abroad", "on": _day(detained, 42).isoformat()})
    assert late.status_code == 201 and late.json["critical"] is True


def test_only_a_supervisor_moves_a_release_deadline_and_only_with_the_foreign_decision(client):
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR)
    detained = TODAY - timedelta(days=41)
    request = make_request(owner, Kind.EXTRADITION, sent_on=_day(detained, 30), detained_on=detained)
    extension = {"deadline": "release", "new_due_on": (TODAY + timedelta(days=20)).isoformat(),
                 "reason": "Суд продлил срок содержания под стражей"}
    refused = client.post(f"/api/v1/requests/{request.id}/extensions", headers=_api(owner), json=extension)
    assert refused.status_code == 403
    boss = _api(supervisor)
    no_decision = client.post(f"/api/v1/requests/{request.id}/extensions", headers=boss, json=extension)
    assert no_decision.status_code == 422 and "foreign_decision" in no_decision.json["errors"]
    assert _reload(request.id).critical
    decision = "Бишкекский городской суд, постановление № 1-234/26 от 25.11.2026"
    moved = client.post(f"/api/v1/requests/{request.id}/extensions", headers=boss,
                        json={**extension, "foreign_decision": decision})
    assert moved.status_code == 201, moved.json
    release = next(d for d in moved.json["deadlines"] if d["code"] == "release")
    assert moved.json["critical"] is False and release["due_on"] == extension["new_due_on"]
    entry = _reload(request.id).events[-1]
    assert (entry.event, entry.deadline, entry.foreign_decision) == (EventType.DEADLINE_EXTENDED, DeadlineCode.RELEASE,
                                                                     decision)
    history = client.get(f"/api/v1/requests/{request.id}/history", headers=boss).json["items"]
    assert history[-1]["foreign_decision"] == decision


def test_a_prosecutor_is_not_offered_the_release_deadline_to_extend_on_the_page(client, auth):
    owner = make_user()
    detained = TODAY - timedelta(days=10)
    request = make_request(owner, Kind.EXTRADITION, sent_on=_day(detained, 5), detained_on=detained)
    auth.login(owner)
    page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
    extend = page[page.index('id="extend-heading"'):page.index("</form>", page.index('id="extend-heading"'))]
    assert 'value="release"' not in extend and 'value="follow_up"' in extend
    forced = client.post(f"/requests/{request.id}/extend", headers=EN, follow_redirects=True, data={
        "deadline": "release", "new_due_on": (TODAY + timedelta(days=60)).isoformat(), "reason": "x",
        "version": request.version})
    assert "Not a valid choice" in forced.get_data(as_text=True)
    assert _reload(request.id).release_due_on == _day(detained, 40)


def test_a_sent_extradition_request_is_chased_then_granted_surrendered_and_the_outcome_notified(client):
    owner = make_user()
    detained = TODAY - timedelta(days=100)
    request = make_request(owner, Kind.EXTRADITION, sent_on=_day(detained, 20), detained_on=detained)
    headers = _api(owner)
    client.post(f"/api/v1/requests/{request.id}/events", headers=headers,
                json={"event": "extradition_arrest", "on": _day(detained, 25).isoformat()})
    chased = client.get(f"/api/v1/requests/{request.id}", headers=headers).json
    assert [d["code"] for d in chased["deadlines"]] == ["follow_up", "reminder"]
    granted_on = TODAY - timedelta(days=3)
    granted = client.post(f"/api/v1/requests/{request.id}/transitions", headers=headers,
                          json={"to": "granted", "on": granted_on.isoformat(), "note": "Выдача частично: по ст. 190"})
    assert [(d["code"], d["due_on"], d["rule"]) for d in granted.json["deadlines"]] == [
        ("surrender", (granted_on + timedelta(days=15)).isoformat(), "surrender_window")]
    surrendered = client.post(f"/api/v1/requests/{request.id}/transitions", headers=headers,
                              json={"to": "extradited", "on": TODAY.isoformat()})
    assert surrendered.json["surrendered_on"] == TODAY.isoformat()
    assert surrendered.json["custody_days_abroad"] == 101  # detention and surrender days both counted
    assert [d["code"] for d in surrendered.json["deadlines"]] == ["outcome_notice"]
    notified = client.post(f"/api/v1/requests/{request.id}/events", headers=headers,
                           json={"event": "outcome_notified", "note": "Письмо № 2-15/99"})
    assert notified.status_code == 201 and notified.json["deadlines"] == []


def test_a_grant_overturned_on_appeal_is_recorded_as_a_refusal_and_surrender_can_be_postponed(client):
    owner = make_user()
    first = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=60), detained_on=None,
                         statuses=[(Status.GRANTED, TODAY - timedelta(days=10))])
    headers = _api(owner)
    appeal = client.post(f"/api/v1/requests/{first.id}/transitions", headers=headers,
                         json={"to": "refused", "ground": "asylum", "on": TODAY.isoformat()})
    assert appeal.status_code == 200 and appeal.json["status"] == "refused"
    db.session.rollback()  # the test's own reads started before the API's write
    second = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=60), detained_on=None,
                          statuses=[(Status.GRANTED, TODAY - timedelta(days=10))])
    postponed = client.post(f"/api/v1/requests/{second.id}/transitions", headers=headers,
                            json={"to": "surrender_postponed", "on": TODAY.isoformat(),
                                  "note": "До окончания судебного разбирательства в запрашиваемом государстве"})
    assert postponed.json["status"] == "surrender_postponed" and postponed.json["deadlines"] == []


def test_supplementary_information_asked_of_an_extradition_request_with_the_term_the_requested_state_set(client):
    owner = make_user()
    request = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=20), detained_on=None)
    # A working day about a week ahead: a term falling on a weekend would be flagged as a non-working day.
    term = working_day(TODAY + timedelta(days=7))
    asked = client.post(f"/api/v1/requests/{request.id}/transitions", headers=_api(owner),
                        json={"to": "supplement_requested", "on": TODAY.isoformat(), "term_on": term.isoformat()})
    assert asked.status_code == 200, asked.json
    assert asked.json["deadlines"] == [{"code": "supplement", "due_on": term.isoformat(), "days_left": (term - TODAY).days,
                                        "rule": "foreign_term", "source": None, "non_working_day": False,
                                        "moved_from": None}]


def test_an_mla_request_returned_for_completion_is_sent_again_and_counted_once(client, auth):
    owner = make_user()
    sent = TODAY - timedelta(days=120)
    request = make_request(owner, sent_on=sent, statuses=[(Status.RETURNED, TODAY - timedelta(days=20))])
    assert request.is_open
    auth.login(owner)
    client.post(f"/requests/{request.id}/status", data={"to": "sent", "effective_on": TODAY.isoformat(),
                                                         "version": request.version})
    again = _reload(request.id)
    assert (again.status, again.sent_on, again.last_sent_on) == (Status.SENT, sent, TODAY)
    assert (again.due_deadline, again.due_on) == (DeadlineCode.FOLLOW_UP, TODAY + timedelta(days=30))
    statuses = [e.to_status for e in again.events if e.event == EventType.STATUS_CHANGED]
    assert statuses == [Status.SENT, Status.RETURNED, Status.SENT]
    page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "sent again on" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 1


def test_several_partial_executions_then_the_rest_refused(client, auth):
    owner = make_user()
    request = make_request(owner, sent_on=TODAY - timedelta(days=90), statuses=[(Status.PENDING, TODAY - timedelta(days=80))])
    auth.login(owner)
    for days_ago, note in ((40, "Допрошен свидетель А."), (10, "Получены банковские выписки")):
        current = _reload(request.id)
        response = client.post(f"/requests/{request.id}/events", headers=EN, follow_redirects=True, data={
            "event": "partial_execution", "on": (TODAY - timedelta(days=days_ago)).isoformat(), "note": note,
            "version": current.version})
        assert "Recorded: Partly executed." in response.get_data(as_text=True)
    current = _reload(request.id)
    assert current.status == Status.PARTIALLY_EXECUTED
    partials = [e for e in current.events if e.event == EventType.PARTIAL_EXECUTION]
    assert [e.note for e in partials] == ["Допрошен свидетель А.", "Получены банковские выписки"]
    client.post(f"/requests/{request.id}/status", data={"to": "refused", "ground": "no_dual_criminality",
                                                         "effective_on": TODAY.isoformat(),
                                                         "version": current.version})
    assert _reload(request.id).status == Status.REFUSED


def test_an_acknowledgement_with_the_foreign_reference_ends_the_follow_up(client):
    owner = make_user()
    request = make_request(owner, sent_on=TODAY - timedelta(days=40))
    assert request.due_deadline == DeadlineCode.FOLLOW_UP and request.overdue
    acknowledged = client.post(f"/api/v1/requests/{request.id}/events", headers=_api(owner), json={
        "event": "acknowledged", "on": (TODAY - timedelta(days=2)).isoformat(), "reference": "DOJ-2026-0042"})
    assert acknowledged.status_code == 201
    assert acknowledged.json["foreign_reference"] == "DOJ-2026-0042"
    assert [d["code"] for d in acknowledged.json["deadlines"]] == ["reminder"]
    again = client.post(f"/api/v1/requests/{request.id}/events", headers=_api(owner),
                        json={"event": "acknowledged", "on": TODAY.isoformat()})
    assert again.status_code == 422 and "already been recorded" in again.json["detail"] + str(again.json["errors"])


def test_bad_events_get_a_clear_answer_and_change_nothing(client, auth):
    owner = make_user()
    request = make_request(owner, sent_on=TODAY - timedelta(days=10))
    headers = _api(owner)
    for body, field in (({"event": "received_abroad"}, "event"), ({"event": "arrived"}, "event"),
                        ({"event": "acknowledged", "on": (TODAY + timedelta(days=1)).isoformat()}, "on"),
                        ({"event": "acknowledged", "reference": "x" * 121}, "reference")):
        response = client.post(f"/api/v1/requests/{request.id}/events", headers=headers, json=body)
        assert response.status_code == 422 and field in response.json["errors"], (body, response.json)
    assert len(_reload(request.id).events) == 2
    auth.login(owner)
    page = client.post(f"/requests/{request.id}/events", headers=EN, follow_redirects=True, data={
        "event": "acknowledged", "on": (TODAY - timedelta(days=20)).isoformat(), "version": request.version})
    assert "earlier than the date the request was sent" in page.get_data(as_text=True)
    assert len(_reload(request.id).events) == 2


def test_a_refused_extradition_of_a_national_offers_a_transfer_of_proceedings_linked_both_ways(client, auth):
    owner = make_user()
    refused = make_request(owner, Kind.EXTRADITION, reference="ВЫД-NAT", country_code="KG",
                           sent_on=TODAY - timedelta(days=50), detained_on=None)
    change_status(owner, refused, Status.REFUSED, effective_on=TODAY, note="", ground=RefusalGround.NATIONAL,
                  expected_version=refused.version, today=TODAY, now=clock.now())
    db.session.commit()
    auth.login(owner)
    page = client.get(f"/requests/{refused.id}", headers=EN).get_data(as_text=True)
    assert "Start a transfer of proceedings" in page
    form = client.get(f"/requests/new/transfer?from={refused.id}", headers=EN).get_data(as_text=True)
    assert "Started from the refused extradition request ВЫД-NAT" in form and refused.case_number in form
    response = client.post("/requests/new/transfer", headers=EN, data={
        "origin_id": refused.id, "reference": "ПУП-1", "country_code": "KG", "authority": "Генпрокуратура КР",
        "treaty_id": "", "case_number": refused.case_number, "crime_category_id": refused.crime_category_id,
        "sent_on": TODAY.isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.rollback()  # the test's own reads started before the page's write
    transfer = db.session.scalar(sa.select(Request).where(Request.reference == "ПУП-1"))
    assert (transfer.kind, transfer.origin_request_id, transfer.status) == (Kind.TRANSFER, refused.id, Status.SENT)
    assert transfer.due_deadline == DeadlineCode.FOLLOW_UP
    assert "ПУП-1" in client.get(f"/requests/{refused.id}", headers=EN).get_data(as_text=True)
    assert "ВЫД-NAT" in client.get(f"/requests/{transfer.id}", headers=EN).get_data(as_text=True)


def test_a_transfer_goes_from_sent_to_accepted_through_the_api(client):
    owner = make_user()
    headers = _api(owner)
    created = client.post("/api/v1/requests", headers=headers, json={
        "reference": "API-T1", "kind": "transfer", "country": "UZ", "case_number": "217500031000999",
        "crime_category": "fraud", "sent_on": (TODAY - timedelta(days=5)).isoformat()})
    assert created.status_code == 201, created.json
    assert created.json["kind"] == "transfer" and created.json["deadlines"][0]["code"] == "follow_up"
    accepted = client.post(f"/api/v1/requests/{created.json['id']}/transitions", headers=headers,
                           json={"to": "accepted", "on": TODAY.isoformat()})
    assert accepted.json["status"] == "accepted" and accepted.json["deadlines"] == []
    listed = client.get("/api/v1/requests?kind=transfer", headers=headers).json
    assert [item["reference"] for item in listed["items"]] == ["API-T1"]


def test_changing_fields_through_the_api_keeps_the_surrender_date_and_the_decision(client):
    owner = make_user()
    request = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=60), detained_on=None,
                           decision="Решение суда о выдаче № 5", statuses=[(Status.GRANTED, TODAY - timedelta(days=9)),
                                                                            (Status.EXTRADITED, TODAY - timedelta(days=2))])
    headers = _api(owner)
    patched = client.patch(f"/api/v1/requests/{request.id}", headers=headers,
                           json={"version": request.version, "summary": "Уточнено"})
    assert patched.status_code == 200, patched.json
    assert patched.json["surrendered_on"] == (TODAY - timedelta(days=2)).isoformat()
    db.session.rollback()
    assert _reload(request.id).decision == "Решение суда о выдаче № 5"

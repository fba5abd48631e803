"""Who may open what (every route, every role), CSRF on every form, login throttling, cookies, headers, audit."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.factories import PASSWORD, make_finished_job, make_request, make_user
from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import (AccountThrottle, ApiToken, AuditEntry, CrimeCategory, DeadlineRule, LoginThrottle, Treaty,
                            User)
from tracker.models.audit import AuditIsAppendOnly
from tracker.services import logins
from tracker.services.attachments import add_attachment
from tracker.services.users import issue_api_token, token_digest
from tracker.services.webhooks import EVENTS, create_webhook

# Expected status per route and method for: anonymous, the request's prosecutor, another prosecutor,
# a supervisor, an administrator. "L" is the redirect to the login page. POSTs go without a body:
# an allowed one answers with the form again, a redirect or a refusal of the empty input, never 403.
L = "L"
EXPECTED = {
    ("/login", "GET"): (200, 302, 302, 302, 302),
    ("/login", "POST"): (200, 302, 302, 302, 302),
    ("/logout", "POST"): (L, 302, 302, 302, 302),
    ("/language", "POST"): (302, 302, 302, 302, 302),
    ("/", "GET"): (L, 200, 200, 302, 200),
    ("/my-work", "GET"): (L, 200, 200, 200, 200),
    ("/account/tokens", "GET"): (L, 200, 200, 200, 200),
    ("/account/tokens", "POST"): (L, 200, 200, 200, 200),  # the empty name is refused on the page
    # The request's prosecutor's spare token: only they revoke it here; to the others it is not found.
    ("/account/tokens/<int:token_id>/revoke", "POST"): (L, 302, 404, 404, 404),
    # The request's prosecutor's finished export: only they see it; to the others it is not found.
    ("/jobs", "GET"): (L, 200, 200, 200, 200),
    ("/jobs/<int:job_id>", "GET"): (L, 200, 404, 404, 404),
    ("/jobs/<int:job_id>/status", "GET"): (L, 200, 404, 404, 404),
    ("/jobs/<int:job_id>/download", "GET"): (L, 200, 404, 404, 404),
    ("/jobs/<int:job_id>/cancel", "POST"): (L, 302, 404, 404, 404),  # ended already: said so on its page
    ("/account/calendar", "GET"): (L, 200, 200, 200, 200),
    ("/account/calendar", "POST"): (L, 200, 200, 200, 200),  # the new address, shown once
    ("/account/calendar/off", "POST"): (L, 302, 302, 302, 302),
    # The feed's secret is its key; an unknown one is not found, whoever asks.
    ("/calendar/<secret>.ics", "GET"): (404, 404, 404, 404, 404),
    # Asked by load balancers, without a login; no scheduler has beat in the test's database.
    ("/healthz", "GET"): (200, 200, 200, 200, 200),
    ("/readyz", "GET"): (503, 503, 503, 503, 503),
    # Prometheus's scrape: not served without METRICS_TOKEN (tests/web/test_observability.py sets one).
    ("/metrics", "GET"): (404, 404, 404, 404, 404),
    ("/digest", "GET"): (L, 200, 200, 200, 403),
    ("/requests", "GET"): (L, 200, 200, 200, 200),
    ("/requests/export", "GET"): (L, 200, 200, 200, 200),
    ("/requests/new", "GET"): (L, 200, 200, 200, 403),
    ("/requests/new/<any(mla, extradition, transfer):kind>", "GET"): (L, 200, 200, 200, 403),
    ("/requests/new/<any(mla, extradition, transfer):kind>", "POST"): (L, 200, 200, 200, 403),
    ("/requests/<int:request_id>", "GET"): (L, 200, 200, 200, 200),
    ("/requests/<int:request_id>/edit", "GET"): (L, 200, 403, 200, 403),
    ("/requests/<int:request_id>/edit", "POST"): (L, 200, 403, 200, 403),
    # A request's action forms, refused for their empty input, show the request's page again with the errors.
    ("/requests/<int:request_id>/status", "POST"): (L, 422, 403, 422, 403),
    ("/requests/<int:request_id>/reassign", "POST"): (L, 403, 403, 422, 403),
    ("/requests/<int:request_id>/extend", "POST"): (L, 422, 403, 422, 403),
    ("/requests/<int:request_id>/reminders", "POST"): (L, 422, 403, 422, 403),
    ("/requests/<int:request_id>/events", "POST"): (L, 422, 403, 422, 403),
    # A request's documents: added by whoever edits it, read by whoever sees its personal data, removed by a
    # supervisor; an empty upload or a removal without its reason is refused on the page.
    ("/requests/<int:request_id>/attachments", "POST"): (L, 422, 403, 422, 403),
    ("/attachments/<int:attachment_id>", "GET"): (L, 200, 200, 200, 403),
    ("/attachments/<int:attachment_id>/remove", "POST"): (L, 403, 403, 422, 403),
    # Letters name the persons sought: not for the administrator.
    ("/requests/<int:request_id>/letters/<letter>", "GET"): (L, 200, 200, 200, 403),
    ("/requests/<int:request_id>/letters/<letter>/file", "GET"): (L, 200, 200, 200, 403),
    ("/requests/<int:request_id>/letters/reminder/sent", "POST"): (L, 422, 403, 422, 403),
    ("/reports/statistics/letter", "GET"): (L, 403, 403, 200, 200),
    ("/reports/pending-by-country", "GET"): (L, 403, 403, 200, 200),
    ("/reports/statistics", "GET"): (L, 403, 403, 200, 200),
    ("/reports/workload", "GET"): (L, 403, 403, 200, 200),
    ("/reports/treaties", "GET"): (L, 403, 403, 200, 200),
    ("/reports/execution-times", "GET"): (L, 403, 403, 200, 200),
    ("/import/requests", "GET"): (L, 403, 403, 200, 200),
    ("/import/requests", "POST"): (L, 403, 403, 200, 200),
    ("/admin/audit", "GET"): (L, 403, 403, 403, 200),
    ("/admin/personal-data-reads", "GET"): (L, 403, 403, 403, 200),
    ("/admin/personal-data-reads/export", "GET"): (L, 403, 403, 403, 200),
    ("/admin/users", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/misfits", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/export", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/import", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/import", "POST"): (L, 403, 403, 403, 200),
    ("/admin/crime-categories", "GET"): (L, 403, 403, 403, 200),
    ("/admin/countries", "GET"): (L, 403, 403, 403, 200),
    ("/admin/deadline-rules", "GET"): (L, 403, 403, 403, 200),
    ("/admin/users/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/users/new", "POST"): (L, 403, 403, 403, 200),
    ("/admin/users/<int:user_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/users/<int:user_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/users/<int:user_id>/tokens/<int:token_id>/revoke", "POST"): (L, 403, 403, 403, 302),
    ("/admin/units", "GET"): (L, 403, 403, 403, 200),
    ("/admin/units/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/units/new", "POST"): (L, 403, 403, 403, 200),
    ("/admin/units/<int:unit_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/units/<int:unit_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/letters", "GET"): (L, 403, 403, 403, 200),
    ("/admin/letters/<letter>/<language>.docx", "GET"): (L, 403, 403, 403, 200),
    ("/admin/letters/<letter>/<language>", "POST"): (L, 403, 403, 403, 422),  # no file chosen
    ("/admin/letters/<letter>/<language>/default", "POST"): (L, 403, 403, 403, 302),
    ("/admin/webhooks", "GET"): (L, 403, 403, 403, 200),
    ("/admin/webhooks/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/webhooks/new", "POST"): (L, 403, 403, 403, 200),  # the empty address is refused on the page
    ("/admin/webhooks/<int:webhook_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/webhooks/<int:webhook_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/webhooks/<int:webhook_id>/secret", "POST"): (L, 403, 403, 403, 200),  # the new secret, shown once
    ("/admin/webhooks/<int:webhook_id>/delete", "POST"): (L, 403, 403, 403, 302),  # walked last of its routes
    ("/admin/treaties/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/new", "POST"): (L, 403, 403, 403, 200),
    ("/admin/treaties/<int:treaty_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/treaties/<int:treaty_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/crime-categories/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/crime-categories/new", "POST"): (L, 403, 403, 403, 200),
    ("/admin/crime-categories/<int:category_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/crime-categories/<int:category_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/countries/<code>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/countries/<code>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/deadline-rules/new", "GET"): (L, 403, 403, 403, 200),
    ("/admin/deadline-rules/new", "POST"): (L, 403, 403, 403, 200),
    ("/admin/deadline-rules/<int:rule_id>", "GET"): (L, 403, 403, 403, 200),
    ("/admin/deadline-rules/<int:rule_id>", "POST"): (L, 403, 403, 403, 302),
    ("/admin/deadline-rules/<int:rule_id>/delete", "POST"): (L, 403, 403, 403, 400),  # a default rule stays
    # The API answers 401 without a token, 403 for a role, 422 for an empty body.
    ("/api/v1/openapi.json", "GET"): (200, 200, 200, 200, 200),  # open to client generators
    ("/api/v1/requests", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/requests", "POST"): (401, 422, 422, 422, 403),
    ("/api/v1/requests/<int:request_id>", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/requests/<int:request_id>", "PATCH"): (401, 428, 403, 428, 403),
    ("/api/v1/requests/<int:request_id>/transitions", "POST"): (401, 428, 403, 428, 403),
    ("/api/v1/requests/<int:request_id>/reminders", "POST"): (401, 428, 403, 428, 403),
    ("/api/v1/requests/<int:request_id>/events", "POST"): (401, 428, 403, 428, 403),
    ("/api/v1/requests/<int:request_id>/extensions", "POST"): (401, 428, 403, 428, 403),
    ("/api/v1/requests/<int:request_id>/history", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/reports/pending-by-country", "GET"): (401, 403, 403, 200, 200),
    ("/api/v1/reports/statistics", "GET"): (401, 403, 403, 422, 422),  # the period is required
    ("/api/v1/reports/statistics/letter", "GET"): (401, 403, 403, 422, 422),  # the period is required
    ("/api/v1/requests/<int:request_id>/attachments", "POST"): (401, 415, 403, 415, 403),  # a JSON body: not a file
    ("/api/v1/requests/<int:request_id>/attachments", "GET"): (401, 200, 200, 200, 200),  # names masked for the admin
    ("/api/v1/attachments/<int:attachment_id>/content", "GET"): (401, 200, 200, 200, 403),
    ("/api/v1/requests/<int:request_id>/letters/<letter>", "GET"): (401, 200, 200, 200, 403),
    ("/api/v1/countries", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/crime-categories", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/me", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/requests/<int:request_id>/reassignments", "POST"): (401, 403, 403, 428, 403),
    ("/api/v1/treaties", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/requests/<int:request_id>/deadlines", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/deadlines", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/reports/workload", "GET"): (401, 403, 403, 200, 200),
    ("/api/v1/reports/treaties", "GET"): (401, 403, 403, 200, 200),
    ("/api/v1/reports/execution-times", "GET"): (401, 403, 403, 200, 200),
    ("/api/v1/requests/export", "GET"): (401, 200, 200, 200, 200),
    ("/api/v1/imports/requests", "POST"): (401, 403, 403, 415, 415),  # a JSON body: the file goes as multipart
    ("/api/v1/audit", "GET"): (401, 403, 403, 403, 200),
}
SKIPPED = {"static", "bootstrap.static"}


def routes(app):
    """(rule, method, endpoint) of every route the app serves."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def answer(app, url, method, who, token):
    """What `url` answers `who` (None: an anonymous visitor): the API by `token`, a page after logging in; bodies
    empty."""
    client = app.test_client()
    headers = {"Accept-Language": "en"}
    api = url.startswith("/api/")
    if who is not None and api:
        headers["Authorization"] = f"Bearer {token}"
    elif who is not None:
        assert client.post("/login", data={"email": who.email, "password": PASSWORD}).status_code == 302
    return client.open(url, method=method, headers=headers, json={} if api and method != "GET" else None)


def answered_as(response, expected) -> bool:
    """Whether `response` is the expected status, one of several (a tuple), or the redirect to login (L)."""
    if expected == L:
        return response.status_code == 302 and "/login" in response.headers["Location"]
    return response.status_code in expected if isinstance(expected, tuple) else response.status_code == expected


def test_every_route_has_an_expected_answer_for_every_role(app):
    served = {(rule.rule, method) for rule, method in routes(app)}
    assert served == set(EXPECTED), "a route was added or removed: give it its expected answers here"


def test_every_route_answers_each_role_as_expected(app):
    owner, other = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    supervisor, admin = make_user(Role.SUPERVISOR), make_user(Role.ADMIN)
    request = make_request(owner)
    ids = {"request_id": request.id, "user_id": owner.id, "code": "RU", "kind": "mla", "unit_id": owner.unit_id,
           "treaty_id": db.session.scalar(sa.select(Treaty.id)), "category_id": db.session.scalar(sa.select(CrimeCategory.id)),
           "rule_id": db.session.scalar(sa.select(DeadlineRule.id))}
    tokens = {user.id: issue_api_token(user) for user in (owner, other, supervisor, admin)}
    spare = issue_api_token(owner, "Spare")
    db.session.commit()
    ids["token_id"] = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.digest == token_digest(spare)))
    ids["webhook_id"] = create_webhook(admin, "https://receiver.example/hook", EVENTS, now=clock.now()).id
    ids["attachment_id"] = add_attachment(owner, request, filename="reply.pdf", content=b"%PDF-1.7\n%%EOF\n",
                                          kind="reply", now=clock.now()).id
    ids |= {"letter": "request", "language": "kk", "secret": "unknown", "job_id": make_finished_job(owner).id}
    db.session.commit()
    wrong = []
    for rule, method in routes(app):
        url = rule.build({name: ids[name] for name in rule.arguments})[1]
        for who, expected in zip((None, owner, other, supervisor, admin), EXPECTED[(rule.rule, method)], strict=True):
            response = answer(app, url, method, who, tokens.get(who.id) if who else None)
            got = response.status_code
            if not answered_as(response, expected):
                wrong.append((method, url, who.role.value if who else "anonymous", expected, got))
    assert wrong == [], "\n".join(map(str, wrong))


def test_every_form_refuses_a_post_without_its_csrf_token(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    admin = make_user(Role.ADMIN)
    owner = make_user(Role.PROSECUTOR)
    request = make_request(owner)
    client = app.test_client()
    login = client.post("/login", data={"email": admin.email, "password": PASSWORD}, headers={"Accept-Language": "en"})
    assert login.status_code == 400  # the login form itself needs its token
    refused = []
    for rule, method in routes(app):
        if method != "POST" or rule.rule.startswith("/api/"):
            continue
        url = rule.build({"request_id": request.id, "user_id": owner.id, "code": "RU", "kind": "mla", "treaty_id": 1,
                          "category_id": 1, "rule_id": 1, "unit_id": owner.unit_id, "token_id": 1,
                          "webhook_id": 1, "attachment_id": 1, "letter": "request", "language": "kk",
                          "secret": "unknown", "job_id": 1})[1]
        response = client.post(url, data={"reference": "X"}, headers={"Accept-Language": "en"})
        if response.status_code != 400 or "The form has expired" not in response.get_data(as_text=True):
            refused.append((url, response.status_code))
    assert refused == [], refused
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2


def test_the_api_needs_no_csrf_token(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    prosecutor = make_user(Role.PROSECUTOR)
    token = issue_api_token(prosecutor)
    db.session.commit()
    body = {"reference": "API-1", "kind": "mla", "country": "RU", "case_number": "217500031000001",
            "crime_category": "fraud", "sent_on": None}
    response = client.post("/api/v1/requests", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201 and "Set-Cookie" not in response.headers


def test_an_account_is_locked_after_five_wrong_passwords_even_with_the_right_one(client):
    user = make_user(Role.PROSECUTOR)
    for _ in range(logins.ACCOUNT_LIMIT):
        assert client.post("/login", data={"email": user.email, "password": "wrong"}).status_code == 200
    locked = client.post("/login", data={"email": user.email, "password": PASSWORD}, headers={"Accept-Language": "en"})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert "Too many failed logins. Try again in 15 minutes." in locked.get_data(as_text=True)
    db.session.rollback()
    stored = db.session.get(AccountThrottle, logins.email_digest(user.email))
    assert stored.locked_until is not None  # in the database: every worker sees it


def test_the_lockout_ends_and_a_good_login_clears_the_count(app):
    user = make_user(Role.PROSECUTOR)
    start = clock.now()
    for _ in range(logins.ACCOUNT_LIMIT):
        logins.attempt_login(user.email, "wrong", "10.0.0.1", start)
    assert logins.attempt_login(user.email, PASSWORD, "10.0.0.1", start).retry_after is not None
    later = start + logins.ACCOUNT_LOCK + timedelta(seconds=1)
    assert logins.attempt_login(user.email, PASSWORD, "10.0.0.1", later).user.id == user.id
    db.session.commit()
    assert db.session.get(AccountThrottle, logins.email_digest(user.email)) is None


def test_one_address_trying_many_accounts_is_blocked(app):
    start = clock.now()
    victim = make_user(Role.SUPERVISOR)
    for number in range(logins.ADDRESS_LIMIT):
        logins.attempt_login(f"guess{number}@prokuror.example", "wrong", "10.9.9.9", start)
    assert logins.attempt_login(victim.email, PASSWORD, "10.9.9.9", start).retry_after is not None
    assert logins.attempt_login(victim.email, PASSWORD, "10.1.1.1", start).user is not None  # others still log in
    db.session.commit()
    assert db.session.get(LoginThrottle, "10.9.9.9").blocked_until is not None


def test_cookies_and_security_headers(app, client, monkeypatch):
    user = make_user(Role.PROSECUTOR)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/requests")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert "<script>" not in page.get_data(as_text=True) and " onclick=" not in page.get_data(as_text=True)
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    secure = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    assert "Secure" in secure.headers["Set-Cookie"] and "Strict-Transport-Security" in secure.headers


def test_changes_are_audited_with_who_what_old_and_new(client, auth):
    admin = make_user(Role.ADMIN, name="Admin")
    owner = make_user(Role.PROSECUTOR)
    request = make_request(owner, reference="AUD-1", authority="Генпрокуратура РФ")
    auth.login(owner)
    form = client.get(f"/requests/{request.id}/edit")
    assert form.status_code == 200
    data = {"reference": "AUD-1", "country_code": "RU", "authority": "Минюст РФ", "treaty_id": "",
            "case_number": request.case_number, "crime_category_id": str(request.crime_category_id),
            "articles": request.articles, "summary": request.summary, "version": str(request.version)}
    assert client.post(f"/requests/{request.id}/edit", data=data).status_code == 302
    db.session.rollback()
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity == "requests",
                                                          AuditEntry.action == "update").order_by(AuditEntry.id.desc()))
    assert (entry.actor_id, entry.source, entry.entity_id) == (owner.id, "web", str(request.id))
    assert entry.changes == {"authority": ["Генпрокуратура РФ", "Минюст РФ"]}
    created = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity == "users", AuditEntry.action == "insert",
                                                            AuditEntry.entity_id == str(owner.id)))
    assert created.changes["password_hash"] == [None, "***"] and created.changes["email"][1] == owner.email
    auth.logout()
    auth.login(admin)
    page = client.get(f"/admin/audit?entity=requests&entity_id={request.id}&actor={owner.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Минюст РФ" in html and html.count("<tr>") == 2  # heading and the one edit


def test_nobody_can_change_or_delete_an_audit_entry(app):
    make_user(Role.PROSECUTOR)
    entry = db.session.scalar(sa.select(AuditEntry))
    entry.changes = {}
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    entry = db.session.scalar(sa.select(AuditEntry))
    db.session.delete(entry)
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_behind_a_proxy_the_throttle_counts_the_clients_address(app):
    from tracker import create_app
    proxied = create_app({"SQLALCHEMY_DATABASE_URI": db.engine.url.render_as_string(hide_password=False), "SECRET_KEY": "x",
                          "WTF_CSRF_ENABLED": False,
                          "PROXIES": 1})
    client = proxied.test_client()
    client.post("/login", data={"email": "nobody@prokuror.example", "password": "x"},
                headers={"X-Forwarded-For": "203.0.113.7"})
    db.session.rollback()
    assert db.session.get(LoginThrottle, "203.0.113.7").failures == 1
    with proxied.app_context():
        from tracker.extensions import db as proxied_db
        proxied_db.engine.dispose()


def test_the_audit_logs_days_are_almaty_days(client, auth):
    from datetime import UTC, datetime
    # 20:00 UTC on 5 December is 01:00 on 6 December in Almaty.
    db.session.add(AuditEntry(recorded_at=datetime(2026, 12, 5, 20, 0, tzinfo=UTC), actor_id=None, source="cli",
                              action="insert", entity="treaties", entity_id="987654", changes={}))
    db.session.commit()
    auth.login(make_user(Role.ADMIN))

    def shown(day):
        page = client.get(f"/admin/audit?entity=treaties&entity_id=987654&from={day}&to={day}")
        return "987654" in page.get_data(as_text=True).split('id="audit-log"')[1]
    assert shown("2026-12-06") and not shown("2026-12-05")

"""Generated calls against every operation of the OpenAPI description, alone and chained along its links:
no 500, every response as described."""
import pytest

schemathesis = pytest.importorskip("schemathesis")
from datetime import date  # noqa: E402

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance  # noqa: E402

from tests.conftest import append_only_lifted, examples  # noqa: E402
from tests.factories import TODAY, make_request, make_user  # noqa: E402
from tracker.domain.people import Role  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.services.users import issue_api_token  # noqa: E402
from tracker.web.api.openapi import document  # noqa: E402


# Where a call the description allows can still be refused with 422 or 428, because what makes it acceptable is more
# than a schema can say. Every other operation must accept every call its description allows: the codes of the
# reference data are enums of the description, read from the register when it is served.
SCHEMA_CANNOT_SAY = {
    "GET /requests": "`owner` is any user's email, and only those of users who exist are accepted",
    "GET /requests/export": "`owner` as above",
    "POST /requests": "a treaty must apply to the country and kind, dates may not be in the future, `owner` must "
                      "exist",
    "GET /reports/pending-by-country": "`owner` as above; `as_of` may not be in the future",
    "GET /reports/statistics": "`owner` as above; `as_of` may not be in the future, `from` not after `to`",
    "GET /reports/workload": "`from` may not be after `to`; `owner` as above",
    "GET /reports/treaties": "`from` may not be after `to`",
    "GET /reports/execution-times": "`from` may not be after `to`",
    "GET /treaties": "`country` and `kind` are given together or not at all",
    "POST /imports/requests": "the file's rows must be requests the register accepts",
    **{f"POST /requests/{{request_id}}/{path}": "a change carries If-Match or `version` in its body, one of the two "
                                                "(428 otherwise), which OpenAPI 3.0 cannot say across header and body"
       for path in ("transitions", "reminders", "events", "extensions", "reassignments")},
    "PATCH /requests/{request_id}": "as the changes above",
    "GET /audit": "`actor` is any user's email, and only those of users who exist are accepted",
    "POST /requests/{request_id}/attachments": "the file must be a PDF, DOCX, XLSX, ODT, JPEG, PNG or TIFF by its "
                                               "content, `event` an entry of this request's history, "
                                               "`document_date` not in the future",
    "GET /requests/{request_id}/letters/{letter}": "a letter must be offered for the request as it stands (a "
                                                   "reminder once it is sent, a cover while a supplement is asked)",
    "GET /reports/statistics/letter": "as the statistics report",
}


def _schema():
    """The API's description as the checks read it. A call whose If-Match names another version is refused with 412
    before its body is read, as RFC 9110 (13.2.2) orders preconditions before the content is processed: for a
    generated call with a broken body and a stale tag, 412 is the refusal the checks expect."""
    schema = schemathesis.openapi.from_dict(document())
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "412"]
    return schema


def test_every_operation_answers_as_described(app):
    supervisor = make_user(Role.SUPERVISOR)
    make_request(supervisor)
    headers = {"Authorization": f"Bearer {issue_api_token(supervisor)}"}
    db.session.commit()
    schema = _schema()
    schema.app = app
    checked = []
    for operation in schema.get_all_operations():
        operation = operation.ok()
        excluded = [positive_data_acceptance] if operation.label in SCHEMA_CANNOT_SAY else []

        @settings(max_examples=examples(25), deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(headers=headers, app=app, excluded_checks=excluded)
        run()
        checked.append(operation.label)
    assert len(checked) == 30 and set(SCHEMA_CANNOT_SAY) <= set(checked)


def _fresh_register(owner):
    """Empties the register, then registers one request of `owner`: every generated sequence starts from the same
    register, as Hypothesis needs when it replays one."""
    db.session.remove()
    emptied = ("deadline_alerts", "request_events", "audit_log", "personal_data_reads", "idempotent_calls",
               "webhook_deliveries", "requests")
    with db.engine.begin() as connection, append_only_lifted(connection):
        for table in reversed(db.metadata.sorted_tables):
            if table.name in emptied:
                connection.execute(table.delete())
        if connection.dialect.name == "postgresql":  # the same ids as in the sequence's first run (SQLite reuses)
            connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('requests', 'id'), 1, false)")
    make_request(db.session.merge(owner), reference="REF-1")


# A registration naming a country, a category and days the register accepts, which starts a chain more often
# than wholly random fields do.
KNOWN_FIELDS = st.fixed_dictionaries({
    "country": st.sampled_from(["RU", "KG", "DE", "TR", "AE"]),
    "crime_category": st.sampled_from(["fraud", "money_laundering", "other"]),
    "case_number": st.sampled_from(["217500031000001", "267100123456789"]),
    "treaty": st.none(), "owner": st.none()})
DAYS = st.dates(date(2020, 1, 1), TODAY).map(date.isoformat)
PERSON = {"name": "Ахметов Ерлан", "name_latin": "Akhmetov Yerlan"}  # the person sought: extradition only


def _half_of_them_unconditional(context, headers):
    """Schemathesis hook: half the generated calls carry no If-Match or If-None-Match, as most clients send them. A
    generated tag almost never names the request's current version, so otherwise nearly every change a chain makes
    would be refused with 412 and the chains would seldom get past their first step."""
    conditional = {"If-Match", "If-None-Match"} & set(headers or {})
    if not conditional:
        return st.just(headers)
    return st.sampled_from([headers, {name: value for name, value in headers.items() if name not in conditional}])


def _half_of_them_registrable(context, body):
    """Schemathesis hook: half the generated registrations get fields the register accepts. Bodies that break the
    description are left alone: they are the negative cases, whose refusal the checks expect."""
    described = context.operation.get_body_for_media_type("application/json") \
        if context.operation.label == "POST /requests" else None
    if described is None or not isinstance(body, dict) or not described.is_valid(body):
        return st.just(body)
    dated = [name for name in ("sent_on", "detained_on", "arrest_notified_on") if body.get(name) is not None]

    def accepted(drawn):
        known, days = drawn
        fields = {**body, **known, **dict(zip(dated, days)), "person": PERSON}
        if fields.get("kind") != "extradition":
            del fields["person"]
        return fields
    return st.one_of(st.just(body), st.tuples(KNOWN_FIELDS, st.lists(DAYS, min_size=len(dated),
                                                                     max_size=len(dated))).map(accepted))


def test_chains_of_calls_along_the_links_answer_as_described(app):
    """The stateful phase: requests registered, read, changed, moved and reminded about in generated sequences."""
    schema = _schema()
    schema.app = app  # the calls, and those the checks make again (without the token, say), go to the app
    schema.config.phases.stateful.inference.algorithms = []  # the links the description declares, nothing guessed
    schema.hooks.register_hook_with_name(_half_of_them_registrable, "flatmap_body")
    schema.hooks.register_hook_with_name(_half_of_them_unconditional, "flatmap_headers")
    supervisor = make_user(Role.SUPERVISOR)
    schema.config.update(headers={"Authorization": f"Bearer {issue_api_token(supervisor)}"})
    db.session.commit()
    answered = []

    class Chains(schema.as_state_machine()):
        def setup(self):
            _fresh_register(supervisor)

        def after_call(self, response, case):
            answered.append((case.operation.label, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # As above: a well-formed code that names nothing is a 422 by design. And in these chains the token
            # comes from the configuration, which the auth check takes for a generated (invalid) one once a call
            # carries a header parameter of its own (If-None-Match): it then calls a correctly authenticated 200 a
            # failure. Tokens are checked on every route by tests/web/test_auth.py and by the single-call run above.
            case.validate_response(response, additional_checks=additional_checks,
                                   excluded_checks=[positive_data_acceptance, ignored_auth], transport_kwargs=kwargs)

    Chains.run(settings=settings(max_examples=examples(25), stateful_step_count=6, deadline=None,
                                 phases=[Phase.generate], suppress_health_check=list(HealthCheck)))
    assert not [call for call in answered if call[1] >= 500]
    # The links were followed: a call reached a request the sequence found or registered (not a 404), whether or
    # not its generated body was one the register accepts (that part is left to chance, and sometimes none is).
    assert [label for label, status in answered if "{request_id}" in label and status != 404], sorted(set(answered))

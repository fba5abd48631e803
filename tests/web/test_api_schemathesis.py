"""Generated calls against every operation of the OpenAPI description: no 500, every response as described."""
import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from tests.factories import make_request, make_user  # noqa: E402
from tracker.domain.people import Role  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.services.users import issue_api_token  # noqa: E402
from tracker.web.api.openapi import document  # noqa: E402


def test_every_operation_answers_as_described(app):
    supervisor = make_user(Role.SUPERVISOR)
    make_request(supervisor)
    headers = {"Authorization": f"Bearer {issue_api_token(supervisor)}"}
    db.session.commit()
    schema = schemathesis.openapi.from_dict(document())
    schema.app = app
    checked = 0
    for operation in schema.get_all_operations():
        operation = operation.ok()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            # A well-formed code that names nothing (treaty, category, owner) is a 422 by design.
            case.call_and_validate(headers=headers, app=app, excluded_checks=[positive_data_acceptance])
        run()
        checked += 1
    assert checked == 14

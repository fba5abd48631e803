"""Query names that Flask's url_for keeps for itself ("endpoint", "_external", ...) are read by no page; a page
given them answers as without them, never with a server error (its links are built from tracker.web.templating
page_args, which leaves them out)."""
import pytest

from tests.factories import make_user
from tracker.domain.people import Role

RESERVED = {"endpoint": "x", "_external": "1", "_anchor": "a", "_scheme": "https", "_method": "POST"}


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SUPERVISOR, Role.ADMIN])
def test_no_page_fails_on_the_names_url_for_keeps(app, client, auth, role):
    auth.login(make_user(role))
    pages = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/api/")
                    and "static" not in rule.endpoint and rule.endpoint != "auth.logout"
                    and not rule.endpoint.startswith("health.")})  # machines' checks: /readyz is 503 without a scheduler
    failed = [(page, status) for page in pages
              if (status := client.get(page, query_string=RESERVED).status_code) >= 500]
    assert failed == []

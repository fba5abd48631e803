"""Every form that refuses what was typed says so above itself too, as the request page's forms do: a summary box
whose links lead to the fields (templates/macros/forms.html)."""
import re

import pytest

from tests.factories import make_user
from tracker.domain.people import Role

EN = {"Accept-Language": "en"}


def _summary_links(html: str) -> list[str]:
    """The fields the page's error summary links to, in order."""
    box = re.search(r'<div class="error-summary[^>]*>(.*?)</div>', html, re.S)
    assert box is not None, "no error summary on the page"
    return re.findall(r'href="#([^"]+)"', box.group(1))


@pytest.mark.parametrize("url,role,data,field", [
    ("/account/tokens", Role.PROSECUTOR, {"name": "", "scope": "read", "days": "90"}, "name"),
    ("/admin/units/new", Role.ADMIN, {"name": ""}, "name"),
    ("/admin/webhooks/new", Role.ADMIN, {"url": "http://erdr.example/hook", "events": ["request.created"]}, "url"),
])
def test_a_refused_form_has_a_summary_linking_to_each_field_in_error(client, auth, url, role, data, field):
    auth.login(make_user(role))
    page = client.post(url, data=data, headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code in (200, 400, 422)
    assert "There is a problem" in html and _summary_links(html) == [field]
    assert f'id="{field}"' in html  # the link leads somewhere


def test_a_form_without_errors_has_no_summary(client, auth):
    auth.login(make_user(Role.ADMIN))
    assert "error-summary" not in client.get("/admin/units/new", headers=EN).get_data(as_text=True)

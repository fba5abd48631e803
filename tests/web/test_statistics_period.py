"""The statistics form sent with "From" emptied is refused next to the field, keeping what was typed, instead of
counting a period nobody chose; with no period at all, this year is shown as before."""
import re

from tests.factories import make_request, make_user
from tracker.domain.people import Language, Role


def test_a_cleared_from_is_refused_next_to_the_field_keeping_the_rest(client, auth):
    make_request(make_user(), reference="STAT-1")
    auth.login(make_user(Role.SUPERVISOR, language=Language.EN))
    response = client.get("/reports/statistics?start=&end=2026-11-30&as_of=2026-12-01&kind=mla")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    start = re.search(r'<input[^>]*id="r-start"[^>]*>\s*<div class="invalid-feedback" id="r-start-error">([^<]+)</div>', page)
    assert start and start.group(1) == "Enter the first day of the period."
    assert 'aria-invalid="true"' in start.group(0) and 'value=""' in start.group(0)
    assert re.search(r'id="r-end"[^>]*value="2026-11-30"', page) and re.search(r'id="r-as-of"[^>]*value="2026-12-01"', page)
    kinds = re.findall(r'<input[^>]*name="kind"[^>]*>', page)
    assert [box for box in kinds if 'value="mla"' in box and "checked" in box]  # the kind stays chosen
    assert "statistics-table" not in page and 'id="statistics-paragraph"' not in page  # no figures were computed
    download = client.get("/reports/statistics?start=&end=2026-11-30&format=csv")
    assert download.status_code == 400 and "Enter the first day of the period." in download.get_data(as_text=True)


def test_without_a_period_this_years_figures_are_shown(client, auth):
    auth.login(make_user(Role.SUPERVISOR, language=Language.EN))
    response = client.get("/reports/statistics")
    assert response.status_code == 200 and 'id="statistics-paragraph"' in response.get_data(as_text=True)
    assert "invalid-feedback" not in response.get_data(as_text=True)

"""Pending by country's rows and totals written in Python (tracker/web/report_rows.py): each figure's address is the
one list_address writes for the report's filters narrowed by the figure's own, and a figure as of a past day is
plain."""
import re
from datetime import timedelta
from html import unescape

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.web.report_links import list_address
from tracker.web.report_rows import Addresses

NAMES = st.sampled_from(["kind", "country", "treaty", "owner_id", "pending", "sent_to", "sent_from", "overdue"])
VALUES = st.one_of(st.none(), st.booleans(), st.integers(0, 99), st.text(max_size=6),
                   st.lists(st.one_of(st.booleans(), st.integers(0, 2), st.text(max_size=4)), max_size=3))


@settings(max_examples=300, deadline=None)
@given(base=st.dictionaries(NAMES, VALUES, max_size=5), narrowings=st.lists(st.dictionaries(NAMES, VALUES, max_size=3),
                                                                              min_size=1, max_size=4))
@example(base={"pending": 1}, narrowings=[{"pending": True}, {"kind": [1]}, {"kind": [True]}])
def test_an_address_joined_from_parts_is_the_one_list_address_writes(app, base, narrowings):
    with app.test_request_context():
        address = Addresses(base)
        for args in narrowings:
            assert address(args) == list_address(dict(base, **args)), (base, args)


def test_linked_figures_as_of_today_and_plain_figures_as_of_a_past_day(client, auth):
    owner = make_user()
    for days, code in ((10, "KG"), (100, "KG"), (400, "RU")):
        make_request(owner, country_code=code, sent_on=TODAY - timedelta(days=days))
    make_request(owner, Kind.EXTRADITION, country_code="KG", sent_on=TODAY - timedelta(days=5),
                 detained_on=TODAY - timedelta(days=6))
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "en"})
    page = client.get("/reports/pending-by-country?kind=mla&kind=extradition").get_data(as_text=True)
    row = re.search(r'<tr id="country-KG">.*?</tr>', page, re.DOTALL).group(0)
    cells = re.findall(r'<td class="text-end[^"]*" data-label="([^"]+)">(.*?)</td>', row)
    assert [label for label, _cell in cells] == ["MLA requests", "Extradition requests", "Transfers of proceedings",
                                                 "Total open", "Overdue", "Oldest, days", "0–90 days", "91–180 days",
                                                 "181–365 days", "&gt;365 days"]
    figures = {label: cell for label, cell in cells}
    assert figures["MLA requests"] == ('<a href="/requests?kind=mla&amp;pending=1&amp;country=KG">2</a>')
    assert figures["Total open"] == ('<a href="/requests?kind=mla&amp;kind=extradition&amp;pending=1&amp;'
                                     'country=KG">3</a>')
    assert figures["Transfers of proceedings"] == "0" and figures["Oldest, days"] == "100"
    sent_to = (TODAY - timedelta(days=91)).isoformat()
    assert figures["91–180 days"] == (f'<a href="/requests?kind=mla&amp;kind=extradition&amp;pending=1&amp;'
                                      f'country=KG&amp;sent_to={sent_to}&amp;'
                                      f'sent_from={(TODAY - timedelta(days=180)).isoformat()}">1</a>')
    # The totals row: the kinds, the total and overdue linked as the rows' are, the age buckets plain.
    totals = dict(re.findall(r'<td class="text-end" data-label="([^"]+)">(.*?)</td>',
                             re.search(r"<tfoot>.*?</tfoot>", page, re.DOTALL).group(0)))
    assert totals["Total open"] == '<a href="/requests?kind=mla&amp;kind=extradition&amp;pending=1">4</a>'
    overdue = re.fullmatch(r'<a href="/requests\?kind=mla&amp;kind=extradition&amp;pending=1&amp;overdue=1">(\d+)</a>',
                           totals["Overdue"])
    assert overdue and totals["Oldest, days"] == "400"
    assert (totals["0–90 days"], totals["&gt;365 days"]) == ("2", "1")
    past = (TODAY - timedelta(days=1)).isoformat()
    page = client.get(f"/reports/pending-by-country?as_of={past}").get_data(as_text=True)
    row = re.search(r'<tr id="country-KG">.*?</tr>', page, re.DOTALL).group(0)
    assert "<a " not in row and 'data-label="Overdue">—</td>' in row
    footer = re.search(r"<tfoot>.*?</tfoot>", page, re.DOTALL).group(0)
    assert "<a " not in footer and 'data-label="Overdue">—</td>' in footer


def _kg_row(page):
    """The figures of Kyrgyzstan's row, as the table writes them (links and plain)."""
    row = re.search(r'<tr id="country-KG">(.*?)</tr>', page, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_the_figures_are_drawn_once_and_again_when_a_figure_a_name_or_the_language_changes(app, client, auth):
    from flask import template_rendered

    drawn = []

    def rendered(sender, template, context, **extra):
        drawn.append(template.name)
    template_rendered.connect(rendered, app)
    owner = make_user()
    first = make_request(owner, country_code="KG", sent_on=TODAY - timedelta(days=10))
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "en"})
    page = client.get("/reports/pending-by-country").get_data(as_text=True)
    assert _kg_row(page)[:4] == ["1", "0", "0", "1"] and "Kyrgyzstan" in page
    again = client.get("/reports/pending-by-country").get_data(as_text=True)
    figures = lambda html: html[html.index('<figure'):html.index("</table>")]  # noqa: E731
    assert figures(again) == figures(page) and drawn.count("reports/_pending_figures.html") == 1
    # A request registered (in the same register, as any prosecutor would) moves the figures: drawn at once.
    make_request(owner, country_code="KG", sent_on=TODAY - timedelta(days=3))
    assert _kg_row(client.get("/reports/pending-by-country").get_data(as_text=True))[:4] == ["2", "0", "0", "2"]
    # A request closed: the same.
    from tracker.domain.statuses import Status
    from tracker.services.requests import change_status
    from tracker.extensions import db
    from tests.factories import NOW
    change_status(owner, first, Status.WITHDRAWN, effective_on=TODAY, note="", ground=None,
                  expected_version=first.version, today=TODAY, now=NOW)
    db.session.commit()
    assert _kg_row(client.get("/reports/pending-by-country").get_data(as_text=True))[:4] == ["1", "0", "0", "1"]
    # The country's official name changed by an administrator: the same figures, drawn with the new name.
    from tracker.models import Country
    db.session.get(Country, "KG").official_name_en = "Kyrgyz Republic"
    db.session.commit()
    assert "Kyrgyz Republic" in figures(client.get("/reports/pending-by-country").get_data(as_text=True))
    # Another language: drawn in it, not taken from the English drawing.
    client.post("/language", data={"language": "kk"})
    drawn_in_kazakh = figures(client.get("/reports/pending-by-country").get_data(as_text=True))
    assert "Барлығы" in drawn_in_kazakh and "Total open" not in drawn_in_kazakh


@pytest.mark.parametrize("extra", [f"year={TODAY.year}", "status=pending", "overdue=1", "text=x",
                                   f"sent_from={(TODAY - timedelta(days=30)).isoformat()}", "year=abc"])
def test_a_list_argument_in_a_reports_address_is_not_read_so_each_link_lists_its_figure(client, auth, extra):
    owner = make_user()
    make_request(owner, country_code="RU", sent_on=TODAY - timedelta(days=400))
    make_request(owner, country_code="RU", sent_on=TODAY - timedelta(days=10))
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "en"})
    for report in ("pending-by-country", "statistics"):
        assert client.get(f"/reports/{report}?{extra}").status_code == 200
    page = client.get(f"/reports/pending-by-country?{extra}").get_data(as_text=True)
    row = re.search(r'<tr id="country-RU">.*?</tr>', page, re.DOTALL).group(0)
    href, figure = re.search(r'data-label="Total open"><a href="([^"]+)">(\d+)</a>', row).groups()
    assert figure == "2" and extra.split("=")[0] not in href
    listed = client.get(unescape(href)).get_data(as_text=True)
    assert re.search(r'id="request-count">\s*2 requests', listed)

"""Figures a supervisor can sign: each linked figure of the workload and treaty reports leads to as many requests
in the list; the pending chart shows every country or names what it groups; countries sort by their names in the
user's alphabet; medians are whole days."""
import csv
import io
import re
from datetime import date, timedelta

from tests.factories import TODAY, make_request, make_user, treaty, working_day
from tests.factories import EVERYTHING
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.services import reports
from tracker.services.execution_times import whole_median

S = Status
LINK = re.compile(r'<a href="(/requests\?[^"]+)">(\d+)</a>')


def _csv_rows(response):
    """The rows of a CSV download, whichever separator the user's language takes."""
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","))


def _listed_count(client, href):
    """How many requests the list finds at `href` (the count it shows above the rows)."""
    page = client.get(href.replace("&amp;", "&")).get_data(as_text=True)
    return int(re.search(r'<span id="request-count">(\d+)', page).group(1))


def _small_register():
    """Two prosecutors' requests: pending and overdue, drafts, executed, refused; on a treaty and on reciprocity."""
    first, second = make_user(name="Бекова Салтанат"), make_user(name="Әлиев Нұрлан")
    chisinau = treaty("chisinau-2002").id
    long_ago, lately = TODAY - timedelta(days=200), TODAY - timedelta(days=20)
    make_request(first, country_code="RU", treaty_id=chisinau, sent_on=long_ago, statuses=[(S.PENDING, long_ago)])
    make_request(first, country_code="KG", treaty_id=chisinau, sent_on=lately)
    make_request(first, Kind.EXTRADITION, country_code="KG", treaty_id=chisinau, sent_on=lately,
                 detained_on=lately - timedelta(days=3))
    make_request(first, country_code="TR", sent_on=None)
    make_request(first, country_code="AE", sent_on=long_ago,
                 statuses=[(S.EXECUTED, working_day(long_ago + timedelta(days=30)))])
    make_request(second, country_code="AE", sent_on=long_ago)
    make_request(second, country_code="CN", sent_on=lately, statuses=[(S.REFUSED, TODAY - timedelta(days=2))])
    make_request(second, country_code="CN", sent_on=None)
    make_request(second, Kind.EXTRADITION, country_code="TR", sent_on=long_ago)
    return first, second


def _follow_every_link(client, url, at_least):
    """Follows each linked figure of the report page at `url`; each list shows as many requests as its figure."""
    page = client.get(url).get_data(as_text=True)
    table = page[page.index("<table"):page.index("</table>")]
    links = LINK.findall(table)
    assert len(links) >= at_least, links
    for href, figure in links:
        assert _listed_count(client, href) == int(figure), (href, figure)
    return table


def test_every_workload_figure_links_to_as_many_requests_in_the_list(client, auth):
    first, _second = _small_register()
    auth.login(make_user(Role.SUPERVISOR))
    found = {r.name: (r.pending, r.drafts, r.overdue) for r in reports.workload(date(2020, 1, 1), TODAY, TODAY, EVERYTHING)}
    assert found["Бекова Салтанат"][:2] == (3, 1) and found["Әлиев Нұрлан"][:2] == (2, 1)
    assert found["Бекова Салтанат"][2] >= 1 and found["Әлиев Нұрлан"][2] >= 1
    table = _follow_every_link(client, "/reports/workload?start=2020-01-01", at_least=8)
    footer = table[table.index("<tfoot"):]
    assert "fw-bold" in footer and f'>{sum(p for p, _d, _o in found.values())}</a>' in footer
    # Executed in the period is counted from the history; the list has no such filter, so it is not linked.
    assert re.search(r"<td class=\"text-end\"[^>]*>1</td></tr>", table)
    narrowed = _follow_every_link(client, f"/reports/workload?start=2020-01-01&kind=mla&owner_id={first.id}",
                                  at_least=4)
    assert "Әлиев" not in narrowed


def test_every_treaty_figure_links_to_as_many_requests_in_the_list(client, auth):
    _small_register()
    auth.login(make_user(Role.SUPERVISOR))
    start = (TODAY - timedelta(days=365)).isoformat()
    table = _follow_every_link(client, f"/reports/treaties?start={start}", at_least=8)
    assert "<tfoot" in table and ">7</a>" in table[table.index("<tfoot"):]  # sent in the period; drafts are not
    _follow_every_link(client, f"/reports/treaties?start={start}&kind=mla&kind=extradition", at_least=6)


def test_report_exports_carry_the_totals_row_as_plain_figures(client, auth):
    _small_register()
    auth.login(make_user(Role.SUPERVISOR))
    for url, total in (("/reports/workload?start=2020-01-01&format=csv", ["5", "2"]),
                       ("/reports/treaties?start=2020-01-01&format=csv", ["5", "2", "0", "7"])):
        rows = _csv_rows(client.get(url, headers={"Accept-Language": "en"}))
        assert rows[-1][0] == "Total" and rows[-1][1:1 + len(total)] == total, rows[-1]


def _pending_in(countries, owner):
    """One pending MLA request in each country, sent on different days."""
    for number, code in enumerate(countries):
        make_request(owner, country_code=code, sent_on=TODAY - timedelta(days=10 + number))


def test_the_chart_draws_every_country_when_there_are_few(client, auth):
    owner = make_user()
    _pending_in(["RU", "KG", "TR"], owner)
    make_request(owner, Kind.EXTRADITION, country_code="RU", sent_on=TODAY - timedelta(days=5))
    auth.login(make_user(Role.SUPERVISOR))
    page = client.get("/reports/pending-by-country", headers={"Accept-Language": "en"}).get_data(as_text=True)
    chart = page[page.index('<ol class="country-chart'):page.index("</ol>")]
    assert chart.count('<a class="chart-name"') == 3 and "Others" not in chart
    links = re.findall(r'class="chart-name" href="([^"]+)"', chart)
    assert [_listed_count(client, href) for href in links] == [2, 1, 1]
    assert all("pending=1" in href and "country=" in href for href in links)
    # Red is kept for overdue: the kinds have colours of their own, shown in the legend.
    assert "danger" not in " ".join(re.findall(r'<rect class="(kind-[^"]+)"', chart))
    assert {"kind-mla", "kind-extradition"} <= set(re.findall(r'<rect class="(kind-[a-z]+)"', chart))
    assert "chart-swatch kind-transfer" in page and "chart-swatch chart-swatch-line bg-danger" in page
    assert 'Russia<span class="visually-hidden">: 2 pending requests (' in chart  # the bar in words


def test_the_chart_groups_the_countries_outside_the_top_15_and_says_how_many(client, auth):
    owner = make_user()
    codes = ["RU", "KG", "TR", "AE", "CN", "US", "DE", "FR", "GB", "IT", "ES", "PL", "LT", "GE", "AM", "BY", "UA",
             "IN", "KR", "RS"]
    _pending_in(codes, owner)
    _pending_in(["RU"], owner)
    auth.login(make_user(Role.SUPERVISOR))
    page = client.get("/reports/pending-by-country", headers={"Accept-Language": "en"}).get_data(as_text=True)
    chart = page[page.index('<ol class="country-chart'):page.index("</ol>")]
    assert chart.count('<a class="chart-name"') == 16
    assert "Others (5 countries)" in chart and 'href="#pending-table"' in chart
    assert "The 15 countries with most pending requests, then the other 5 together" in page
    assert 'id="pending-table"' in page and page.count('<tr id="country-') == 20


def test_as_of_a_past_day_the_chart_says_overdue_is_unknown_and_links_to_the_table(client, auth):
    owner = make_user()
    _pending_in(["RU", "KG"], owner)
    auth.login(make_user(Role.SUPERVISOR))
    past = (TODAY - timedelta(days=5)).isoformat()
    page = client.get(f"/reports/pending-by-country?as_of={past}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    chart = page[page.index('<ol class="country-chart'):page.index("</ol>")]
    assert "overdue requests are not known" in page and "chart-overdue" not in chart
    assert set(re.findall(r'class="chart-name" href="([^"]+)"', chart)) == {"#country-RU", "#country-KG"}


def test_countries_with_as_many_pending_requests_follow_the_alphabet_of_the_users_language(client, auth):
    _pending_in(["AE", "CN", "CY", "AM", "AZ"], make_user())
    order = {language: [r.country_code for r in reports.pending_by_country(TODAY, TODAY, EVERYTHING, language=language).rows]
             for language in ("ru", "kk", "en")}
    assert order == {"ru": ["AZ", "AM", "CY", "CN", "AE"],  # Азербайджан, Армения, Кипр, Китай, ОАЭ
                     "kk": ["AM", "AZ", "AE", "CY", "CN"],  # Армения, Әзірбайжан, Біріккен Араб Әмірліктері, Кипр, Қытай
                     "en": ["AM", "AZ", "CN", "CY", "AE"]}
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "kk"})
    page = client.get("/reports/pending-by-country").get_data(as_text=True)
    assert re.findall(r'<tr id="country-(\w\w)"', page) == order["kk"]
    client.post("/language", data={"language": "ru"})
    exported = _csv_rows(client.get("/reports/pending-by-country?format=csv"))
    codes = [row[1] for row in exported if len(row) > 1 and row[1] in order["ru"]]
    assert codes == order["ru"]


def _list_order(client, query, references):
    """The references of `references` in the order the list page shows them."""
    page = client.get(f"/requests?{query}").get_data(as_text=True)
    return sorted(references, key=lambda ref: page.index(f">{ref}<"))


def test_the_list_sorts_by_country_name_in_russian_and_in_kazakh(client, auth):
    owner = make_user()
    for code in ("AE", "CN", "CY", "AM", "AZ", "KG"):
        make_request(owner, reference=f"C-{code}", country_code=code)
    auth.login(owner)
    references = [f"C-{code}" for code in ("AE", "CN", "CY", "AM", "AZ", "KG")]
    client.post("/language", data={"language": "ru"})
    # Азербайджан Армения Кипр Китай Кыргызстан ОАЭ: the office's official name, not CLDR's Киргизия, sorts.
    russian = ["C-AZ", "C-AM", "C-CY", "C-CN", "C-KG", "C-AE"]
    assert _list_order(client, "sort=country&dir=asc", references) == russian
    assert _list_order(client, "sort=country&dir=desc", references) == russian[::-1]
    exported = client.get("/requests/export?format=csv&sort=country&dir=asc").get_data().decode("utf-8-sig")
    assert sorted(references, key=exported.index) == russian
    client.post("/language", data={"language": "kk"})
    # Армения, Әзірбайжан, Біріккен Араб Әмірліктері, Кипр, Қырғызстан, Қытай: Ә after А, Қ after К.
    assert _list_order(client, "sort=country&dir=asc", references) == ["C-AM", "C-AZ", "C-AE", "C-CY", "C-KG", "C-CN"]


def test_medians_are_whole_days_a_half_rounded_up():
    assert [whole_median(12, 1), whole_median(25, 2), whole_median(24, 2), whole_median(-3, 2)] == [12, 13, 12, -1]


def test_the_execution_times_page_and_export_show_whole_days(client, auth):
    owner = make_user()
    sent = date(2025, 3, 3)
    for days in (10, 15):
        make_request(owner, country_code="KG", sent_on=sent, statuses=[(S.EXECUTED, sent + timedelta(days=days))])
    auth.login(make_user(Role.SUPERVISOR))
    url = "/reports/execution-times?start=2025-01-01&end=2025-12-31"
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r'<td class="text-end"[^>]*>13</td>', page) and "12.5" not in page
    kg = next(row for row in _csv_rows(client.get(url + "&format=csv", headers={"Accept-Language": "en"}))
              if "KG" in row)
    assert kg[-1] == "13"

"""Statistics narrowed to some kinds speak of those kinds alone, on the page and through the API: a report of
extradition requests never says that no MLA requests were sent when some were."""
import re
from datetime import timedelta
from html import unescape

import pytest

from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.services.users import issue_api_token

# What each report must not say, in each language: that a kind sent in the period was not.
DENIALS = {"en": ("no MLA", "no extradition", "no criminal cases"),
           "ru": ("поручения не направлялись", "запросы о выдаче не направлялись", "не передавались"),
           "kk": ("тапсырмалары жіберілген жоқ", "сұрау салулар жіберілген жоқ", "істер берілген жоқ")}
SAID = {"en": {"mla": "3 MLA requests were sent", "extradition": "1 extradition request was sent",
               "transfer": "1 criminal case was transferred"},
        "ru": {"mla": "направлено 3 международных следственных поручения",
               "extradition": "направлен 1 запрос о выдаче", "transfer": "передано 1 уголовное дело"},
        "kk": {"mla": "3 халықаралық тергеу тапсырмасы жіберілді",
               "extradition": "ұстап беру туралы 1 сұрау салу жіберілді", "transfer": "1 қылмыстық іс берілді"}}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_each_kind_alone_and_two_kinds_are_stated_without_denying_the_others(client, auth, language):
    owner = make_user()
    for _ in range(3):
        make_request(owner, Kind.MLA, sent_on=TODAY - timedelta(days=30))
    make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=20), detained_on=TODAY - timedelta(days=25))
    make_request(owner, Kind.TRANSFER, sent_on=TODAY - timedelta(days=10))
    supervisor = make_user(Role.SUPERVISOR)
    headers = {"Authorization": f"Bearer {issue_api_token(supervisor)}", "Accept-Language": language}
    db.session.commit()
    start, end = (TODAY - timedelta(days=60)).isoformat(), TODAY.isoformat()
    auth.login(supervisor)
    client.post("/language", data={"language": language})
    for chosen in (["mla"], ["extradition"], ["transfer"], ["extradition", "transfer"], ["mla", "transfer"]):
        kinds = "".join(f"&kind={kind}" for kind in chosen)
        text = client.get(f"/api/v1/reports/statistics?from={start}&to={end}{kinds}",
                          headers=headers).get_json()["text"]
        page = unescape(client.get(f"/reports/statistics?start={start}&end={end}{kinds}").get_data(as_text=True))
        assert text in page, (chosen, text)
        for kind in chosen:
            assert SAID[language][kind] in text, (chosen, text)
        assert not [denial for denial in DENIALS[language] if denial in text], (chosen, text)
        for kind in {"mla", "extradition", "transfer"} - set(chosen):
            assert SAID[language][kind] not in text, (chosen, text)


AS_OF_BEFORE = {"en": "The as-of day is before the period starts; the period's last day is used.",
                "ru": "Дата «по состоянию на» раньше начала периода; взят последний день периода.",
                "kk": "«Жағдай бойынша» күні кезеңнің басынан ерте; кезеңнің соңғы күні алынды."}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_statistics_as_of_a_day_before_the_period_say_so_and_count_as_of_its_last_day(client, auth, language):
    """Counted as of a day before the period, the period's requests had not been sent: the page would say none was.
    It says what it did instead, the API refuses such a day."""
    owner = make_user()
    make_request(owner, Kind.MLA, sent_on=TODAY - timedelta(days=30))
    supervisor = make_user(Role.SUPERVISOR)
    headers = {"Authorization": f"Bearer {issue_api_token(supervisor)}", "Accept-Language": language}
    db.session.commit()
    auth.login(supervisor)
    client.post("/language", data={"language": language})
    start, end = (TODAY - timedelta(days=60)).isoformat(), (TODAY - timedelta(days=1)).isoformat()
    before = (TODAY - timedelta(days=90)).isoformat()
    page = unescape(client.get(f"/reports/statistics?start={start}&end={end}&as_of={before}").get_data(as_text=True))
    assert AS_OF_BEFORE[language] in page
    as_of_end = unescape(client.get(f"/reports/statistics?start={start}&end={end}&as_of={end}").get_data(as_text=True))
    paragraph = lambda html: re.search(r'id="statistics-paragraph">(.*?)</p>', html, re.S).group(1)  # noqa: E731
    assert paragraph(page) == paragraph(as_of_end)
    refused = client.get(f"/api/v1/reports/statistics?from={start}&to={end}&as_of={before}", headers=headers)
    assert refused.status_code == 422 and "as_of" in refused.get_json()["errors"]
    # Within the period, or on its first day, the day is taken as given.
    assert AS_OF_BEFORE[language] not in unescape(
        client.get(f"/reports/statistics?start={start}&end={end}&as_of={start}").get_data(as_text=True))
    assert client.get(f"/api/v1/reports/statistics?from={start}&to={end}&as_of={start}",
                      headers=headers).status_code == 200


def test_a_period_not_begun_counted_as_of_today_says_nothing_of_the_as_of_day(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "en"})
    start, end = (TODAY + timedelta(days=1)).isoformat(), (TODAY + timedelta(days=30)).isoformat()
    page = unescape(client.get(f"/reports/statistics?start={start}&end={end}").get_data(as_text=True))
    assert AS_OF_BEFORE["en"] not in page and "no MLA or extradition requests were sent" in page

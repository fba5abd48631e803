"""The request list's filter panel, kept by the worker for what it is made of (request_list.filter_panel): a list
served from a kept panel is the list written afresh, for any filters, order, user and language, and a change to the
reference data shows at once."""
import re
from datetime import timedelta

import sqlalchemy as sa

from tests.conftest import served_afresh
from tests.factories import TODAY, make_request, make_unit, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Country

LANGUAGES = ("kk", "ru", "en")
LISTS = ("/requests", "/requests?page=2", "/requests?kind=extradition", "/requests?kind=extradition&kind=mla",
         "/requests?country=KG&country=RU", "/requests?status=sent", "/requests?treaty=reciprocity",
         "/requests?owner_id={owner}", "/requests?owner_id=999999", "/requests?crime_category_id=1", "/requests?year=2026",
         "/requests?text=%3Cb%3E%22x", "/requests?open_only=1&pending=1", "/requests?overdue=1&due_soon=1",
         "/requests?release=1&critical=1", "/requests?sort=reference&dir=asc", "/requests?sort=updated&dir=asc",
         "/requests?sent_from=2026-01-01&sent_to=2026-06-30", "/requests?country=XX&kind=mla")


def _panel(html: str) -> str:
    return re.search(r'<form method="get" class="list-filters.*?</form>', html, re.S).group(0)


def test_a_kept_panel_is_the_panel_written_afresh_for_every_list_user_and_language(app, client, auth):
    owner, colleague = make_user(name="Ахметов Ерлан"), make_user(name="Жумабаев Нурлан")
    head = make_user(Role.SUPERVISOR)
    make_unit("Север", heads=[head], members=[owner, head])
    make_unit("Юг", members=[colleague])
    for person in (owner, colleague):
        make_request(person, sent_on=TODAY - timedelta(days=30))
    panels = set()
    for user in (make_user(Role.CENTRAL), head, owner):
        auth.login(user)
        for language in LANGUAGES:
            client.post("/language", data={"language": language})
            for path in LISTS:
                path = path.format(owner=owner.id)
                kept = client.get(path)
                assert kept.status_code == 200, path
                panel = _panel(kept.get_data(as_text=True))
                fresh = served_afresh(app, client, path, "filter_panels").get_data(as_text=True)
                assert panel == _panel(fresh), (user.name, language, path)
                panels.add(panel)
        auth.logout()
    # Nearly every list, user and language has a panel of its own (page 2 shares page 1's).
    assert len(panels) > 2 * len(LANGUAGES) * (len(LISTS) - 2)


def test_a_country_renamed_shows_in_the_kept_panel_at_once(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    client.post("/language", data={"language": "en"})
    assert "Kyrgyzstan" in _panel(client.get("/requests?country=KG").get_data(as_text=True))
    db.session.commit()
    db.session.scalar(sa.select(Country).where(Country.code == "KG")).official_name_en = "Kyrgyz Republic"
    db.session.commit()
    panel = _panel(client.get("/requests?country=KG").get_data(as_text=True))
    assert "Kyrgyz Republic" in panel

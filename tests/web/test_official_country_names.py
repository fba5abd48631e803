"""Countries by the names of Kazakhstan's official usage (Кыргызстан, США, Корея Республикасы) where an administrator
set one: shown everywhere country names are, edited on the country's page, and followed by sorting by country."""
import re

from tests.factories import make_request, make_user
from tracker import labels
from tracker.domain.people import Language, Role


def test_the_official_names_replace_cldrs_in_their_language_only():
    assert labels.country_name("KG", "ru") == "Кыргызстан"
    assert labels.country_name("US", "ru") == "США"
    assert labels.country_name("KR", "kk") == "Корея Республикасы"
    assert labels.country_name("KG", "en") == "Kyrgyzstan" and labels.country_name("KR", "ru") != "Корея Республикасы"


def _list_order(client):
    """The registration numbers of the list sorted by country, A to Z in the user's language, each once."""
    page = client.get("/requests?sort=country&dir=asc").get_data(as_text=True)
    return list(dict.fromkeys(re.findall(r"CTRY-[A-Z]{2}", page)))


def test_an_administrator_renames_a_country_and_lists_follow_the_new_name(client, auth):
    owner = make_user(Role.SUPERVISOR)
    for code in ("CN", "KW", "KG"):  # Китай, Кувейт, Кыргызстан; CLDR's Киргизия would come first
        make_request(owner, reference=f"CTRY-{code}", country_code=code)
    auth.login(owner)
    client.post("/language", data={"language": "ru"})
    assert _list_order(client) == ["CTRY-CN", "CTRY-KW", "CTRY-KG"]
    row = re.search(r"CTRY-KG.*?</tr>", client.get("/requests").get_data(as_text=True), re.S).group(0)
    assert "Кыргызстан" in row and "Киргизия" not in row
    auth.logout()

    admin = make_user(Role.ADMIN)
    auth.login(admin)
    client.post("/language", data={"language": "ru"})
    form = client.get("/admin/countries/KG").get_data(as_text=True)
    assert 'name="official_name_ru"' in form and 'value="Кыргызстан"' in form and "Киргизия" in form  # the usual one
    saved = client.post("/admin/countries/KG", data={"official_name_kk": "Қырғыз Республикасы", "official_name_ru": "",
                                                     "official_name_en": "Kyrgyz Republic", "eaeu": "y", "cis": "y",
                                                     "authority_name": "", "authority_address": "",
                                                     "authority_email": "", "authority_phone": ""})
    assert saved.status_code == 302
    countries = client.get("/admin/countries").get_data(as_text=True)
    assert "Киргизия" in countries and "Кыргызстан" not in countries
    audit = client.get("/admin/audit?entity=countries&entity_id=KG").get_data(as_text=True)
    assert "Кыргызстан → —" in audit
    auth.logout()

    auth.login(owner)
    client.post("/language", data={"language": "ru"})
    assert _list_order(client) == ["CTRY-KG", "CTRY-CN", "CTRY-KW"]  # Киргизия, Китай, Кувейт
    client.post("/language", data={"language": "kk"})
    assert "Қырғыз Республикасы" in client.get("/requests").get_data(as_text=True)
    client.post("/language", data={"language": "en"})
    assert "Kyrgyz Republic" in client.get("/requests").get_data(as_text=True)


def test_a_name_too_long_is_refused_and_kept(client, auth):
    auth.login(make_user(Role.ADMIN))
    long_name = "Я" * 101
    response = client.post("/admin/countries/KG", data={"official_name_ru": long_name, "official_name_kk": "",
                                                        "official_name_en": "", "authority_name": ""},
                           headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and long_name in page and "100" in page
    assert labels.country_name("KG", "ru") == "Кыргызстан"


def test_a_page_naming_every_country_reads_the_official_names_once_at_most(client, auth, count_queries):
    auth.login(make_user(Role.ADMIN, language=Language.RU))
    with count_queries() as statements:
        page = client.get("/admin/countries").get_data(as_text=True)
    assert page.count('href="/admin/countries/') > 200 and "Кыргызстан" in page and "США" in page
    # Kept with the reference data: read at most once, and not again while it is unchanged.
    assert len([s for s in statements if "WHERE countries.official_name_kk" in s]) <= 1
    with count_queries() as statements:
        assert "Кыргызстан" in client.get("/admin/countries").get_data(as_text=True)
    assert [s for s in statements if "WHERE countries.official_name_kk" in s] == []

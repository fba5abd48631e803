"""The list and the API find requests whatever the alphabet a name is typed in (Нурлан finds Нұрлан) and whatever
separators a case or registration number is typed with; old registers get their search text recomputed."""
import dataclasses
import re

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from tests.factories import make_request, make_user
from tests.plans import plan_of
from tests.test_migrations_and_seed import empty_database_url  # noqa: F401 (a fixture)
from tests.web.test_exports_web import table_of
from tracker import create_app
from tracker.domain.people import Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Request
from tracker.models.requests import search_text_of
from tracker.services.access import SYSTEM
from tracker.services.text_search import row_condition, text_condition
from tracker.services.queries import RequestFilters, filtered_requests
from tracker.services.seed import seed_reference_data
from tracker.services.users import issue_api_token

REFERENCES = ("ВЫД-2026-0007", "ВЫД-2026-0008", "МСП-2026-0015", "МСП-2026-0016", "МСП-2026-0017")
BEFORE_FOLDING = "a4d8c2e6f0b1"


@pytest.fixture
def register():
    """Five requests of one prosecutor: two people sought, spelt in Kazakh and in Russian, and three MLA requests
    whose case numbers are kept without separators (as the form keeps them), with dashes (as the API may) and
    another number."""
    owner = make_user()
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-0007", person_name="Нұрлан Қасымов",
                 person_name_latin="Nurlan Kassymov", case_number="217500031000200")
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-0008", person_name="Нурлан Абенов",
                 person_name_latin="Nurlan Abenov", case_number="217500031000201")
    make_request(owner, reference="МСП-2026-0015", case_number="217500031000123")
    make_request(owner, reference="МСП-2026-0016", case_number="2175-0003-1000-124")
    make_request(owner, reference="МСП-2026-0017", case_number="199900031000999")
    return owner


def _token(user):
    """API headers with a fresh token of `user`."""
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


# What each search finds, by the registration numbers' last digits.
SEARCHES = [
    ("Нурлан", {"0007", "0008"}), ("Нұрлан", {"0007", "0008"}), ("нұрлан қасымов", {"0007"}),
    ("Касымов", {"0007"}), ("Қасымов", {"0007"}), ("KASSYMOV", {"0007"}), ("Абен", {"0008"}), ("Әбенов", {"0008"}),
    ("2175 0003 1000 123", {"0015"}), ("2175-0003-1000-123", {"0015"}), ("217500031000124", {"0016"}),
    ("2175 0003 1000 124", {"0016"}), ("1000 12", {"0015", "0016"}), ("мсп20260015", {"0015"}),
    ("МСП 2026 0016", {"0016"}), ("ВЫД2026", {"0007", "0008"}), ("вый", set()), ("2175 0003 1000 999", set()),
    # Spaces around what was typed are not part of it (a name pasted from a letter).
    ("  Қасымов  ", {"0007"}), ("  ", {reference[-4:] for reference in REFERENCES}),
]


def _found(text: str) -> set[str]:
    """The references among REFERENCES that `text` shows, by their last digits."""
    return {reference[-4:] for reference in REFERENCES if reference in text}


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_the_list_page_finds_either_spelling_and_numbers_typed_any_way(client, auth, register, query, expected):
    auth.login(register)
    page = client.get("/requests", query_string={"text": query}, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert _found(page.get_data(as_text=True)) == expected


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_the_api_list_and_export_find_them_alike(client, register, query, expected):
    headers = _token(register)
    listed = client.get("/api/v1/requests", query_string={"text": query}, headers=headers)
    assert listed.status_code == 200
    assert {item["reference"][-4:] for item in listed.json["items"]} == expected
    exported = client.get("/api/v1/requests/export", query_string={"text": query, "format": "csv", "sep": "comma"},
                          headers=headers)
    assert exported.status_code == 200
    assert {row[0][-4:] for row in table_of(exported, ",")[1:]} == expected


def test_whoever_may_not_see_names_finds_by_numbers_typed_any_way_but_never_by_a_name(client, auth, register):
    admin = make_user(Role.ADMIN)
    headers = _token(admin)
    auth.login(admin)
    for query, expected in (("2175 0003 1000 123", {"0015"}), ("мсп 2026 0016", {"0016"}), ("Нурлан", set()),
                            ("Қасымов", set()), ("Kassymov", set()), ("0201 нурлан", set())):
        page = client.get("/requests", query_string={"text": query}, headers={"Accept-Language": "en"})
        assert _found(page.get_data(as_text=True)) == expected, query
        listed = client.get("/api/v1/requests", query_string={"text": query}, headers=headers).json
        assert {item["reference"][-4:] for item in listed["items"]} == expected, query


def test_the_search_is_one_like_on_the_stored_text_within_the_lists_statements(client, auth, register,
                                                                               count_queries):
    auth.login(register)
    with count_queries(cold=True) as plain:
        client.get("/requests")
    with count_queries(cold=True) as searched:
        client.get("/requests", query_string={"text": "2175 0003 1000 123"})
    # PostgreSQL's trigram index serves the LIKE itself; SQLite's FTS5 table is asked for trigrams (MATCH) and the
    # requests it names are checked with GLOB, after one read of how many requests hold those trigrams.
    sqlite = db.engine.dialect.name == "sqlite"
    matching = "requests_search MATCH" if sqlite else "search_text LIKE"
    filtering = [statement for statement in searched if matching in statement]
    assert filtering and all("lower(" not in statement for statement in filtering)
    assert not sqlite or "searched.search_text GLOB" in filtering[0]
    # The index is read once, for the matching requests' ids, and stops one past LIST_SEARCH_COUNTED_UP_TO; the page
    # and the number of matches then come from one statement over those ids.
    assert len(searched) == len(plain) + 1 + sqlite
    assert len([statement for statement in searched if "FROM requests_search_terms" in statement]) == sqlite
    assert len(filtering) == 1 and "LIMIT" in filtering[0]
    assert len([statement for statement in searched if "OVER ()" in statement]) == 1


def test_every_page_of_a_search_and_its_count_are_those_of_the_whole_list(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 10)
    owner = make_user()
    for number in range(23):
        make_request(owner, Kind.EXTRADITION, reference=f"ВЫД-2026-{number:04d}", person_name=f"Сулейменов {number}")
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-0999", person_name="Абенов")
    auth.login(owner)
    expected = [f"ВЫД-2026-{number:04d}" for number in sorted(range(23), reverse=True)]  # newest change first
    seen = []
    for page in (1, 2, 3):
        html = client.get("/requests", query_string={"text": "Сулейменов", "page": page}).get_data(
            as_text=True)
        assert "23 requests" in html, page
        seen += [reference for reference in re.findall(r"ВЫД-2026-\d{4}", html.split("<tbody>")[1])]
    assert seen == expected
    past = client.get("/requests", query_string={"text": "Сулейменов", "page": 9}).get_data(as_text=True)
    assert "23 requests" in past and "past the last page" in past
    nothing = client.get("/requests", query_string={"text": "Жоқ"}).get_data(as_text=True)
    assert "0 requests" in nothing and "No requests." in nothing


def test_a_search_reads_the_trigram_index_not_every_request(register):
    # The text condition alone: with the list's other conditions the few rows here let a planner choose any index.
    query = sa.select(Request.id).where(text_condition("Қасымов"))
    plan = plan_of(query)
    if db.engine.dialect.name == "postgresql":
        assert "ix_requests_search_text_trgm" in plan, plan
    else:
        # "M": the FTS5 table answers a MATCH of trigrams; each request it names is read by its id and checked.
        assert "requests_search VIRTUAL TABLE INDEX 0:M" in plan, plan
        assert "SEARCH searched USING INTEGER PRIMARY KEY" in plan and "SCAN requests\n" not in plan + "\n", plan


def test_the_index_follows_every_change_to_the_register(register):
    assert _references("касымов") == ["ВЫД-2026-0007"]
    changed = db.session.scalar(sa.select(Request).where(Request.reference == "ВЫД-2026-0007"))
    changed.person_name, changed.person_name_latin = "Ерлан Ахметов", "Yerlan Akhmetov"
    db.session.commit()
    assert _references("касымов") == [] and _references("ерлан ахметов") == ["ВЫД-2026-0007"]
    # Rows written past the ORM (as the import writes them) are indexed too.
    _copy(db.session.scalar(sa.select(Request).where(Request.reference == "МСП-2026-0017")), 3)
    assert _references("199900031000999") == ["МСП-1-1", "МСП-1-2", "МСП-1-3", "МСП-2026-0017"]
    db.session.execute(sa.delete(Request).where(Request.reference.like("МСП-1-%")))
    db.session.commit()
    assert _references("199900031000999") == ["МСП-2026-0017"]


def test_wildcards_in_a_search_are_the_characters_typed(register):
    owner = register
    make_request(owner, reference="МСП-*?[%_]-1")
    make_request(owner, reference="МСП-XY-1")
    assert _references("*?[%_]") == ["МСП-*?[%_]-1"]
    for typed in ("*", "?", "[", "%", "_"):
        assert _references(f"мсп-{typed}") in ([], ["МСП-*?[%_]-1"]), typed
    assert _references("мсп-*") == ["МСП-*?[%_]-1"] and _references("мсп-?") == []
    # Tested on each request's own text (a common search read in the list's order), the same requests are found.
    for typed in ("*?[%_]", "мсп-*", "мсп-?", "мсп-[", "мсп-%", "мсп-_", *(query for query, _found in SEARCHES)):
        for names in (True, False):
            by_row = db.session.scalars(sa.select(Request.reference).where(row_condition(typed, names)))
            by_index = db.session.scalars(sa.select(Request.reference).where(text_condition(typed, names)))
            assert sorted(by_row) == sorted(by_index), (typed, names)


def test_the_migration_recomputes_the_search_text_of_an_old_register_in_batches(empty_database_url):  # noqa: F811
    """A register with requests spelt either way, more than one batch of them: going back to the revision before
    the folding leaves the search text as it was stored then; the upgrade recomputes each as the application
    computes it, and the search finds them."""
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url, "SECRET_KEY": "x"})
    directory = application.extensions["migrate"].directory
    with application.app_context():
        upgrade(directory=directory)
        seed_reference_data()
        db.session.commit()
        owner = make_user()
        make_request(owner, Kind.EXTRADITION, reference="ВЫД-1", person_name="Нұрлан Қасымов",
                     person_name_latin="Nurlan Kassymov", case_number="2175-0003-1000-200")
        _copy(make_request(owner, reference="МСП-1", case_number="217500031000123"), 2100)

        downgrade(directory=directory, revision=BEFORE_FOLDING)
        rows = _rows()
        assert len(rows) == 2102
        assert all(row.search_text == " ".join(part for part in row[1:5] if part).casefold() for row in rows)
        assert rows[0].search_text == "выд-1 2175-0003-1000-200 нұрлан қасымов nurlan kassymov"

        upgrade(directory=directory)
        rows = _rows()
        assert all(row.search_text == search_text_of(*row[1:5]) for row in rows)
        assert _references("нурлан касымов") == ["ВЫД-1"] and _references("217500031000200") == ["ВЫД-1"]
        assert len(_references("мсп 1")) == 2101  # МСП-1 and its copies МСП-1-1 ... МСП-1-2100
        without_names = dataclasses.replace(SYSTEM, personal_data=False)
        assert _references("2175 0003 1000 200", without_names) == ["ВЫД-1"]
        assert _references("нурлан", without_names) == []
        db.session.remove()
        db.engine.dispose()


def _copy(template, count):
    """`count` copies of `template`'s row with references МСП-1-1, МСП-1-2 ..., written as SQL writes them."""
    columns = [column.name for column in Request.__table__.columns if column.name not in ("id", "reference")]
    listed = ", ".join(columns)
    db.session.execute(sa.text(f"INSERT INTO requests (reference, {listed}) SELECT :reference, {listed} "
                               "FROM requests WHERE id = :id"),
                       [{"reference": f"МСП-1-{number}", "id": template.id} for number in range(1, count + 1)])
    db.session.commit()


def _rows():
    """Every request's id, the four values its search text is made of, and the search text. The read's transaction
    ends at once: on SQLite it would hold the lock the migrations' own connection needs."""
    rows = db.session.execute(sa.text("SELECT id, reference, case_number, person_name, person_name_latin, "
                                      "search_text FROM requests ORDER BY id")).all()
    db.session.rollback()
    return rows


def _references(query: str, access=SYSTEM) -> list[str]:
    """The references the list's text filter finds for `query`, over the whole register."""
    found = db.session.scalars(filtered_requests(RequestFilters(text=query, access=access)))
    return sorted(request.reference for request in found)


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_a_common_search_read_in_the_lists_order_finds_the_same(app, client, auth, register, monkeypatch, query,
                                                                  expected):
    # Every text two requests hold is taken for a common one: the list is read in its order, each request's own
    # search text tested, in either order a key sorts it by; sorted otherwise (by country), from the index as before.
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNTED_UP_TO", 1)
    auth.login(register)
    for sort in ({}, {"sort": "reference", "dir": "asc"}, {"sort": "country", "dir": "desc"}):
        page = client.get("/requests", query_string={"text": query, **sort}, headers={"Accept-Language": "en"})
        assert _found(page.get_data(as_text=True).split("<tbody>")[1]) == expected, (query, sort)


def test_a_common_search_never_finds_by_a_name_whoever_may_not_see_names(app, client, auth, register, monkeypatch):
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNTED_UP_TO", 1)
    auth.login(make_user(Role.ADMIN))
    for query, expected in (("1000 12", {"0015", "0016"}), ("ВЫД2026", {"0007", "0008"}), ("Нурлан", set())):
        page = client.get("/requests", query_string={"text": query}, headers={"Accept-Language": "en"})
        assert _found(page.get_data(as_text=True).split("<tbody>")[1]) == expected, query


def _listed(html: str) -> list[str]:
    return re.findall(r"ВЫД-2026-\d{4}", html.split("<tbody>")[1].split("</tbody>")[0])


def _next(html: str) -> str | None:
    """The address the Next link leads to, None when it is disabled."""
    found = re.search(r'<li class="page-item ">\s*<a class="page-link" href="([^"#]+)">Next</a>', html)
    return found and found.group(1).replace("&amp;", "&")


def test_every_page_of_a_common_search_by_next_and_by_number(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNTED_UP_TO", 6)
    owner = make_user()
    for number in range(23):
        make_request(owner, Kind.EXTRADITION, reference=f"ВЫД-2026-{number:04d}", person_name=f"Сулейменов {number}",
                     country_code="RU" if number % 5 == 0 else "KG")
        if number % 3 == 0:  # requests the search skips between the matches
            make_request(owner, Kind.EXTRADITION, reference=f"ВЫД-2026-{900 + number:04d}", person_name="Абенов")
    auth.login(owner)
    english = {"Accept-Language": "en"}
    newest_first = [f"ВЫД-2026-{number:04d}" for number in sorted(range(23), reverse=True)]
    for sort, expected in (({}, newest_first), ({"sort": "reference", "dir": "asc"}, sorted(newest_first))):
        first = client.get("/requests", query_string={"text": "сулейменов", **sort}, headers=english)
        html = first.get_data(as_text=True)
        assert "at least 6 requests" in html and _listed(html) == expected[:4]
        by_number = []
        for number in range(1, 8):
            html = client.get("/requests", query_string={"text": "сулейменов", "page": number, **sort},
                              headers=english).get_data(as_text=True)
            by_number += _listed(html)
            assert (_next(html) is None) == (number >= 6), number
        assert by_number == expected
        by_next, address = [], f"/requests?text=сулейменов&{'&'.join(f'{k}={v}' for k, v in sort.items())}"
        while address:
            html = client.get(address, headers=english).get_data(as_text=True)
            by_next += _listed(html)
            address = _next(html)
        assert by_next == expected, sort
    for language, words in (("ru", "не менее 6 запросов"), ("kk", "кемінде 6 сұрау салу")):
        client.post("/language", data={"language": language})
        html = client.get("/requests", query_string={"text": "сулейменов"})
        assert words in html.get_data(as_text=True), language
    client.post("/language", data={"language": "en"})
    # Within a filter that leaves fewer matches than the bound, the count is exact.
    html = client.get("/requests", query_string={"text": "сулейменов", "country": "RU"}, headers=english)
    assert "5 requests" in html.get_data(as_text=True) and "at least" not in html.get_data(as_text=True)
    assert _listed(html.get_data(as_text=True)) == [f"ВЫД-2026-{n:04d}" for n in (20, 15, 10, 5)]

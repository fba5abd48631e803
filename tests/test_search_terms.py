"""On SQLite a search asks the FTS5 index for the rare trigrams of the typed text only, as the counts of
requests_search_terms say, and checks each request it names against the whole text (migration 6f1d2b8a4c37): the
counts may be old, wrong or missing, and the requests found are the same."""
import importlib.util
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.factories import make_request, make_user
from tracker.domain import search
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Request
from tracker.services.access import SYSTEM
from tracker.services.queries import RequestFilters, filtered_requests
from tracker.services.text_search import TERM_COUNTS, asked_trigrams, count_search_terms, matching_ids

MIGRATION = Path(__file__).parent.parent / "migrations" / "versions" / "20261207_6f1d2b8a4c37_search_term_counts.py"
NAMES = ("Нұрлан Қасымов", "Нурлан Абенов", "Сергей Петров", "Айгүл Сулейменова", None)


@pytest.fixture
def numbered():
    """Twenty requests whose case numbers share their first ten digits, as an office's do, some typed with dashes,
    with a few names."""
    owner = make_user()
    for number in range(20):
        case = f"21750003100{number * 37 % 1000:04d}"
        make_request(owner, Kind.EXTRADITION if number % 3 else Kind.MLA, reference=f"ВЫД-2026-{number:04d}",
                     case_number=case if number % 4 else f"{case[:4]}-{case[4:8]}-{case[8:]}",
                     person_name=NAMES[number % len(NAMES)])
    return owner


def _texts() -> dict[int, str]:
    return dict(db.session.execute(sa.select(Request.id, Request.search_text)).all())


def _set_counts(counts: dict[str, int], total: int) -> None:
    db.session.execute(TERM_COUNTS.delete())
    rows = [{"term": term, "docs": docs} for term, docs in counts.items()] + [{"term": "", "docs": total}]
    db.session.execute(TERM_COUNTS.insert(), rows)
    g.pop("search_term_counts", None)


def _trigrams(text: str) -> set[str]:
    return {text[start:start + 3] for start in range(len(text) - 2)}


def _held(query: str, texts: dict[int, str], names: bool = True) -> set[int]:
    """The requests whose stored text holds one of the query's needles (before the names, unless `names`)."""
    return {request_id for request_id, text in texts.items()
            if any(needle in (text if names else text.split(search.NAMES_START)[0]) for needle in search.needles(query))}


def test_the_rarest_trigrams_are_asked_and_as_many_as_pay_for_their_lists():
    # A million requests: "000", "750" and "500" are held by all of them; "310" and "123" by a few thousand.
    counts = {"000": 1_000_000, "750": 1_000_000, "500": 1_000_000, "003": 113_679, "001": 113_680, "031": 13_979,
              "100": 13_963, "012": 13_979, "310": 3_999, "123": 3_999}
    assert asked_trigrams("7500031000123", counts, 1_000_000) == ["310", "123"]
    # Never counted: every trigram, as the index's own substring query asks.
    assert asked_trigrams("7500031000123", {}, 0) == ["750", "500", "000", "003", "031", "310", "100", "001",
                                                      "012", "123"]
    # A trigram missing from the counts was held by no request then: it is the rarest.
    assert asked_trigrams("новыйй", {"нов": 50_000, "овы": 40_000, "вый": 45_000}, 1_000_000) == ["ыйй"]
    # Trigrams each held by many requests together narrow the candidates, and are asked while that pays.
    common = {"сул": 40_000, "уле": 41_000, "лей": 90_000, "ейм": 38_000, "йме": 38_500, "мен": 200_000}
    assert asked_trigrams("сулеймен", common, 1_000_000) == ["ейм", "йме", "сул"]
    # Shorter than a trigram: nothing to ask (the index's GLOB reads every text).
    assert asked_trigrams("ab", {}, 10) == []


def test_a_search_asks_only_the_rare_trigrams_once_counted(numbered):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's trigram index plans its own lookups")
    typed = "2175 0003 1000 444"
    texts = _texts()
    before = _held(typed, texts)
    assert count_search_terms() > 0
    db.session.commit()
    g.pop("search_term_counts", None)
    statements = []

    def capture(connection, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))
    sa.event.listen(db.engine, "before_cursor_execute", capture)
    try:
        found = set(matching_ids(typed, True, 500))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", capture)
    assert found == before and len(found) == 1
    asked = [value for statement, parameters in statements if "requests_search MATCH" in statement
             for value in parameters if isinstance(value, str) and value.startswith('"')]
    # The shared prefix's trigrams are in every request: none is asked; the number's own end is.
    assert asked and all('"217"' not in value and '"750"' not in value for value in asked), asked
    assert any('"444"' in value for value in asked), asked


def test_count_terms_counts_the_requests_holding_each_trigram(app, numbered):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "count-terms"])
    assert result.exit_code == 0, result.output
    if db.engine.dialect.name != "sqlite":
        assert "PostgreSQL" in result.output and count_search_terms() == 0
        return
    texts = _texts()
    expected = {trigram: sum(trigram in text for text in texts.values())
                for trigram in set().union(*(_trigrams(text) for text in texts.values()))}
    counted = dict(db.session.execute(sa.select(TERM_COUNTS.c.term, TERM_COUNTS.c.docs)).all())
    assert counted.pop("") == len(texts) == 20
    assert counted == expected
    assert f"{len(expected)} trigrams counted" in result.output


def test_the_migration_counts_as_the_command_does(numbered):
    # The migration states the counting statements again (it may not import the app): both give the same counts.
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the counts are SQLite's")
    count_search_terms()
    counted = sorted(db.session.execute(sa.select(TERM_COUNTS)).all())
    assert len(counted) > 20
    spec = importlib.util.spec_from_file_location("search_term_counts_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    db.session.execute(TERM_COUNTS.delete())
    for statement in migration.COUNT:
        db.session.execute(sa.text(statement))
    assert sorted(db.session.execute(sa.select(TERM_COUNTS)).all()) == counted
    db.session.rollback()


def test_the_requests_found_do_not_depend_on_the_counts(numbered):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the counts are SQLite's")
    texts = _texts()
    alphabet = "0123456789 -нурлакысмовепт\"*?["
    pieces = sorted({text[start:start + length] for text in texts.values() for length in (2, 3, 4, 6, 9)
                     for start in range(0, max(1, len(text) - length), 3)})

    @settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
    @given(typed=st.one_of(st.sampled_from(pieces), st.text(alphabet, min_size=1, max_size=8)),
           counts=st.dictionaries(st.text(alphabet, min_size=3, max_size=3), st.integers(0, 40), max_size=40),
           own=st.lists(st.integers(0, 40), max_size=12), total=st.integers(0, 40))
    def check(typed, counts, own, total):
        if not search.needles(typed) or not any(search.needles(typed)):
            return
        trigrams = sorted(set().union(*(_trigrams(needle) for needle in search.needles(typed))))
        # Counts of the typed text's own trigrams, right or wrong, and of others.
        _set_counts(counts | dict(zip(trigrams, own)), total)
        expected = _held(typed, texts)
        listed = {request.id for request in db.session.scalars(
            filtered_requests(RequestFilters(text=typed, access=SYSTEM)))}
        assert listed == expected, (typed, counts, own, total)
        assert set(matching_ids(typed, True, 500)) == expected
        assert set(matching_ids(typed, False, 500)) == _held(typed, texts, names=False)
        capped = matching_ids(typed, True, 2)
        assert (capped is None) == (len(expected) > 2) and (capped is None or set(capped) == expected)
    check()


def test_a_search_of_one_or_two_characters_finds_the_requests_holding_them(numbered):
    # FTS5's substring query found nothing for fewer than three characters on SQLite; PostgreSQL's LIKE found them.
    texts = _texts()
    for typed in ("аб", "Қ", "44"):
        expected = _held(typed, texts)
        assert expected
        found = {request.id for request in db.session.scalars(
            filtered_requests(RequestFilters(text=typed, access=SYSTEM)))}
        assert found == expected == set(matching_ids(typed, True, 500)), typed

"""The audit log in the administrator's words: records by registration number, email or treaty code; fields as the
forms name them; values as names in the reader's language (countries, crime categories, treaties, languages, roles,
yes/no, dates as dd.MM.yyyy); at a cost that does not grow with the entries shown."""
import html
import re
from datetime import date

from babel import Locale
from flask_babel import force_locale, gettext

from tests.factories import category, make_request, make_user, treaty
from tracker import clock, labels
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models import AuditEntry
from tracker.web.admin_forms import TreatyForm, UserForm


def _rows(client, query):
    """The audit table's rows as text, newest first."""
    page = client.get(f"/admin/audit?{query}").get_data(as_text=True)
    body = page.split('id="audit-log"')[1].split("</table>")[0]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]]


def _say(language, label):
    """A label as the page shows it in `language`."""
    with force_locale(language):
        return str(label)


def test_a_request_change_reads_as_the_forms_and_the_register_name_things(client, auth):
    owner = make_user(Role.PROSECUTOR, name="Айгүл Сейітқали")
    request = make_request(owner, reference="МСП-2026-0117", country_code="RU", treaty_id=None,
                           crime_category_id=category("fraud").id, sent_on=date(2026, 9, 1))
    db.session.refresh(request)  # as a page or the API has it when it changes it
    request.country_code = "KG"
    request.crime_category_id = category("financial_pyramid").id
    request.treaty_id = treaty("minsk-1993").id
    request.in_custody = True
    request.sent_on = date(2026, 9, 15)
    db.session.commit()
    admin = make_user(Role.ADMIN, language=Language.RU)
    auth.login(admin)
    for language in ("ru", "kk"):
        client.post("/language", data={"language": language})
        # Each change was flushed as it was made (reading a category flushes): the entries read together.
        update = " | ".join(_rows(client, f"entity=requests&entity_id={request.id}")[:-1])

        def field(name):
            return _say(language, labels.FIELD[name])
        assert " МСП-2026-0117 " in f" {update} "
        assert f"{field('country_code')}: {labels.country_name('RU', language)} → " \
               f"{labels.country_name('KG', language)}" in update
        assert f"{field('crime_category_id')}: {category('fraud').name(language)} → " \
               f"{category('financial_pyramid').name(language)}" in update
        assert f"{field('treaty_id')}: — → {treaty('minsk-1993').short(language)}" in update
        with force_locale(language):
            yes, no = gettext("yes"), gettext("no")
        assert f"{field('in_custody')}: {no} → {yes}" in update
        assert f"{field('sent_on')}: 01.09.2026 → 15.09.2026" in update
        for raw in ("country_code", "crime_category_id", "treaty_id", "False", "True", "2026-09-15", f" {request.id} "):
            assert raw not in f" {update} ", raw
    link = client.get(f"/admin/audit?entity=requests&entity_id={request.id}").get_data(as_text=True)
    assert f'href="/requests/{request.id}"' in link


def test_a_user_change_names_the_language_and_the_role_in_the_readers_language(client, auth):
    user = make_user(Role.PROSECUTOR, email="d.ivanov@prokuror.example", language=Language.KK)
    db.session.refresh(user)
    user.language = Language.RU
    user.role = Role.SUPERVISOR
    db.session.commit()
    auth.login(make_user(Role.ADMIN, language=Language.RU))
    for language in ("ru", "kk"):
        client.post("/language", data={"language": language})
        update = " | ".join(_rows(client, f"entity=users&entity_id={user.id}")[:-1])
        assert "d.ivanov@prokuror.example" in update
        kazakh, russian = (Locale.parse(code).get_display_name(language).capitalize() for code in ("kk", "ru"))
        with force_locale(language):
            assert f"{UserForm.language.args[0]}: {kazakh} → {russian}" in update
            assert f"{UserForm.role.args[0]}: {labels.ROLE[Role.PROSECUTOR]} → {labels.ROLE[Role.SUPERVISOR]}" in update
        assert "language:" not in update and " kk " not in f" {update} " and "prosecutor" not in update


def test_a_treaty_is_named_by_its_code_and_a_deleted_record_by_what_was_recorded(client, auth):
    minsk = treaty("minsk-1993")
    assert minsk.arrest_limit_days == 40
    minsk.arrest_limit_days = 30
    db.session.commit()
    auth.login(make_user(Role.ADMIN, language=Language.RU))
    client.post("/language", data={"language": "ru"})
    update = _rows(client, f"entity=treaties&entity_id={minsk.id}")[0]
    assert "minsk-1993" in update and ": 40 → 30" in update
    with force_locale("ru"):
        assert str(TreatyForm.arrest_limit_days.args[0]) in update
    # An entry of a record no longer there names it by the key it recorded.
    db.session.add(AuditEntry(recorded_at=clock.now(), actor_id=None, source="cli", action="delete",
                              entity="treaties", entity_id="987654", changes={"code": ["old-treaty", None]}))
    db.session.commit()
    assert "old-treaty" in _rows(client, "entity=treaties&entity_id=987654")[0]


def test_the_page_costs_one_query_per_kind_of_record_named_not_per_entry(client, auth, count_queries):
    owner = make_user()
    admin = make_user(Role.ADMIN)

    def changed_requests(numbers):
        for number in numbers:
            request = make_request(owner, reference=f"AUD-{number}", crime_category_id=category("fraud").id)
            db.session.refresh(request)
            request.crime_category_id = category("financial_pyramid").id
            request.treaty_id = treaty("minsk-1993").id
            db.session.commit()

    def statements():
        with count_queries(cold=True) as found:
            assert client.get("/admin/audit?entity=requests").status_code == 200
        return len(found)
    changed_requests(range(1))
    auth.login(admin)
    few = statements()
    changed_requests(range(1, 25))
    assert statements() == few

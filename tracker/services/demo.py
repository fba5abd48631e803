"""Demo users and about a hundred realistic requests, created through the same services as the pages."""
import random
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, RefusalGround, Status, allowed_next
from tracker.extensions import db
from tracker.models import CrimeCategory, Request
from tracker.services.deadlines import record_reminder
from tracker.services.events import record_event
from tracker.services.treaties import Register
from tracker.services.requests import change_status, create_request
from tracker.services.users import create_user, find_user

DEMO_USERS = [
    ("a.seitkali@prokuror.example", "Айгүл Сейітқали", Role.PROSECUTOR, Language.KK, "demo-prosecutor-1"),
    ("d.ivanov@prokuror.example", "Дмитрий Иванов", Role.PROSECUTOR, Language.RU, "demo-prosecutor-2"),
    ("n.omarov@prokuror.example", "Нурлан Омаров", Role.PROSECUTOR, Language.RU, "demo-prosecutor-3"),
    ("s.bekova@prokuror.example", "Сауле Бекова", Role.SUPERVISOR, Language.RU, "demo-supervisor"),
    ("admin@prokuror.example", "Administrator", Role.ADMIN, Language.EN, "demo-head-office"),
]
# Where requests go, weighted roughly as a cooperation department sees them.
COUNTRIES = ["RU"] * 8 + ["KG"] * 5 + ["UZ"] * 4 + ["TR"] * 3 + ["AE"] * 3 + ["CN"] * 2 + \
    ["US", "GB", "DE", "BY", "AM", "GE", "UA", "IN", "KR", "ES", "IT", "FR", "RS", "PL", "LT", "CY"]
PEOPLE = [("Ахметов Ерлан Бауыржанұлы", "Akhmetov Yerlan"), ("Петров Сергей Викторович", "Petrov Sergei"),
          ("Жумабаева Динара Маратовна", "Zhumabayeva Dinara"), ("Ким Олег Николаевич", "Kim Oleg"),
          ("Сулейменов Арман Кайратович", "Suleimenov Arman"), ("Исаева Гульнара Рашидовна", "Isayeva Gulnara"),
          ("Байжанов Тимур Асланович", "Baizhanov Timur"), ("Ли Виктория Сергеевна", "Li Viktoriya")]
AUTHORITIES = {"RU": "Генеральная прокуратура Российской Федерации", "KG": "Генеральная прокуратура Кыргызской Республики",
               "UZ": "Генеральная прокуратура Республики Узбекистан", "TR": "Ministry of Justice of the Republic of Türkiye",
               "AE": "Ministry of Justice of the United Arab Emirates", "CN": "Ministry of Justice of the People's Republic of China",
               "US": "U.S. Department of Justice, Office of International Affairs"}
ACTIONS = ["допросить свидетеля", "истребовать сведения о банковских счетах", "провести обыск и выемку документов",
           "установить местонахождение подозреваемого", "вручить процессуальные документы"]


def load_demo(*, today: date, seed: int = 2021) -> list[tuple[str, str, str]]:
    """Creates the demo users and requests unless they exist; returns (email, password, role) of each user."""
    users = [_demo_user(*entry) for entry in DEMO_USERS]
    if db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0:
        # Made-up demo data: a seeded generator so every install gets the same demo, nothing secret.
        generator = random.Random(seed)  # nosec B311
        _demo_requests(generator, [u for u in users if u.role == Role.PROSECUTOR], today)
    return [(email, password, role.value) for email, _, role, _, password in DEMO_USERS]


def _demo_user(email, name, role, language, password):
    """The demo account, created if missing."""
    return find_user(email) or create_user(email, name, role, language, password, now=_moment(date(2021, 1, 4)))


def _demo_requests(rng, prosecutors, today):
    """About a hundred requests sent over the last five years, moved along realistic paths, three extradition
    requests still being prepared while the person is held abroad, and one sent but not yet received."""
    categories = list(db.session.scalars(sa.select(CrimeCategory)))
    treaties = Register()
    for number in range(1, 101):
        draw = rng.random()
        kind = Kind.EXTRADITION if draw < 0.3 else Kind.TRANSFER if draw > 0.95 else Kind.MLA
        sent_on = today - timedelta(days=rng.randint(0, 5 * 365))
        owner = rng.choice(prosecutors)
        data = _request_fields(rng, kind, number, rng.choice(COUNTRIES), sent_on, categories, treaties)
        request = create_request(owner, kind, data, owner=owner, sent_on=sent_on, today=today, now=_moment(sent_on))
        _confirm_receipt(rng, request, owner, today)
        _walk(rng, request, owner, today)
        _notify_outcome(rng, request, owner, today)
    for number, held_days in zip(range(101, 104), (12, 33, 44)):
        owner = prosecutors[number % len(prosecutors)]
        data = _request_fields(rng, Kind.EXTRADITION, number, rng.choice(["RU", "KG", "TR"]), today, categories,
                               treaties)
        data["detained_on"] = today - timedelta(days=held_days)
        create_request(owner, Kind.EXTRADITION, data, owner=owner, sent_on=None, today=today, now=_moment(today))
    # Sent five days ago, its receipt not yet confirmed: the release deadline still counts.
    owner = prosecutors[0]
    sent_on = today - timedelta(days=5)
    data = _request_fields(rng, Kind.EXTRADITION, 104, "KG", sent_on, categories, treaties)
    data["detained_on"] = today - timedelta(days=36)
    create_request(owner, Kind.EXTRADITION, data, owner=owner, sent_on=sent_on, today=today, now=_moment(sent_on))


def _confirm_receipt(rng, request, owner, today):
    """The requested state confirms receipt of an extradition request within days, before the release deadline."""
    if request.kind != Kind.EXTRADITION or request.detained_on is None:
        return
    received = min(request.sent_on + timedelta(days=rng.randint(1, 4)), request.detained_on + timedelta(days=39))
    if received <= today:
        record_event(owner, request, EventType.RECEIVED_ABROAD, on=received, note="", reference="",
                     expected_version=request.version, today=today, now=_moment(received))


def _notify_outcome(rng, request, owner, today):
    """The requested state is told the outcome of an extradition within weeks, but for the latest ones."""
    if request.kind != Kind.EXTRADITION or request.status not in (Status.EXTRADITED, Status.REFUSED):
        return
    notified = request.status_on + timedelta(days=rng.randint(5, 25))
    if notified <= today - timedelta(days=10):
        record_event(owner, request, EventType.OUTCOME_NOTIFIED, on=notified, note="", reference="",
                     expected_version=request.version, today=today, now=_moment(notified))


def _request_fields(rng, kind, number, country, sent_on, categories, treaties):
    """The registration details of one demo request."""
    category = rng.choice(categories)
    # The first treaty that applies to the country on the sending day, parties listed (the bilateral ones, the CIS
    # conventions); otherwise reciprocity.
    treaty = next((t for t in treaties.treaties.values() if t.party_terms
                   and treaties.refusal(kind.value, t, country, sent_on) is None), None)
    prefix = {Kind.EXTRADITION: "ВЫД", Kind.TRANSFER: "ПУП"}.get(kind, "МСП")
    data = {
        "reference": f"{prefix}-{sent_on.year}-{number:04d}",
        "country_code": country,
        "authority": AUTHORITIES.get(country, ""),
        "treaty_id": treaty.id if treaty else None,
        "case_number": f"{sent_on.year % 100:02d}{rng.randint(7100, 7999)}{rng.randint(0, 10**9 - 1):09d}",
        "crime_category_id": category.id,
        "articles": f"ст. {category.articles or '190'} ч. {rng.randint(2, 4)} УК РК",
        "summary": f"Просим {rng.choice(ACTIONS)} по уголовному делу.",
    }
    if kind == Kind.EXTRADITION:
        name, latin = rng.choice(PEOPLE)
        data |= {"person_name": name, "person_name_latin": latin, "person_citizenship": "KZ",
                 "person_birth_date": date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                 "detained_on": sent_on - timedelta(days=rng.randint(3, 35))}
    return data


def _walk(rng, request, owner, today):
    """Moves a request along its workflow: the older it is, the likelier it was closed; open ones were
    mostly acknowledged abroad and are chased with reminders."""
    age = (today - request.status_on).days
    steps = 99 if rng.random() < min(0.7, age / 900) else (1 + (rng.random() < 0.3) if age > 30 else 0)
    on = request.status_on
    while steps and allowed_next(request.kind, request.status):
        on = on + timedelta(days=rng.randint(10, max(11, min(120, age // 4))))
        if on > today:
            break
        target = _next_status(rng, request)
        ground = rng.choice(list(RefusalGround)) if target == Status.REFUSED else None
        change_status(owner, request, target, effective_on=on, note="", ground=ground,
                      expected_version=request.version, today=today, now=_moment(on))
        steps -= 1
    if request.kind == Kind.EXTRADITION and request.status == Status.GRANTED:
        surrendered = request.status_on + timedelta(days=rng.randint(5, 14))
        if surrendered + timedelta(days=10) <= today:  # the person was taken over within the window
            change_status(owner, request, Status.EXTRADITED, effective_on=surrendered, note="", ground=None,
                          expected_version=request.version, today=today, now=_moment(surrendered))
    if request.is_open and request.status in (Status.SENT, Status.PENDING, Status.SUPPLEMENT_REQUESTED,
                                              Status.PARTIALLY_EXECUTED):
        _remind(rng, request, owner, today)


def _remind(rng, request, owner, today):
    """Reminders every two months or so after the first three; now and then the latest is late."""
    if request.status == Status.SUPPLEMENT_REQUESTED and (today - request.status_on).days > 25:
        answered = request.status_on + timedelta(days=rng.randint(5, 20))
        change_status(owner, request, Status.PENDING, effective_on=answered, note="", ground=None,
                      expected_version=request.version, today=today, now=_moment(answered))
    skip_last = rng.random() < 0.25
    due = request.sent_on + timedelta(days=90)
    while due + timedelta(days=10) <= today:
        sent = max(due + timedelta(days=rng.randint(-5, 10)), request.status_on)
        if skip_last and sent + timedelta(days=60) > today:
            break
        record_reminder(owner, request, sent_on=sent, channel=rng.choice(list(ReminderChannel)), note="",
                        expected_version=request.version, today=today, now=_moment(sent))
        due = sent + timedelta(days=60)


def _next_status(rng, request):
    """Favours the usual path forward over refusals and withdrawals."""
    options = allowed_next(request.kind, request.status)
    usual = [s for s in options if s not in (Status.REFUSED, Status.WITHDRAWN, Status.RETURNED,
                                               Status.RELEASED_ABROAD)]
    return rng.choice(usual) if usual and rng.random() < 0.9 else rng.choice(options)


def _moment(day):
    """Ten in the morning, Almaty time, of `day`."""
    return datetime(day.year, day.month, day.day, 5, 0, tzinfo=timezone.utc)

"""The treaty register: which treaties can be a request's legal basis on its sending day, the requests whose basis
no longer fits, and the count of treaties in force per scope."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.domain import treaties as rules
from tracker.domain.date_range import in_date_range
from tracker.extensions import db
from tracker.models import Request, Treaty, TreatyScope


@dataclass(frozen=True)
class TreatyRefusal:
    """Why a treaty cannot be the basis of a request, with the facts its message names."""

    code: str
    treaty: Treaty
    country: str
    day: date
    since: date | None = None
    by: Treaty | None = None


def terms_of(treaty: Treaty) -> rules.TreatyTerms:
    """The domain's view of one treaty, its parties and precedence loaded."""
    return rules.TreatyTerms(
        id=treaty.id, scope=frozenset(s.value for s in treaty.scope), status=treaty.status.value,
        in_force_on=treaty.in_force_on, terminated_on=treaty.terminated_on,
        parties=tuple(rules.PartyTerm(p.country_code, p.applies_from, p.applies_until) for p in treaty.party_terms),
        supersedes=tuple(t.id for t in treaty.supersedes))


def register(*, active_only: bool = True) -> dict[int, Treaty]:
    """Every treaty (in use) with its parties and precedence, in a fixed number of queries."""
    query = sa.select(Treaty).options(selectinload(Treaty.party_terms), selectinload(Treaty.supersedes))
    if active_only:
        query = query.where(Treaty.active.is_(True))
    return {t.id: t for t in db.session.scalars(query)}


class Register:
    """The treaties in use and the domain's view of each, loaded once for many checks (an import's rows)."""

    def __init__(self, treaties: dict[int, Treaty] | None = None):
        self.treaties = treaties if treaties is not None else register()
        self.terms = {tid: terms_of(t) for tid, t in self.treaties.items() if t.active}

    def refusal(self, kind: str, treaty: Treaty, country: str, day: date) -> TreatyRefusal | None:
        """Why `treaty` cannot be the basis of a request of `kind` to `country` sent on `day`, or None."""
        if not treaty.active:
            return TreatyRefusal("unknown_treaty", treaty, country, day)
        terms = self.terms.get(treaty.id) or terms_of(treaty)
        found = rules.refusal(terms, kind, country, day, self.terms)
        if found is None:
            return None
        return TreatyRefusal(found.code, treaty, country, day, found.since,
                             self.treaties.get(found.by) if found.by else None)


def treaty_refusal(kind: str, treaty: Treaty, country: str, day: date,
                   treaties: Register | None = None) -> TreatyRefusal | None:
    """Why `treaty` cannot be the basis of a request of `kind` to `country` sent on `day`, or None."""
    return (treaties or Register()).refusal(kind, treaty, country, day)


def applicable(kind: str, country: str, day: date) -> list[Treaty]:
    """The treaties that can be the basis of a request of `kind` to `country` sent on `day`, by short name."""
    found = Register()
    return sorted((found.treaties[tid] for tid in rules.applicable(found.terms, kind, country, day)),
                  key=lambda t: t.short_name)


def misfits(limit: int = 200) -> tuple[int, list[tuple[Request, TreatyRefusal]]]:
    """Registered requests whose treaty no longer fits their country, kind and sending day: how many, and the
    first `limit` with the reason. They keep their treaty; an administrator looks into each."""
    treaties = {t.id: t for t in db.session.scalars(
        sa.select(Treaty).options(selectinload(Treaty.party_terms), selectinload(Treaty.supersedes)))}
    terms = {tid: terms_of(t) for tid, t in treaties.items() if t.active}
    rows = db.session.execute(
        sa.select(Request.id, Request.kind, Request.country_code, Request.treaty_id, Request.sent_on,
                  Request.created_at)
        .where(Request.treaty_id.is_not(None), Request.deleted_at.is_(None)).order_by(Request.id)
        .execution_options(yield_per=2000))
    found, total = [], 0
    for row in rows:
        day = row.sent_on or row.created_at.date()
        treaty = treaties[row.treaty_id]
        refusal = (rules.Refusal("unknown_treaty") if not treaty.active else
                   rules.refusal(terms_of(treaty), row.kind.value, row.country_code, day, terms))
        if refusal is None:
            continue
        total += 1
        if len(found) < limit:
            found.append((row.id, TreatyRefusal(refusal.code, treaty, row.country_code, day, refusal.since,
                                                treaties.get(refusal.by) if refusal.by else None)))
    requests = {r.id: r for r in db.session.scalars(sa.select(Request).where(Request.id.in_([i for i, _ in found])))}
    return total, [(requests[i], refusal) for i, refusal in found]


def in_force_counts(day: date) -> dict[TreatyScope, int]:
    """How many treaties in use are in force for Kazakhstan on `day`, per scope (the letter's "29 treaties")."""
    counts = dict.fromkeys(TreatyScope, 0)
    for treaty in register().values():
        if rules.in_force_on(terms_of(treaty), day):
            for scope in treaty.scope:
                counts[scope] += 1
    return counts


def parties_to_text(treaty: Treaty) -> str:
    """A treaty's parties as the form and the export write them: "RU:2023-06-28;UA:1995-04-14:2023-01-01;KG"."""
    return ";".join(":".join([p.country_code] + [d.isoformat() if d else "" for d in (p.applies_from, p.applies_until)])
                    .rstrip(":") for p in treaty.party_terms)


def parties_from_text(text: str, countries: set[str]) -> list[tuple[str, date | None, date | None]]:
    """Parties written as "CODE[:FROM[:UNTIL]]", separated by ";" or new lines, dates as YYYY-MM-DD or DD.MM.YYYY.

    Raises ValueError with an error code: "party_format", "unknown_country", "party_dates", "party_twice",
    "date_out_of_range".
    """
    found, seen = [], set()
    for part in (p.strip() for chunk in text.splitlines() for p in chunk.split(";")):
        if not part:
            continue
        code, *dates = [piece.strip() for piece in part.split(":")]
        code = code.upper()
        if len(dates) > 2:
            raise ValueError("party_format")
        if code not in countries:
            raise ValueError("unknown_country")
        if code in seen:
            raise ValueError("party_twice")
        since, until = (_date(d) for d in (dates + ["", ""])[:2])
        if since and until and until <= since:
            raise ValueError("party_dates")
        seen.add(code)
        found.append((code, since, until))
    return found


def _date(text: str) -> date | None:
    """YYYY-MM-DD or DD.MM.YYYY; empty is None."""
    if not text:
        return None
    try:
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            day = date(int(text[6:]), int(text[3:5]), int(text[:2]))
        else:
            day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("party_format") from None
    if not in_date_range(day):
        raise ValueError("date_out_of_range")
    return day

"""Which treaty can be the legal basis of a request: its scope, its status for Kazakhstan on the day, the
parties it applies to from and until which day, and the treaties that replace it between common parties."""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartyTerm:
    """A party to a treaty and the days the treaty applies between it and Kazakhstan (None: not known)."""

    country: str
    applies_from: date | None = None
    applies_until: date | None = None

    def applies_on(self, day: date) -> bool:
        """True unless a known date says the treaty did not yet, or no longer, apply on `day`."""
        return (self.applies_from is None or self.applies_from <= day) and \
            (self.applies_until is None or day < self.applies_until)


@dataclass(frozen=True)
class TreatyTerms:
    """What the choice of a legal basis needs to know about one treaty."""

    id: int
    scope: frozenset[str]
    status: str                       # in_force, signed, terminated
    in_force_on: date | None = None   # for Kazakhstan; None when not known
    terminated_on: date | None = None
    parties: tuple[PartyTerm, ...] = ()   # empty: any state party (the UN conventions)
    supersedes: tuple[int, ...] = ()

    def party(self, country: str) -> PartyTerm | None:
        """The treaty's terms with that country, if it lists it."""
        return next((p for p in self.parties if p.country == country), None)


@dataclass(frozen=True)
class Refusal:
    """Why a treaty cannot be the basis: a code, and the facts its message names."""

    code: str
    since: date | None = None          # the date the treaty starts or stops applying
    by: int | None = None              # the treaty that replaces it


def refusal(treaty: TreatyTerms, kind: str, country: str, day: date,
            treaties: dict[int, TreatyTerms]) -> Refusal | None:
    """Why `treaty` cannot be the basis of a request of `kind` to `country` sent on `day`, or None if it can."""
    if kind not in treaty.scope:
        return Refusal("treaty_scope")
    if treaty.status == "signed" or (treaty.in_force_on is not None and day < treaty.in_force_on):
        return Refusal("treaty_not_in_force", since=treaty.in_force_on)
    if treaty.status == "terminated" and (treaty.terminated_on is None or day >= treaty.terminated_on):
        return Refusal("treaty_terminated", since=treaty.terminated_on)
    if treaty.parties:
        party = treaty.party(country)
        if party is None:
            return Refusal("not_a_party")
        if not party.applies_on(day):
            early = party.applies_from is not None and day < party.applies_from
            return Refusal("party_not_yet" if early else "party_no_longer",
                           since=party.applies_from if early else party.applies_until)
    return _superseded(treaty, country, day, treaties)


def _superseded(treaty, country, day, treaties):
    """A later treaty replaces this one between Kazakhstan and `country` from the day it applies between them."""
    for other in treaties.values():
        if treaty.id not in other.supersedes or other.status != "in_force":
            continue
        party = other.party(country)
        start = party.applies_from if party else None
        if start is not None and start <= day and party.applies_on(day):
            return Refusal("treaty_superseded", since=start, by=other.id)
    return None


def applicable(treaties: dict[int, TreatyTerms], kind: str, country: str, day: date) -> list[int]:
    """The treaties that can be the basis of a request of `kind` to `country` sent on `day`."""
    return [t.id for t in treaties.values() if refusal(t, kind, country, day, treaties) is None]


def in_force_on(treaty: TreatyTerms, day: date) -> bool:
    """True when the treaty is in force for Kazakhstan on `day` as far as the register knows."""
    if treaty.status == "signed":
        return False
    if treaty.in_force_on is not None and day < treaty.in_force_on:
        return False
    return not (treaty.status == "terminated" and (treaty.terminated_on is None or day >= treaty.terminated_on))

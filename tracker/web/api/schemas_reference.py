"""The answers of the API's reference data (crime categories, countries, treaties) and of its two main reports
(pending by country, period statistics) as pydantic models: one declaration per answer shapes what the route sends
and is its OpenAPI description (tracker/web/api/openapi.py)."""
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, create_model

from tracker.services.reports import OUTCOME_NAMES
from tracker.web.api.contract import KINDS
from tracker.web.api.schemas import Answer

class Names(Answer):
    """A name in each language."""

    kk: str
    ru: str
    en: str


class CrimeCategory(Answer):
    """A crime category, by the code requests name it with."""

    code: str
    name: Annotated[str, Field(description="In the caller's language")]
    names: Names
    articles: Annotated[str, Field(description="The Criminal Code's articles it covers")]


class Ages(Answer):
    """Open requests by how long they have been pending, in days."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True)

    up_to_90: Annotated[int, Field(alias="0-90", ge=0)]
    up_to_180: Annotated[int, Field(alias="91-180", ge=0)]
    up_to_365: Annotated[int, Field(alias="181-365", ge=0)]
    longer: Annotated[int, Field(alias="366+", ge=0)]


Count = Annotated[int, Field(ge=0)]


class PendingRow(Answer):
    """One country's open requests (the totals have no country)."""

    country: str = None
    mla: Count
    extradition: Count
    transfer: Count
    total: Count
    overdue: Annotated[int | None, Field(description="Null as of a past day, when it is not known")]
    oldest_days: Count
    age_days: Ages


class PendingByCountry(Answer):
    """Open requests per country, as of a day."""

    as_of: date
    rows: list[PendingRow]
    totals: PendingRow


Outcomes = create_model(
    "Outcomes", __base__=Answer, __doc__="What became of the requests sent, by the as-of day: disjoint outcomes of the "
                                         "kind that add up to `sent`",
    **{name: (Count, None) for name in OUTCOME_NAMES})


class Figures(Answer):
    """Requests sent and what became of them."""

    sent: Count
    outcomes: Outcomes


class StatisticsRow(Figures):
    """One kind and crime category."""

    kind: Literal[KINDS]
    crime_category: str


class KindTotals(Answer):
    """The figures of each kind."""

    mla: Figures
    extradition: Figures
    transfer: Figures


class Statistics(Answer):
    """Requests sent in the period by kind and crime category, and what became of them by the as-of day."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True)

    first_day: Annotated[date, Field(alias="from")]
    last_day: Annotated[date, Field(alias="to")]
    as_of: date
    rows: list[StatisticsRow]
    totals: KindTotals
    text: Annotated[str, Field(description="The figures as the office's letters state them")]


class CentralAuthority(Answer):
    """Where requests to a country go."""

    name: str
    address: str
    email: str
    phone: str


class Country(Answer):
    """A country, named in the caller's language."""

    code: str
    name: str
    eaeu: bool
    cis: bool
    central_authority: CentralAuthority


class Party(Answer):
    """A party to a treaty, with the days the treaty applies between it and Kazakhstan."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True)

    country: str
    applies_from: Annotated[date | None, Field(alias="from")]
    until: date | None


class Treaty(Answer):
    """A treaty of the register."""

    code: str
    short_name: str
    title: str
    titles: Names
    multilateral: bool
    scope: list[Literal["mla", "extradition", "transfer", "sentenced_persons"]]
    status: Literal["in_force", "signed", "terminated"]
    signed_on: date | None
    in_force_on: date | None
    terminated_on: date | None
    arrest_limit_days: int | None
    arrest_limit_months: int | None
    arrest_counts_from: Literal["detention", "notification"]
    parties: list[Party]
    supersedes: list[str]
    source: str
    confirmed: Annotated[bool, Field(description="An administrator confirmed the facts against the source; until "
                                                 "then they are public knowledge to be checked")]
    active: bool


ANSWERS = ("CrimeCategory", "PendingByCountry", "Statistics", "Country", "Treaty")

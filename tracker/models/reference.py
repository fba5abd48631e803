"""Reference data kept by administrators: countries, treaties, crime categories."""
import secrets
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from flask import g, has_app_context
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import enum_type


class TreatyScope(StrEnum):
    """What a treaty covers; a treaty covers a set of these."""

    MLA = "mla"
    EXTRADITION = "extradition"
    TRANSFER = "transfer"                       # transfer of criminal proceedings
    SENTENCED_PERSONS = "sentenced_persons"     # transfer of sentenced persons


class TreatyStatus(StrEnum):
    """Where a treaty stands for Kazakhstan."""

    IN_FORCE = "in_force"
    SIGNED = "signed"            # signed, not (yet) in force
    TERMINATED = "terminated"


class ArrestStart(StrEnum):
    """The event a treaty's provisional-arrest limit counts from."""

    DETENTION = "detention"
    NOTIFICATION = "notification"   # the requesting state being notified of the arrest (Montevideo art. 10)


treaty_supersedes = sa.Table(
    "treaty_supersedes",
    db.metadata,
    sa.Column("treaty_id", sa.ForeignKey("treaties.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("superseded_id", sa.ForeignKey("treaties.id", ondelete="CASCADE"), primary_key=True),
)


class ReferenceData:
    """What pages keep in each web worker (tracker/services/reference_cache.py): every change to a row of a class
    with this mark gives the reference data a new version (ReferenceVersion), in the same transaction. A class that
    is reference data in some columns only (a user's name, role, unit and whether active, which the choices of
    owners show; not a password or a language) names them in `reference_columns` instead."""


def changes_reference_data(obj, session) -> bool:
    """True when `obj`, new, deleted or changed in `session`, is reference data or changed one of its
    `reference_columns`."""
    if isinstance(obj, ReferenceData):
        return True
    columns = getattr(type(obj), "reference_columns", ())
    if not columns:
        return False
    if obj in session.new or obj in session.deleted:
        return True
    attributes = sa.inspect(obj).attrs
    return any(attributes[name].history.has_changes() for name in columns)


@audited
class Country(ReferenceData, db.Model):
    """An ISO 3166 country; names come from CLDR in the user's language."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    name_en: Mapped[str] = mapped_column(sa.String(100))
    # The office's name where it differs from CLDR's (Кыргызстан, not Киргизия); empty: CLDR's.
    official_name_kk: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    official_name_ru: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    official_name_en: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    eaeu: Mapped[bool] = mapped_column(default=False)
    cis: Mapped[bool] = mapped_column(default=False)
    authority_name: Mapped[str] = mapped_column(sa.String(300), default="")
    authority_address: Mapped[str] = mapped_column(sa.Text, default="")
    authority_email: Mapped[str] = mapped_column(sa.String(254), default="")
    authority_phone: Mapped[str] = mapped_column(sa.String(100), default="")


@audited
class TreatyParty(ReferenceData, db.Model):
    """A party to a treaty, with the days the treaty applies between it and Kazakhstan (None: not known)."""

    __tablename__ = "treaty_parties"

    treaty_id: Mapped[int] = mapped_column(sa.ForeignKey("treaties.id", ondelete="CASCADE"), primary_key=True)
    country_code: Mapped[str] = mapped_column(sa.ForeignKey("countries.code"), primary_key=True)
    applies_from: Mapped[date | None]
    applies_until: Mapped[date | None]


@audited
class Treaty(ReferenceData, db.Model):
    """A treaty (or convention) on legal assistance or extradition, and the deadlines it sets."""

    __tablename__ = "treaties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # The English short name; the Kazakh and Russian ones fall back to it when empty.
    short_name: Mapped[str] = mapped_column(sa.String(120))
    short_name_kk: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    short_name_ru: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    title_kk: Mapped[str] = mapped_column(sa.Text)
    title_ru: Mapped[str] = mapped_column(sa.Text)
    title_en: Mapped[str] = mapped_column(sa.Text)
    multilateral: Mapped[bool] = mapped_column(default=False)
    # The scope as a set: each kind of cooperation the treaty provides for.
    covers_mla: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    covers_extradition: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    covers_transfer: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    covers_sentenced_persons: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[TreatyStatus] = mapped_column(enum_type(TreatyStatus, "treaty_status"),
                                                 default=TreatyStatus.IN_FORCE,
                                                 server_default=TreatyStatus.IN_FORCE.value)
    signed_on: Mapped[date | None]
    # In force for Kazakhstan since; None when no source gives the date.
    in_force_on: Mapped[date | None]
    terminated_on: Mapped[date | None]
    # How long a person may be held abroad awaiting our extradition request, in days or in months (one of the
    # two), and from which event; None: the default rule.
    arrest_limit_days: Mapped[int | None]
    arrest_limit_months: Mapped[int | None]
    arrest_counts_from: Mapped[ArrestStart] = mapped_column(enum_type(ArrestStart, "arrest_start"),
                                                            default=ArrestStart.DETENTION,
                                                            server_default=ArrestStart.DETENTION.value)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # Where the facts came from; until an administrator confirms the row, it is public knowledge to be checked.
    source: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    confirmed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    active: Mapped[bool] = mapped_column(default=True)

    party_terms: Mapped[list[TreatyParty]] = relationship(cascade="all, delete-orphan",
                                                          order_by=TreatyParty.country_code)
    parties: Mapped[list[Country]] = relationship(secondary="treaty_parties", order_by=Country.code, viewonly=True)
    supersedes: Mapped[list["Treaty"]] = relationship(
        secondary=treaty_supersedes, primaryjoin=lambda: Treaty.id == treaty_supersedes.c.treaty_id,
        secondaryjoin=lambda: Treaty.id == treaty_supersedes.c.superseded_id, order_by=lambda: Treaty.code)

    __table_args__ = (sa.CheckConstraint("arrest_limit_days IS NULL OR arrest_limit_days > 0",
                                         name="arrest_limit_positive"),
                      sa.CheckConstraint("arrest_limit_months IS NULL OR (arrest_limit_months > 0 AND "
                                         "arrest_limit_days IS NULL)", name="arrest_limit_one_unit"))

    @property
    def scope(self) -> list[TreatyScope]:
        """What the treaty covers, in a fixed order."""
        return [s for s in TreatyScope if getattr(self, f"covers_{s.value}")]

    @scope.setter
    def scope(self, values) -> None:
        chosen = {TreatyScope(v) for v in values}
        for member in TreatyScope:
            setattr(self, f"covers_{member.value}", member in chosen)

    def title(self, language: str) -> str:
        """The full title in `language`, falling back to Russian."""
        return getattr(self, f"title_{language}", None) or self.title_ru

    def short(self, language: str) -> str:
        """The short name in `language`, falling back to the English one."""
        return getattr(self, f"short_name_{language}", None) or self.short_name

    def covers(self, kind: str) -> bool:
        """True when the treaty can be the basis of a request of this kind."""
        return TreatyScope(kind) in self.scope


@audited
class CrimeCategory(ReferenceData, db.Model):
    """A category of crime with its Criminal Code articles, used in statistics."""

    __tablename__ = "crime_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name_kk: Mapped[str] = mapped_column(sa.String(200))
    name_ru: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    articles: Mapped[str] = mapped_column(sa.String(100), default="")
    position: Mapped[int] = mapped_column(default=0)
    # How the statistics paragraph names the category after a number: "6 по мошенничествам", "6 for fraud".
    phrase_kk: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    phrase_ru: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    phrase_en: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    # How the paragraph names the category's cases when a report is narrowed to it: "по уголовным делам о
    # мошенничествах", "алаяқтық туралы қылмыстық істер бойынша", "in cases of fraud".
    scope_kk: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    scope_ru: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    scope_en: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")

    def scope(self, language: str) -> str:
        """The word for the category's cases in the paragraph, or "" when the office has not set it."""
        return getattr(self, f"scope_{language}", None) or ""

    def name(self, language: str) -> str:
        """The name in `language`, falling back to Russian."""
        return getattr(self, f"name_{language}", None) or self.name_ru

    def phrase(self, language: str) -> str:
        """The phrase for the statistics paragraph, or the name when none is set."""
        return getattr(self, f"phrase_{language}", None) or f"({self.name(language)})"


class ReferenceVersion(db.Model):
    """One row whose version is replaced by a new random one with every change to reference data (ReferenceData:
    countries, treaties and their parties, crime categories, deadline rules, the calendar of non-working days, and
    users' names, roles, units and whether active, units and their heads), in the same transaction: each web worker
    reads it once per page that needs reference data and rebuilds what it keeps of that data
    (tracker/services/reference_cache.py) only when it changed. Random, not counted: a database restored from a
    backup cannot bring back a number that meant other data. The database's own triggers (migration 2a7e4c9f1d63)
    replace it too, as the transaction commits, so that a change written around the ORM (a script's SQL, a hand at
    the console) is seen by every worker's next page as well."""

    __tablename__ = "reference_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(32))


@sa.event.listens_for(Session, "before_flush")
def _raise_reference_version(session, flush_context, instances):
    """Gives the reference data a new version when the flush adds, changes or deletes some of it."""
    if any(changes_reference_data(obj, session) for objects in (session.new, session.dirty, session.deleted)
           for obj in objects):
        session.execute(sa.update(ReferenceVersion).values(version=secrets.token_hex(16)))
        if has_app_context():
            # The page that made the change reads the new version for what it shows next.
            g.pop("reference_version", None)


@sa.event.listens_for(Session, "after_soft_rollback")
def _forget_version_rolled_back(session, previous_transaction):
    """A page that read the version its own change gave, then rolled that change back, reads the version again."""
    if has_app_context():
        g.pop("reference_version", None)

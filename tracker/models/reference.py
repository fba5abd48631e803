"""Reference data kept by administrators: countries, treaties, crime categories."""
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import enum_type


class TreatyScope(StrEnum):
    """What a treaty covers."""

    MLA = "mla"
    EXTRADITION = "extradition"
    BOTH = "both"


treaty_parties = sa.Table(
    "treaty_parties",
    db.metadata,
    sa.Column("treaty_id", sa.ForeignKey("treaties.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("country_code", sa.ForeignKey("countries.code"), primary_key=True),
)


@audited
class Country(db.Model):
    """An ISO 3166 country; names come from CLDR in the user's language."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    name_en: Mapped[str] = mapped_column(sa.String(100))
    eaeu: Mapped[bool] = mapped_column(default=False)
    cis: Mapped[bool] = mapped_column(default=False)
    authority_name: Mapped[str] = mapped_column(sa.String(300), default="")
    authority_address: Mapped[str] = mapped_column(sa.Text, default="")
    authority_email: Mapped[str] = mapped_column(sa.String(254), default="")
    authority_phone: Mapped[str] = mapped_column(sa.String(100), default="")


@audited
class Treaty(db.Model):
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
    scope: Mapped[TreatyScope] = mapped_column(enum_type(TreatyScope, "treaty_scope"))
    signed_on: Mapped[date | None]
    in_force_on: Mapped[date | None]
    # Days a person may be held abroad awaiting our extradition request; None means the default rule.
    arrest_limit_days: Mapped[int | None]
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    parties: Mapped[list[Country]] = relationship(secondary=treaty_parties, order_by=Country.code)

    __table_args__ = (sa.CheckConstraint("arrest_limit_days IS NULL OR arrest_limit_days > 0",
                                         name="arrest_limit_positive"),)

    def title(self, language: str) -> str:
        """The full title in `language`, falling back to Russian."""
        return getattr(self, f"title_{language}", None) or self.title_ru

    def short(self, language: str) -> str:
        """The short name in `language`, falling back to the English one."""
        return getattr(self, f"short_name_{language}", None) or self.short_name

    def covers(self, kind: str) -> bool:
        """True when the treaty can be the basis of a request of this kind.

        Whether a treaty provides for the transfer of proceedings is not recorded yet, so any treaty may be the
        basis of a transfer.
        """
        return self.scope == TreatyScope.BOTH or self.scope.value == kind or kind == "transfer"


@audited
class CrimeCategory(db.Model):
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

    def name(self, language: str) -> str:
        """The name in `language`, falling back to Russian."""
        return getattr(self, f"name_{language}", None) or self.name_ru

    def phrase(self, language: str) -> str:
        """The phrase for the statistics paragraph, or the name when none is set."""
        return getattr(self, f"phrase_{language}", None) or f"({self.name(language)})"

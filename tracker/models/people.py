"""Users of MLA Tracker."""
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.emails import comparison_key
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import UtcDateTime, enum_type


# The units a supervisor heads beyond their own: they see those units' requests too (tracker.domain.access).
unit_heads = sa.Table(
    "unit_heads", db.metadata,
    sa.Column("unit_id", sa.ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


@audited
class Unit(db.Model):
    """A department of the office: its prosecutors see each other's requests, its supervisors all of them.

    An office that sets up no units has only the default one, holding every user.
    """

    __tablename__ = "units"
    # Who sees which requests follows from the units and their heads: a change to them gives the reference data a
    # new version (tracker.models.reference.ReferenceData), and what each worker keeps by it is written again.
    reference_columns = ("name", "is_default", "heads")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    # Exactly one unit is the default: where users go when no unit is named.
    is_default: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    heads: Mapped[list["User"]] = relationship(secondary=unit_heads, order_by="User.name")

    def __repr__(self) -> str:
        return f"<Unit {self.name}>"


@audited
class User(UserMixin, db.Model):
    """A prosecutor, supervisor, member of the central authority or administrator who logs in."""

    __tablename__ = "users"
    # What the choices of owners show and who is among them (the unit by its id or as the relationship, which sets
    # the id only when written): a change to any gives the reference data a new version
    # (tracker.models.reference.ReferenceData).
    reference_columns = ("name", "role", "active", "unit_id", "unit")

    id: Mapped[int] = mapped_column(primary_key=True)
    # Folded (NFKC, case folding) as tracker.domain.emails.fold gives it; logins look it up in that form.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    # Digest of the address's look-alike skeleton: no second account can have an address that reads the same.
    email_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    language: Mapped[Language] = mapped_column(enum_type(Language, "language"), default=Language.RU)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Part of every session's login: raising it ends all the user's sessions (logout, new password, role change,
    # deactivation), copies of the session cookie included.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    headed_units: Mapped[list[Unit]] = relationship(secondary=unit_heads, viewonly=True, order_by=Unit.name)

    @validates("email")
    def _keep_email_key(self, _key, address):
        """The comparison key follows the address whoever sets it."""
        self.email_key = comparison_key(address)
        return address

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses deactivated users."""
        return self.active

    def get_id(self) -> str:
        """What the session holds: the user and the session version it was opened under."""
        return f"{self.id}.{self.session_version}"

    def set_password(self, password: str) -> None:
        """Stores a salted hash, never the password."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class AccountThrottle(db.Model):
    """Failed logins in a row for one e-mail as typed at login, an account's or not, and the lockout they caused.

    Unknown addresses are counted and locked exactly like accounts, so a lockout does not tell that an account
    exists. Keyed by the SHA-256 of the folded address, so what people type there (a password, at times) is
    not stored as typed.
    """

    __tablename__ = "account_throttle"

    email_digest: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class LoginThrottle(db.Model):
    """Failed logins from one network address in the current window, shared by every worker."""

    __tablename__ = "login_throttle"

    address: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime())
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


def hash_password(password: str) -> str:
    """A salted hash of `password` by the configured method (PASSWORD_HASH_METHOD: werkzeug's scrypt unless set)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
    return generate_password_hash(password, method=method)

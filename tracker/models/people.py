"""Users of MLA Tracker."""
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models.audit import audited
from tracker.models._types import enum_type


@audited
class User(UserMixin, db.Model):
    """A prosecutor, supervisor or administrator who logs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    language: Mapped[Language] = mapped_column(enum_type(Language, "language"), default=Language.RU)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    # SHA-256 of the user's API token; the token itself is shown once and never stored.
    api_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # Failed logins in a row and the lockout they caused; in the database, so every worker sees them.
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses deactivated users."""
        return self.active

    def set_password(self, password: str) -> None:
        """Stores a salted hash, never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginThrottle(db.Model):
    """Failed logins from one network address in the current window, shared by every worker."""

    __tablename__ = "login_throttle"

    address: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

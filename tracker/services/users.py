"""Creating and changing user accounts."""
import hashlib
import secrets
from datetime import datetime

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email

from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models import User
from tracker.services.errors import FieldErrors

MIN_PASSWORD_LENGTH = 10


def normalise_email(raw: str) -> str:
    """The address as stored: trimmed and lower-case, or FieldErrors if it is not an address."""
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise FieldErrors({"email": "invalid_email"}) from None


def create_user(email: str, name: str, role: Role, language: Language, password: str, *, now: datetime) -> User:
    """Adds an account; the email must be new and the password long enough."""
    address = normalise_email(email)
    errors = {}
    if find_user(address) is not None:
        errors["email"] = "duplicate_email"
    if not (name or "").strip():
        errors["name"] = "required"
    if len(password or "") < MIN_PASSWORD_LENGTH:
        # "password" names the field; the value is an error code, not a password.
        errors["password"] = "short_password"  # nosec B105
    if errors:
        raise FieldErrors(errors)
    user = User(email=address, name=name.strip(), role=role, language=language, active=True, created_at=now)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, *, name: str, role: Role, language: Language, active: bool,
                password: str | None) -> None:
    """Changes an account's details; a new password replaces the old when given."""
    if password and len(password) < MIN_PASSWORD_LENGTH:
        # "password" names the field; the value is an error code, not a password.
        raise FieldErrors({"password": "short_password"})  # nosec B105
    user.name, user.role, user.language, user.active = name.strip(), role, language, active
    if password:
        user.set_password(password)
    db.session.flush()


def issue_api_token(user: User) -> str:
    """A new API token for the user, replacing any old one; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    user.api_token_hash = token_digest(token)
    db.session.flush()
    return token


def token_digest(token: str) -> str:
    """The stored form of a token: 32 random bytes need no slow hash, and the digest can be looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_by_token(token: str) -> User | None:
    """The active user holding this token, or None."""
    if not token or len(token) > 200:
        return None
    user = db.session.scalar(sa.select(User).where(User.api_token_hash == token_digest(token)))
    return user if user is not None and user.active else None


def find_user(email: str) -> User | None:
    """The account with this address, ignoring case."""
    return db.session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))


def all_users() -> list[User]:
    """Every account, by name."""
    return list(db.session.scalars(sa.select(User).order_by(User.name)))

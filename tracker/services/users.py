"""Creating and changing user accounts."""
import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import joinedload

from tracker.domain.emails import comparison_key, fold
from tracker.domain.passwords import password_problem
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker import clock
from tracker.models import ApiToken, TokenScope, Unit, User
from tracker.services.access import default_unit
from tracker.services.errors import FieldErrors
from tracker.services.reference_cache import first_with_version
from tracker.services.units import drop_headships


def normalise_email(raw: str) -> str:
    """The address as stored: width, case and Unicode forms folded, then validated; FieldErrors if it is not one."""
    try:
        return validate_email(fold(raw), check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldErrors({"email": "invalid_email"}) from None


def login_email(raw: str) -> str:
    """What a login looks the account up by: the stored form of an address, or the folded text of anything else."""
    try:
        return normalise_email(raw)
    except FieldErrors:
        return fold(raw)


def create_user(email: str, name: str, role: Role, language: Language, password: str, *, now: datetime,
                unit: Unit | None = None) -> User:
    """Adds an account to `unit` (the office's default unit when None); the email must be new and must not read
    like another account's; the password must keep the password rules (tracker.domain.passwords)."""
    address = normalise_email(email)
    errors = {}
    if find_user(address) is not None:
        errors["email"] = "duplicate_email"
    elif db.session.scalar(sa.select(User.id).where(User.email_key == comparison_key(address))) is not None:
        errors["email"] = "lookalike_email"
    if not (name or "").strip():
        errors["name"] = "required"
    problem = password_problem(password, email=address, name=name or "")
    if problem:
        errors["password"] = problem
    if errors:
        raise FieldErrors(errors)
    user = User(email=address, name=name.strip(), role=role, language=language, active=True, created_at=now,
                unit=unit or default_unit())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, *, name: str, role: Role, language: Language, active: bool,
                password: str | None, unit: Unit | None = None) -> None:
    """Changes an account's details; a new password replaces the old when given, a unit moves the user there (None
    keeps their unit). A new password, another role or a deactivation ends the account's sessions. The last active
    administrator keeps that role and stays active. Whoever stops being an active supervisor heads no unit."""
    problem = password_problem(password, email=user.email, name=name or "") if password else None
    if problem:
        raise FieldErrors({"password": problem})
    losing_admin = user.role == Role.ADMIN and user.active and (role != Role.ADMIN or not active)
    if losing_admin and not _another_active_admin(user):
        raise FieldErrors({"role" if role != Role.ADMIN else "active": "last_admin"})
    ends_sessions = bool(password) or role != user.role or (user.active and not active)
    user.name, user.role, user.language, user.active = name.strip(), role, language, active
    if unit is not None:
        user.unit = unit
    if role != Role.SUPERVISOR or not active:
        drop_headships(user)
    if password:
        user.set_password(password)
    if ends_sessions:
        end_sessions(user)
    db.session.flush()


def _another_active_admin(user: User) -> bool:
    """Whether an active administrator other than `user` exists. Every active administrator's row is locked, in
    one order, until the transaction ends: two administrators demoting each other at once take turns, and the
    second finds no other administrator left."""
    admins = sa.select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id)
    return any(admin_id != user.id for admin_id in db.session.scalars(admins.with_for_update()))


def end_sessions(user: User) -> None:
    """Every session the user has open stops working at the next page, copies of its cookie included."""
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


TOKEN_DAYS = 365


def issue_api_token(user: User, name: str = "CLI", scope: TokenScope = TokenScope.WRITE, *, days: int = TOKEN_DAYS,
                    now: datetime | None = None) -> str:
    """A new named API token for the user, valid `days` days; the user's other tokens stay. Only its digest is
    kept: the token is returned once."""
    now = now or clock.now()
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, name=name, digest=token_digest(token), scope=scope, created_at=now,
                            expires_at=now + timedelta(days=days)))
    db.session.flush()
    return token


def token_digest(token: str) -> str:
    """The stored form of a token: 32 random bytes need no slow hash, and the digest can be looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


def live_token(token: str, now: datetime | None = None) -> ApiToken | None:
    """The unrevoked, unexpired token of an active user matching `token`, or None."""
    if not token or len(token) > 200:
        return None
    # An API call's first statement: the reference version is read with the token (reference_cache.reference_version).
    found = first_with_version(sa.select(ApiToken).where(ApiToken.digest == token_digest(token)))
    now = now or clock.now()
    if found is None or found.revoked_at is not None or _aware(found.expires_at) <= now or not found.user.active:
        return None
    return found


USE_RECORDED_EVERY = timedelta(minutes=5)


def note_token_use(token: ApiToken, now: datetime) -> None:
    """Records when the token was last used, to the nearest few minutes: one small write, committed at once,
    rather than one per call."""
    if token.last_used_at is not None and now - _aware(token.last_used_at) < USE_RECORDED_EVERY:
        return
    db.session.execute(sa.update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
    db.session.commit()


def user_by_token(token: str) -> User | None:
    """The active user holding this live token, or None."""
    found = live_token(token)
    return found.user if found is not None else None


def _aware(moment: datetime) -> datetime:
    """A stored moment with its UTC offset (SQLite gives it back without)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def find_user(email: str) -> User | None:
    """The account with this address, however its case, width or Unicode form are written."""
    return db.session.scalar(sa.select(User).where(User.email == login_email(email)))


def all_users() -> list[User]:
    """Every account, by name."""
    return list(db.session.scalars(sa.select(User).options(joinedload(User.unit)).order_by(User.name)))

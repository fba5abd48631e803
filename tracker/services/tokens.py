"""Users' API tokens as their own page manages them: listed, created and revoked; an administrator revokes any."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tracker.domain.people import can_administer
from tracker.domain.tokens import EXPIRY_DAYS, TokenState, name_problem, same_name, token_state
from tracker.extensions import db
from tracker.models import ApiToken, TokenScope, User
from tracker.services.errors import FieldErrors, NotPermitted
from tracker.services.users import issue_api_token, token_digest


@dataclass(frozen=True)
class ListedToken:
    """A token as its list shows it: the record and where it stands at the moment of listing."""

    record: ApiToken
    state: TokenState


@dataclass(frozen=True)
class NewToken:
    """A token just created: its record, and its text, shown to its user this once and kept nowhere."""

    record: ApiToken
    secret: str


def user_tokens(user: User, now: datetime) -> list[ListedToken]:
    """Every token of the user, the active ones first, then the expired and revoked ones; newest first in each."""
    records = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)
                                 .order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    listed = [ListedToken(record, token_state(record.expires_at, record.revoked_at, now)) for record in records]
    return sorted(listed, key=lambda item: item.state != TokenState.ACTIVE)  # a stable sort keeps newest first


def create_token(user: User, name: str, scope: TokenScope | str, days: int | None, *, now: datetime) -> NewToken:
    """A new token of the user, named (unique among their active tokens, case aside), reading only or reading and
    writing, valid for one of the offered terms. Refuses bad input with FieldErrors and writes nothing then."""
    name = (name or "").strip()
    errors = {}
    problem = name_problem(name)
    if problem:
        errors["name"] = problem
    elif any(same_name(name, item.record.name) for item in user_tokens(user, now) if item.state == TokenState.ACTIVE):
        errors["name"] = "duplicate_token_name"
    if scope not in set(TokenScope):
        errors["scope"] = "not_a_choice"
    if days not in EXPIRY_DAYS:
        errors["days"] = "not_a_choice"
    if errors:
        raise FieldErrors(errors)
    secret = issue_api_token(user, name, TokenScope(scope), days=days, now=now)
    record = db.session.scalar(sa.select(ApiToken).where(ApiToken.digest == token_digest(secret)))
    return NewToken(record, secret)


def token_of(user: User, token_id: int) -> ApiToken | None:
    """The user's token with this number, or None when there is none or it belongs to someone else."""
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))


def revoke_token(actor: User, token: ApiToken, *, now: datetime) -> None:
    """Revokes the token: the API refuses it from then on. Its own user or an administrator may; a token revoked
    before keeps the moment it was first revoked."""
    if token.user_id != actor.id and not can_administer(actor.role):
        raise NotPermitted()
    if token.revoked_at is None:
        token.revoked_at = now
        db.session.flush()

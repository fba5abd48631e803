"""Column types shared by the models."""
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa


def enum_type(enum_cls: type[StrEnum], name: str) -> sa.Enum:
    """A string column limited to the enum's values by a named CHECK constraint, the same on SQLite and PostgreSQL."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


class UtcDateTime(sa.types.TypeDecorator):
    """A moment, stored in UTC and read back with its UTC offset on both databases: PostgreSQL keeps the offset,
    SQLite keeps the text without it, so a naive value read from SQLite is UTC. A moment given with another offset
    is turned to UTC before it is written, so SQLite compares like with like."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def append_only(model, error: type[Exception], what: str) -> None:
    """Makes the ORM refuse to update or delete rows of `model`: they are corrected by new rows only."""
    def refuse(mapper, connection, target):
        raise error(f"{what} {target.id} cannot be changed")
    sa.event.listen(model, "before_update", refuse)
    sa.event.listen(model, "before_delete", refuse)

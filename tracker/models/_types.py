"""Column types shared by the models."""
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


def append_only(model, error: type[Exception], what: str) -> None:
    """Makes the ORM refuse to update or delete rows of `model`: they are corrected by new rows only."""
    def refuse(mapper, connection, target):
        raise error(f"{what} {target.id} cannot be changed")
    sa.event.listen(model, "before_update", refuse)
    sa.event.listen(model, "before_delete", refuse)

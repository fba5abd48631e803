"""The records an audit log page names: the changed records themselves and those their values point at (a request
by its registration number, a user by name and email, a treaty, a crime category, a unit...), read in one query
per table whatever the number of entries."""
import functools
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from tracker.extensions import db

# Records some names need with a row, loaded with it rather than one query each (a rule is named by its treaty).
LOADED_WITH = {"deadline_rules": ("treaty",)}


@functools.cache
def mapper_of(table: str):
    """The ORM mapper of a table name, or None for a table no model maps (the models are fixed once imported)."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return mapper
    return None


def records_by_key(wanted: dict[str, set[str]]) -> dict[str, dict[str, object]]:
    """For each table name, its rows whose key (as the audit log writes it, text) is in `wanted`, by that key.

    Only single-column keys are looked up; keys that cannot be one of the table's (text for a numeric key) and
    rows deleted since are left out, and the caller shows the key itself.
    """
    found: dict[str, dict[str, object]] = defaultdict(dict)
    for table, keys in sorted(wanted.items()):
        mapper = mapper_of(table)
        if mapper is None or len(mapper.primary_key) != 1 or not keys:
            continue
        column = mapper.primary_key[0]
        numeric = column.type.python_type is int
        values = sorted({int(key) for key in keys if key.isdigit()} if numeric else set(keys))
        if not values:
            continue
        attribute = getattr(mapper.class_, mapper.get_property_by_column(column).key)
        related = [joinedload(getattr(mapper.class_, name)) for name in LOADED_WITH.get(table, ())]
        for record in db.session.scalars(sa.select(mapper.class_).where(attribute.in_(values)).options(*related)):
            found[table][str(getattr(record, attribute.key))] = record
    return found

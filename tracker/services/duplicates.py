"""Registered requests that a new or edited request, or the rows of an imported file, may duplicate: found by the
indexed columns first (case number, birth date), then compared in Python with the folding of names and numbers."""
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from tracker.domain.access import Access
from tracker.domain.case_numbers import normalise_case_number
from tracker.domain.duplicates import CASE_NUMBER, PERSON, KeyIndex, Keys, keys_of
from tracker.extensions import db
from tracker.models import Request, User

# How the warnings name what was shared.
MATCHED_ON_LABELS = {PERSON: _l("person sought (name and date of birth)"), CASE_NUMBER: _l("criminal case number")}


@dataclass(frozen=True)
class Match:
    """A registered request that may be the same: what it shares, and whether the caller may open it (if not, only
    its registration number is shown: need to know)."""

    request_id: int
    reference: str
    matched_on: tuple[str, ...]
    visible: bool

    @property
    def shared(self) -> str:
        """What it shares, in words of the current language."""
        return describe(self.matched_on)


def possible_duplicates(fields: Mapping, access: Access, *, exclude_ids: Iterable[int] = ()) -> list[Match]:
    """The live requests sharing the person sought or the case number with a request of these `fields` (the
    service's names), oldest first; `exclude_ids`: the request itself when edited, the request a transfer starts
    from."""
    excluded = set(exclude_ids)
    return [match for match in batch_duplicates([fields], access)[0] if match.request_id not in excluded]


def batch_duplicates(batch: list[Mapping], access: Access, *, limit: int | None = None,
                     skip_references: Container[str] = ()) -> list[list[Match]]:
    """The matches of each of many requests' fields (a batch of an imported file) among the registered requests,
    found in one query, each list in the order of `batch`: the first `limit` of each, oldest first (all when None),
    leaving out the requests numbered in `skip_references`."""
    keyed = [keys_of(fields) for fields in batch]
    # Each request is compared only with the stored ones sharing its case number or birth date, oldest first.
    stored = KeyIndex()
    for row in _candidates(batch, keyed):
        if row.reference not in skip_references:
            stored.add(keys_of(row._mapping), row)
    return [[Match(row.id, row.reference, shared, access.sees(row.owner_id, row.unit_id))
             for row, shared in stored.matches(keys, limit)] for keys in keyed]


def describe(matched: Iterable[str]) -> str:
    """What was shared, in words of the current language."""
    return ", ".join(str(MATCHED_ON_LABELS[code]) for code in matched)


def _candidates(batch: list[Mapping], keyed: list[Keys]):
    """The live requests with one of the batch's case numbers (as they may be stored) or birth dates: read by the
    indexes of those columns, the names compared afterwards in Python, where folding is the same on every
    database."""
    numbers = {spelling for fields, keys in zip(batch, keyed, strict=True) if keys.case_number
               for spelling in _stored_spellings(fields.get("case_number"), keys.case_number)}
    birth_dates = {keys.person.birth_date for keys in keyed if keys.person is not None}
    conditions = []
    if numbers:
        conditions.append(Request.case_number.in_(sorted(numbers)))
    if birth_dates:
        conditions.append(Request.person_birth_date.in_(sorted(birth_dates)))
    if not conditions:
        return []
    return db.session.execute(
        sa.select(Request.id, Request.reference, Request.case_number, Request.person_name, Request.person_name_latin,
                  Request.person_birth_date, Request.owner_id, User.unit_id)
        .join(User, User.id == Request.owner_id)
        .where(Request.deleted_at.is_(None), sa.or_(*conditions))
        .order_by(Request.id)).all()


def _stored_spellings(typed: str, key: str) -> set[str]:
    """How a case number typed so may stand in the column: the forms and the import store it without spaces and
    dashes (tracker.domain.case_numbers) in the letters typed; the folded key covers the rest of the usual ways."""
    normalised = normalise_case_number(typed or "")
    return {normalised, normalised.upper(), normalised.lower(), key, key.upper()}


@dataclass(frozen=True)
class RowWarning:
    """A new row of an imported file that may duplicate a registered request (`request_id`) or an earlier row of
    the same file (`matched_line`)."""

    line: int
    reference: str
    matched_reference: str
    matched_on: tuple[str, ...]
    request_id: int | None = None
    matched_line: int | None = None
    visible: bool = False

    @property
    def shared(self) -> str:
        """What it shares, in words of the current language."""
        return describe(self.matched_on)


# How many registered requests, and how many earlier rows, an imported row is said to share keys with at most: a
# file of one case's requests to many countries would otherwise list every pair of its rows.
ROW_LIMIT = 5


class FileDuplicates:
    """Looks for duplicates of a file's new rows batch by batch: among the registered requests, one query a batch,
    and among the file's earlier new rows, in memory."""

    def __init__(self, access: Access):
        self.access = access
        self.earlier = KeyIndex()
        # The file's own new requests, which an import already wrote batch by batch: matched as rows, not twice.
        self.references: set[str] = set()

    def check(self, rows: list[tuple[int, str, Mapping]]) -> list[RowWarning]:
        """Warnings for a batch of new rows, (line, registration number, fields) each, before it is written: for each
        row the first ROW_LIMIT registered requests and the first ROW_LIMIT earlier rows it may duplicate."""
        registered = batch_duplicates([fields for _line, _reference, fields in rows], self.access,
                                      limit=ROW_LIMIT, skip_references=self.references)
        warnings = []
        for (line, reference, fields), matches in zip(rows, registered, strict=True):
            keys = keys_of(fields)
            warnings += [RowWarning(line, reference, match.reference, match.matched_on, request_id=match.request_id,
                                    visible=match.visible)
                         for match in matches]
            warnings += [RowWarning(line, reference, earlier[1], shared, matched_line=earlier[0])
                         for earlier, shared in self.earlier.matches(keys, limit=ROW_LIMIT)]
            self.earlier.add(keys, (line, reference))
            self.references.add(reference)
        return warnings

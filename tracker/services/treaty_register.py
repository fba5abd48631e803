"""Kazakhstan's treaties in criminal matters as public sources give them, read from tracker/data/treaties.csv.

The file is in the columns of the treaty list export (Administration → Treaties), so the seed and an office's
own import read the same format. Each row names its sources in `source` and, in `notes`, what was looked for
and not found or where sources conflict; no row is confirmed until an administrator confirms it. Scope: a set
of mla, extradition, transfer (of criminal proceedings), sentenced_persons. Status: in_force (in force for
Kazakhstan, or ratified with the date in force not found), signed (signed or only approved for signing),
terminated. Parties: CODE:FROM:UNTIL, the dates the treaty applies between that party and Kazakhstan, empty
where no source gives them; a convention open to all UN members lists none.
"""
import csv
from datetime import date
from pathlib import Path

import pycountry

from tracker.services.treaties import parties_from_text

SOURCE_FILE = Path(__file__).resolve().parent.parent / "data" / "treaties.csv"


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _treaty(row: dict) -> dict:
    """One row of the file as the seed takes it."""
    days, months = row["arrest_limit_days"], row["arrest_limit_months"]
    limit = (int(days), "days", row["arrest_counts_from"]) if days else \
        (int(months), "months", row["arrest_counts_from"]) if months else None
    countries = {country.alpha_2 for country in pycountry.countries}
    return dict(
        code=row["code"], short_name=row["short_name"], short_name_kk=row["short_name_kk"],
        short_name_ru=row["short_name_ru"], title_kk=row["title_kk"], title_ru=row["title_ru"], title_en=row["title_en"],
        multilateral=row["multilateral"] == "1", scope=tuple(s for s in row["scope"].split(";") if s),
        status=row["status"], signed_on=_day(row["signed_on"]), in_force_on=_day(row["in_force_on"]),
        terminated_on=_day(row["terminated_on"]), arrest_limit=limit,
        parties=parties_from_text(row["parties"], countries),
        supersedes=tuple(code for code in row["supersedes"].split(";") if code), source=row["source"],
        notes=row["notes"])


def _load() -> list[dict]:
    with SOURCE_FILE.open(encoding="utf-8", newline="") as handle:
        return [_treaty(row) for row in csv.DictReader(handle)]


TREATIES = _load()

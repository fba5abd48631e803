"""The dates MLA Tracker accepts anywhere (forms, the API, list and report addresses, imports): years 1900 to 2100.

Earlier or later dates are typing slips (a year of "1" or "9999") that would print as nonsense and break date
arithmetic; a date of birth in the 1900s is still accepted.
"""
from datetime import date

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def in_date_range(day: date) -> bool:
    """True when `day` lies within the years the register accepts."""
    return EARLIEST_DATE <= day <= LATEST_DATE

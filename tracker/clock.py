"""The only code that reads the system clock; everything else receives `now` or `today`."""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

ALMATY = ZoneInfo("Asia/Almaty")


def now() -> datetime:
    """The current moment, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


def today_local() -> date:
    """Today's date in the Asia/Almaty calendar, in which every deadline is counted."""
    return local_date(now())


def local_date(moment: datetime) -> date:
    """The Almaty calendar date of an aware moment."""
    return moment.astimezone(ALMATY).date()


def start_of_local_day(day: date) -> datetime:
    """The moment a day begins in Almaty, in UTC as timestamps are stored: SQLite compares the stored text, and
    would take Almaty's midnight written with its own offset for UTC's."""
    return datetime.combine(day, time.min, tzinfo=ALMATY).astimezone(timezone.utc)

"""Kazakhstan's working days: Monday to Friday, less the holidays and moved days off, plus the weekend days worked
in exchange. The days that depart from the plain week are data."""
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    """The weekdays not worked and the weekend days worked; every other day follows the week."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    days_worked: frozenset[date] = field(default_factory=frozenset)

    def is_working(self, day: date) -> bool:
        """True when `day` is a working day in Kazakhstan as the register knows."""
        if day in self.days_worked:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

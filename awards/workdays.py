"""Working days: the one place that counts them (a disclosure's period, any deadline "in N working days").

Pure functions over plain dates. A working day is Monday to Friday, except the days off the government declares
(public holidays and the days swapped around them), plus the weekend days it declares worked (a Saturday worked to
make up a swapped day). Which days those are is data: ``awards.models.PublicHoliday`` rows of the school, seeded
from ``awards.holidays.OFFICIAL_DAYS``.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    """Days off on weekdays and weekend days worked (``make_up``); everything else follows the week."""

    days_off: Collection[date] = field(default_factory=frozenset)
    make_up: Collection[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.make_up:
            return True
        return day.weekday() < 5 and day not in self.days_off


def add_working_days(start: date, days: int, calendar: WorkCalendar) -> date:
    """The last day of a period of ``days`` working days that begins on ``start``: ``start`` counts when it is a
    working day (published on Monday 02/06/2025 for 5 working days: the period ends on Friday 06/06/2025); a
    weekend or a holiday on the way is skipped, a make-up Saturday counts.
    """
    if days < 1:
        raise ValueError("Số ngày làm việc phải từ 1 trở lên.")
    day, counted = start, 0
    while True:
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def skipped_days(start: date, end: date, calendar: WorkCalendar) -> list[date]:
    """The days from ``start`` to ``end`` that are not working days (what a page lists as skipped)."""
    days, day = [], start
    while day <= end:
        if not calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days

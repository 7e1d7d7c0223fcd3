"""Working days: the one function that counts them (awards.workdays), on plain dates, with the official calendar."""

from datetime import date

import pytest

from awards.holidays import OFFICIAL_DAYS
from awards.workdays import WorkCalendar, add_working_days, skipped_days

OFFICIAL = WorkCalendar(
    days_off=frozenset(day for day, _, kind in OFFICIAL_DAYS if kind == "off"),
    make_up=frozenset(day for day, _, kind in OFFICIAL_DAYS if kind == "work"),
)


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2025, 6, 2), 5, date(2025, 6, 6)),  # Monday: the same week's Friday
        (date(2025, 6, 4), 5, date(2025, 6, 10)),  # Wednesday: over the weekend
        (date(2025, 6, 7), 5, date(2025, 6, 13)),  # a Saturday start does not count
        (date(2025, 6, 2), 1, date(2025, 6, 2)),
        # Tết Bính Ngọ: published on Friday 13/02/2026, nine days off from 14/02 to 22/02
        (date(2026, 2, 13), 5, date(2026, 2, 26)),
        # Quốc khánh 2025: Monday 1/9 and Tuesday 2/9 off
        (date(2025, 8, 29), 5, date(2025, 9, 8)),
        # 30/4–1/5/2025 with the swap: Friday 2/5 off, Saturday 26/4 worked
        (date(2025, 4, 24), 5, date(2025, 4, 29)),
        (date(2025, 4, 28), 5, date(2025, 5, 7)),
        # Giỗ Tổ 2026 on a Sunday: the Monday after is off
        (date(2026, 4, 24), 3, date(2026, 4, 29)),
        # Tết Dương lịch 2026: Thursday 1 and Friday 2 off, Saturday 10 worked
        (date(2025, 12, 31), 5, date(2026, 1, 8)),
        (date(2026, 1, 8), 3, date(2026, 1, 10)),
    ],
)
def test_add_working_days_skips_weekends_and_the_official_holidays(start, days, end):
    assert add_working_days(start, days, OFFICIAL) == end


def test_weekends_only_without_a_calendar():
    assert add_working_days(date(2026, 2, 13), 5, WorkCalendar()) == date(2026, 2, 19)


def test_the_days_skipped_are_listed():
    skipped = skipped_days(date(2025, 8, 29), date(2025, 9, 8), OFFICIAL)
    assert skipped == [date(2025, 8, 30), date(2025, 8, 31), date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 6),
                       date(2025, 9, 7)]  # fmt: skip


def test_a_period_has_at_least_one_day():
    with pytest.raises(ValueError, match="từ 1"):
        add_working_days(date(2025, 6, 2), 0, WorkCalendar())


def test_the_official_list_covers_tet_and_national_day_of_each_year():
    names = {(day.year, name.split(" (")[0]) for day, name, kind in OFFICIAL_DAYS if kind == "off"}
    for year in (2025, 2026, 2027):
        assert (year, "Tết Dương lịch") in names
        assert (year, "Quốc khánh 2/9") in names
        assert any(y == year and name.startswith("Tết Nguyên đán") for y, name in names)
    assert len({day for day, _, _ in OFFICIAL_DAYS}) == len(OFFICIAL_DAYS)  # one row per day
    assert all(day.weekday() < 5 for day, _, kind in OFFICIAL_DAYS if kind == "off")
    assert all(day.weekday() >= 5 for day, _, kind in OFFICIAL_DAYS if kind == "work")

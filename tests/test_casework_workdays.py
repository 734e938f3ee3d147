"""Working days under the statutory calendar: holidays, make-up days (调休), years without data."""

from datetime import date, timedelta

import pytest

from casework.models import Holiday
from casework.workdays import add_working_days, working_days_between
from disclosure.admin_views import missing_calendar_years

pytestmark = pytest.mark.django_db


def test_start_day_is_not_counted_and_zero_days_is_the_start():
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)


def test_spring_festival_2026_skips_the_holiday_and_counts_the_make_up_saturdays():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)  # Saturday, make-up working day
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)  # 15–23 February off
    # A request received on 10 February: 11, 12, 13, 14(Sat), 24…28(Sat), 2 March… 16 March is day 20.
    assert add_working_days(date(2026, 2, 10), 20) == date(2026, 3, 16)


def test_national_day_2026_with_its_make_up_saturday():
    # Mid-Autumn 25–27 September and National Day 1–7 October off; Saturday 10 October is worked.
    assert add_working_days(date(2026, 9, 24), 1) == date(2026, 9, 28)
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert add_working_days(date(2026, 9, 28), 20) == date(2026, 10, 30)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert working_days_between(date(2026, 2, 24), date(2026, 2, 13)) == -2
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0


def test_year_without_calendar_data_falls_back_to_monday_to_friday_less_the_statutory_holidays():
    assert add_working_days(date(2031, 1, 3), 1) == date(2031, 1, 6)  # Friday → Monday
    assert add_working_days(date(2030, 12, 31), 1) == date(2031, 1, 2)  # 元旦
    # National Day 1–3 October (Wednesday to Friday) and Mid-Autumn, which falls on 1 October too.
    assert add_working_days(date(2031, 9, 29), 20) == date(2031, 10, 30)
    assert 2031 in missing_calendar_years(date(2031, 5, 1))  # the make-up days are still unknown


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 1, 1),  # 元旦
        date(2027, 2, 5),  # 除夕 (Friday)
        date(2027, 2, 8),  # 正月初三 (Monday)
        date(2027, 4, 5),  # 清明 (solar term, Monday)
        date(2028, 5, 1),  # 劳动节 (Monday)
        date(2027, 6, 9),  # 端午 (lunar 5/5)
        date(2027, 9, 15),  # 中秋 (lunar 8/15)
        date(2027, 10, 1),  # 国庆
        date(2028, 5, 2),  # 劳动节, second day (Tuesday)
        date(2028, 10, 3),  # 国庆, third day (Tuesday)
    ],
)
def test_fallback_knows_the_fixed_and_lunar_statutory_holidays(day):
    assert day.weekday() < 5
    assert working_days_between(day - timedelta(days=1), day) == 0


def test_holidays_entered_by_administrators_fill_a_missing_year_and_override_the_package():
    Holiday.objects.create(date=date(2031, 1, 1), note="元旦")
    Holiday.objects.create(date=date(2031, 1, 4), is_working_day=True, note="调休")
    assert add_working_days(date(2030, 12, 31), 1) == date(2031, 1, 2)
    assert add_working_days(date(2031, 1, 3), 1) == date(2031, 1, 4)
    assert missing_calendar_years(date(2031, 5, 1)) == [2032]

    Holiday.objects.create(date=date(2026, 3, 3), note="临时放假")
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 4)

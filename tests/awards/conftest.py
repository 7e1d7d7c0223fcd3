from datetime import date

import pytest

from tests.factories import RegistrationPeriodFactory, SchoolYearFactory


@pytest.fixture
def year(school):
    """The current school year 2023-2024 of the test school."""
    return SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31), is_current=True)


@pytest.fixture
def open_period(year):
    """Registration open from 01/09/2023 until far in the future."""
    return RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2099, 12, 31))


@pytest.fixture
def closed_period(year):
    return RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2023, 9, 30))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded attachments go to a temporary folder, never the working tree."""
    settings.MEDIA_ROOT = tmp_path

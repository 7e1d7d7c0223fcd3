import pytest

from tests.factories import SchoolYearFactory


@pytest.fixture
def year(school):
    """The school's current year, 2022-2023 (05/09/2022 – 31/05/2023)."""
    return SchoolYearFactory(school=school, is_current=True)

"""Double clicks on a good deed, on PostgreSQL: one verification, one ad-hoc commendation per deed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.models import DriveKind, Nomination
from exemplars import services
from exemplars.models import DeedStatus
from tests.factories import ClassGroupFactory, PupilFactory, SchoolYearFactory, StaffFactory, title
from tests.races.test_races_postgres import CLIENTS, race
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Concurrent transactions need PostgreSQL."),
]


@pytest.fixture
def deed(school):
    year = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31), is_current=True)
    pupil = PupilFactory(school=school, class_group=ClassGroupFactory(school=school, school_year=year))
    teacher = StaffFactory(school=school)
    return services.report_deed(
        actor=None, reporter=teacher, title="Trả lại ví", description="Nộp cô giáo.", occurred_on=date(2025, 11, 3),
        pupil=pupil, today=date(2025, 11, 27),
    )  # fmt: skip


def test_a_double_click_verifies_once(deed, school):
    vice = StaffFactory(school=school, role=Role.VICE_PRINCIPAL, with_user=True)
    results, errors = race(lambda i: services.verify_deed(actor=vice.user, deed=deed))
    assert len(results) == 1 and len(errors) == CLIENTS - 1
    assert all(isinstance(error, ValidationError) for error in errors), errors
    assert AuditEntry.objects.filter(action="exemplars.deed.verify").count() == 1


def test_a_double_click_proposes_one_commendation(deed, school):
    principal = StaffFactory(school=school, role=Role.PRINCIPAL, with_user=True)
    deed = services.verify_deed(actor=None, deed=deed)
    gk = title("GK", "pupil")
    results, errors = race(lambda i: services.commend_deed(actor=principal.user, deed=deed, title=gk))
    assert len(results) == 1 and all(isinstance(error, ValidationError) for error in errors), errors
    assert Nomination.objects.filter(drive=DriveKind.AD_HOC).count() == 1
    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED and deed.commendation.drive == DriveKind.AD_HOC

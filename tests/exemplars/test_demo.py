"""The demo's good deeds, commendations and contest (``exemplars.demo``, DemoStage.REVIEW and AFTER)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from awards.models import DriveKind, Nomination, NominationStatus
from exemplars.models import ContestEntry, ContestRound, DeedStatus, GoodDeed
from thiduakhenthuong.organization.models import SchoolYear

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def test_the_demo_holds_deeds_a_commendation_and_the_contest(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=StringIO(), today=TODAY)
    current = SchoolYear.objects.get(name="2026-2027")
    past = SchoolYear.objects.get(name="2025-2026")
    deeds = GoodDeed.objects.for_list()
    this_year = deeds.filter(school_year=current)
    assert this_year.filter(status=DeedStatus.VERIFIED, exemplar__pupil__isnull=False).exists()
    assert this_year.filter(status=DeedStatus.VERIFIED, exemplar__staff__isnull=False).exists()
    assert this_year.filter(status=DeedStatus.REPORTED, exemplar__pupil__isnull=False).exists()
    assert this_year.filter(exemplar__other_person__isnull=False).exists()
    assert deeds.filter(school_year=past, status=DeedStatus.VERIFIED).count() == 2
    assert deeds.filter(images__isnull=False).distinct().count() == 3
    commendation = Nomination.objects.get(drive=DriveKind.AD_HOC, school_year=current)
    assert commendation.status == NominationStatus.APPROVED and commendation.pupil_id
    # last year's, sent up in its own TTr when the act happened (tests/organization/test_seed_demo.py)
    rescue = Nomination.objects.get(drive=DriveKind.AD_HOC, school_year=past)
    assert rescue.status == NominationStatus.CONFERRED and rescue.staff_id
    assert GoodDeed.objects.get(commendation=rescue).title == "Cứu em nhỏ đuối nước"
    assert GoodDeed.objects.get(commendation=commendation).status == DeedStatus.VERIFIED
    assert ContestRound.objects.count() == 2
    assert ContestEntry.objects.filter(contest__school_year=current).count() == 3
    assert ContestEntry.objects.filter(contest__school_year=past, selected=True).count() == 2
    page = Client().get("/exemplars/cong-khai/thcd/").content.decode()
    assert "Nhặt được ví tiền" in page and "Nhặt được điện thoại" not in page  # pending: not public
    before = GoodDeed.objects.count()
    call_command("seed_demo", stdout=StringIO(), today=TODAY)
    assert GoodDeed.objects.count() == before

"""The scoring's demo: the past year's initiative council scored that year's initiatives and issued its minutes;
the default rubrics; idempotent (the whole demo's idempotence is tests/organization/test_seed_demo.py)."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from awards.models import InitiativeStatus
from council.models import Council, CouncilKind, Rubric, ScoreSheet


@pytest.mark.django_db
def test_the_past_years_initiative_council_scored_its_initiatives():
    call_command("seed_demo", today=date(2026, 11, 27), stdout=io.StringIO())
    council = Council.objects.get(kind=CouncilKind.INITIATIVE, school_year__name="2025-2026")
    assert council.status == "established" and council.members.count() == 5
    meeting = council.meetings.get()
    assert meeting.status == "closed" and meeting.held_on < date(2026, 5, 10)
    items = list(meeting.agenda.select_related("initiative"))
    assert items and all(item.initiative.status == InitiativeStatus.RECOGNISED for item in items)
    sheets = ScoreSheet.objects.filter(agenda_item__meeting=meeting)
    assert sheets.exists() and not sheets.filter(submitted_at__isnull=True).exists()
    assert all(s.agenda_item.initiative.author_id != s.member.staff_id for s in sheets)  # never her own
    row = meeting.minutes.content["scores"][0]
    assert row["rubric"] == "Tiêu chí chấm điểm sáng kiến" and row["passed"] is True
    assert Rubric.objects.filter(school=council.school, is_active=True).count() == 6
    call_command("seed_demo", today=date(2026, 11, 27), stdout=io.StringIO())
    assert Council.objects.filter(kind=CouncilKind.INITIATIVE).count() == 1

"""A council meeting in session built straight in the database, for the scoring tests (the council's own
services are tested in their files): members with accounts, attendance, an agenda of nominations or initiatives."""

from dataclasses import dataclass
from datetime import date

from council.models import AgendaItem, Attendance, Council, CouncilKind, CouncilMember, Meeting, MemberRole, Recusal
from tests.factories import (
    InitiativeFactory,
    NominationFactory,
    SchoolYearFactory,
    StaffFactory,
    on_meeting_day,
    title,
)
from thiduakhenthuong.organization.models import Role, Staff

ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY]


@dataclass
class Sitting:
    meeting: Meeting
    members: list[CouncilMember]
    items: list[AgendaItem]

    @property
    def chair(self):
        return self.members[0]


def sitting(
    school, *, members=5, items=2, kind=CouncilKind.EMULATION, absent=(), status="in_session", year=None
) -> Sitting:
    """A meeting of ``members`` members (the first, the principal, chairs; the third is the secretary), the
    members at indexes ``absent`` absent, ``items`` nominations (Lao động tiên tiến of other staff) or initiatives
    on the agenda."""
    year = year or SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    council = Council.objects.create(school=school, school_year=year, kind=kind, name=CouncilKind(kind).label)
    principal = Staff.objects.filter(school=school, role=Role.PRINCIPAL).first()
    principal = principal or StaffFactory(school=school, with_user=True, role=Role.PRINCIPAL)
    people = [principal] + [StaffFactory(school=school, with_user=True) for _ in range(members - 1)]
    seats = [
        CouncilMember.objects.create(
            council=council,
            staff=person,
            role=ROLES[index] if index < len(ROLES) else MemberRole.MEMBER,
            position="Giáo viên",
            position_order=index,
        )
        for index, person in enumerate(people)
    ]
    meeting = Meeting(
        council=council,
        held_on=date(2026, 5, 25),
        place="Phòng họp",
        chair=seats[0],
        secretary=seats[2] if members > 2 else None,
        status=status,
    )
    meeting.started_at = on_meeting_day(meeting)  # opened on its day, as open_meeting opens it
    meeting.save()
    for index, seat in enumerate(seats):
        Attendance.objects.create(meeting=meeting, member=seat, present=index not in absent)
    agenda = []
    for position in range(items):
        if kind == CouncilKind.EMULATION:
            nomination = NominationFactory(school_year=year, title=title("LDTT"))
            agenda.append(AgendaItem.objects.create(meeting=meeting, nomination=nomination, position=position + 1))
        else:
            initiative = InitiativeFactory(author=StaffFactory(school=school), school=school, school_year=year)
            agenda.append(AgendaItem.objects.create(meeting=meeting, initiative=initiative, position=position + 1))
    return Sitting(meeting, seats, agenda)


def recuse(item, member, reason="own"):
    return Recusal.objects.create(agenda_item=item, member=member, reason=reason)

"""The consolidated registration list of a school year: people × titles and teams × titles.

One query each for staff, teams, titles and registrations, whatever the number of rows; shared by the page,
the .xlsx export and the printed list.
"""

from dataclasses import dataclass

from django.db.models import Case, F, Value, When
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thiduakhenthuong.organization.models import Role, SchoolYear, Staff, Team

from .models import Registration, Title, TitleScope

#: People in a list sent upward: the school's leaders (no team) first, then team by team, the head first.
PEOPLE_ORDER = (
    F("team__sort_order").asc(nulls_first=True),  # PostgreSQL puts NULLs last by default, SQLite first
    "team__name",
    Case(
        When(role=Role.PRINCIPAL, then=Value(0)),
        When(role=Role.VICE_PRINCIPAL, then=Value(1)),
        When(role=Role.TEAM_HEAD, then=Value(2)),
        default=Value(3),
    ),
    "sort_name",
    "pk",
)


@dataclass
class Row:
    recipient: Staff | Team
    marks: list[bool]  # one per column title

    @property
    def count(self) -> int:
        return sum(self.marks)


@dataclass
class Table:
    titles: list[Title]
    rows: list[Row]

    @property
    def totals(self) -> list[int]:
        return [sum(row.marks[i] for row in self.rows) for i in range(len(self.titles))]


@dataclass
class RegistrationList:
    year: SchoolYear
    people: Table
    teams: Table


def registration_list(year: SchoolYear) -> RegistrationList:
    registrations = list(
        Registration.objects.active().filter(school_year=year).values_list("staff_id", "team_id", "title_id")
    )
    titles = list(Title.objects.filter(scope__in=[TitleScope.INDIVIDUAL, TitleScope.COLLECTIVE]))
    used = {title_id for _, _, title_id in registrations}
    # the usual titles always show; rarer forms only when someone registered them
    shown = [t for t in titles if t.pk in used or t.code in {"LDTT", "CSTDCS", "TTLDTT", "TTLDXS"}]
    by_staff: dict[int, set[int]] = {}
    by_team: dict[int, set[int]] = {}
    for staff_id, team_id, title_id in registrations:
        (by_staff.setdefault(staff_id, set()) if staff_id else by_team.setdefault(team_id, set())).add(title_id)
    people_titles = [t for t in shown if t.scope == TitleScope.INDIVIDUAL]
    team_titles = [t for t in shown if t.scope == TitleScope.COLLECTIVE]
    staff = (
        Staff.objects.filter(school=year.school_id)
        .active(year.start_date)
        .select_related("team")
        .order_by(*PEOPLE_ORDER)
    )
    teams = Team.objects.filter(school=year.school_id)
    return RegistrationList(
        year=year,
        people=Table(
            people_titles,
            [Row(p, [t.pk in by_staff.get(p.pk, ()) for t in people_titles]) for p in staff],
        ),
        teams=Table(team_titles, [Row(t, [x.pk in by_team.get(t.pk, ()) for x in team_titles]) for t in teams]),
    )


def registration_workbook(data: RegistrationList) -> Workbook:
    workbook = Workbook()
    bold = Font(bold=True)
    for sheet, table, label in (
        (workbook.active, data.people, "Họ và tên"),
        (workbook.create_sheet(), data.teams, "Tập thể"),
    ):
        sheet.title = "Cá nhân" if label == "Họ và tên" else "Tập thể"
        sheet.append([f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC {data.year.name} – {sheet.title.upper()}"])
        sheet["A1"].font = bold
        header = ["STT", label] + (["Tổ"] if label == "Họ và tên" else []) + [t.name for t in table.titles]
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for number, row in enumerate(table.rows, start=1):
            team = [row.recipient.team.name if row.recipient.team else ""] if label == "Họ và tên" else []
            sheet.append([number, str(row.recipient), *team, *["x" if mark else "" for mark in row.marks]])
        sheet.append(["", "Cộng", *([""] if label == "Họ và tên" else []), *table.totals])
        sheet.column_dimensions["B"].width = 32
    return workbook

"""Importing annual evaluations and award history from .xlsx, all rows or none.

Each importer reads the sheet with the shared reader, resolves people, teams, years and titles from lookups
loaded once, validates every row as the models would, and saves through a service only when no row failed.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from thiduakhenthuong.core.spreadsheets import Column, RowError, choice_parser, parse_date, parse_int, read_table, text
from thiduakhenthuong.core.text import fold
from thiduakhenthuong.organization.models import School, SchoolYear, Staff, Team

from . import services
from .models import Absence, AbsenceKind, AnnualEvaluation, AwardRecord, DriveKind, Rating, Title, TitleKind, TitleScope

# Abbreviations schools write in their spreadsheets, besides the full labels.
RATING_CHOICES = [
    *Rating.choices,
    (Rating.EXCELLENT, "HTXSNV"),
    (Rating.GOOD, "HTTNV"),
    (Rating.COMPLETED, "HTNV"),
    (Rating.NOT_COMPLETED, "KHTNV"),
]

DRIVE_CHOICES = [
    *DriveKind.choices,
    (DriveKind.YEARLY, "Hằng năm"),
    (DriveKind.THEMATIC, "Chuyên đề"),
    (DriveKind.THEMATIC, "Theo đợt"),
]


def _absence_header(kind) -> str:
    return f"{kind.label} (ngày)"


EVALUATION_COLUMNS = [
    Column("Họ và tên", "name", parse=text),
    Column("Ngày sinh", "born", required=False, parse=parse_date),
    Column("Năm học", "year", parse=text),
    Column("Xếp loại", "rating", parse=choice_parser(RATING_CHOICES, "Xếp loại")),
    *[Column(_absence_header(kind), kind.value, required=False, parse=parse_int) for kind in AbsenceKind],
    Column("Ghi chú", "note", required=False, parse=text),
]

AWARD_COLUMNS = [
    Column("Cá nhân", "name", required=False, parse=text),
    Column("Ngày sinh", "born", required=False, parse=parse_date),
    Column("Tập thể", "team", required=False, parse=text),
    Column("Năm học", "year", parse=text),
    Column("Danh hiệu, hình thức", "title", parse=text),
    Column("Loại", "kind", parse=choice_parser(TitleKind.choices, "Loại")),
    Column("Khen thưởng", "drive", required=False, parse=choice_parser(DRIVE_CHOICES, "Khen thưởng")),
    Column("Số quyết định", "number", parse=text),
    Column("Ngày quyết định", "date", parse=parse_date),
    Column("Cơ quan quyết định", "issuer", parse=text),
    Column("Ghi chú", "note", required=False, parse=text),
]


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)


class _Lookups:
    """The school's staff, teams and years, loaded once for a whole sheet."""

    def __init__(self, school: School):
        self.staff: dict[str, list[Staff]] = {}
        for person in Staff.objects.filter(school=school):
            self.staff.setdefault(person.search_name, []).append(person)
        self.teams = {fold(team.name): team for team in Team.objects.filter(school=school)}
        self.years = {year.name: year for year in SchoolYear.objects.filter(school=school)}

    def person(self, name: str, born: date | None) -> Staff:
        people = self.staff.get(fold(name), [])
        if born is not None:
            people = [person for person in people if person.date_of_birth == born]
        if not people:
            raise ValueError(f"không tìm thấy cán bộ “{name}”")
        if len(people) > 1:
            raise ValueError(f"có {len(people)} cán bộ tên “{name}”: hãy ghi thêm ngày sinh")
        return people[0]

    def team(self, name: str) -> Team:
        try:
            return self.teams[fold(name)]
        except KeyError:
            raise ValueError(f"không tìm thấy tổ “{name}”") from None

    def year(self, name: str) -> SchoolYear:
        try:
            return self.years[name.replace(" ", "")]
        except KeyError:
            raise ValueError(f"năm học “{name}” chưa có trong danh mục năm học") from None


def _messages(error: ValidationError) -> str:
    return "; ".join(error.messages)


def import_evaluations(*, actor, school: School, upload) -> ImportResult:
    """Read ratings and absence days per person and year; save them all, or nothing when a row is wrong."""
    rows, errors = read_table(upload, EVALUATION_COLUMNS)
    lookups = _Lookups(school)
    evaluations, seen = [], {}
    for number, data in rows:
        try:
            person = lookups.person(data["name"], data["born"])
            year = lookups.year(data["year"])
        except ValueError as error:
            errors.append(RowError(number, f"{error}."))
            continue
        if (person.pk, year.pk) in seen:
            errors.append(RowError(number, f"{person} năm học {year} đã có ở dòng {seen[person.pk, year.pk]}."))
            continue
        seen[person.pk, year.pk] = number
        evaluation = AnnualEvaluation(
            school=school, staff=person, school_year=year, rating=data["rating"], note=data["note"] or ""
        )
        absences = [
            Absence(kind=kind, days=data[kind.value]) for kind in AbsenceKind if data.get(kind.value) is not None
        ]
        try:
            evaluation.full_clean(validate_unique=False, validate_constraints=False)
            for absence in absences:
                absence.full_clean(exclude=["evaluation"])
        except ValidationError as error:
            errors.append(RowError(number, f"{_messages(error)}"))
            continue
        evaluations.append((evaluation, absences))
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda e: e.row))
    return ImportResult(saved=services.import_evaluations(actor=actor, school=school, evaluations=evaluations))


def _title(titles: dict, value: str, scope: str, kind: str) -> Title:
    """Find a title by code or name for the recipient's scope and refuse a kind that does not match."""
    title = titles.get((fold(value), scope))
    if title is None:
        if any(key[0] == fold(value) for key in titles):
            raise ValueError(f"“{value}” không dành cho {TitleScope(scope).label.lower()}")
        raise ValueError(f"không có “{value}” trong danh mục")
    if title.kind != kind:
        raise ValueError(
            f"“{title.name}” là {title.get_kind_display().lower()}, không phải {TitleKind(kind).label.lower()}"
        )
    return title


def import_awards(*, actor, school: School, upload) -> ImportResult:
    """Read the award history of earlier years; save it all, or nothing when a row is wrong."""
    rows, errors = read_table(upload, AWARD_COLUMNS)
    lookups = _Lookups(school)
    titles = {}
    for title in Title.objects.all():
        titles[fold(title.code), title.scope] = title
        titles.setdefault((fold(title.name), title.scope), title)
    awards, seen = [], {}
    for number, data in rows:
        try:
            if bool(data["name"]) == bool(data["team"]):
                raise ValueError("ghi đúng một trong hai cột “Cá nhân” hoặc “Tập thể”")
            person = lookups.person(data["name"], data["born"]) if data["name"] else None
            team = lookups.team(data["team"]) if data["team"] else None
            scope = TitleScope.INDIVIDUAL if person else TitleScope.COLLECTIVE
            title = _title(titles, data["title"], scope, data["kind"])
            year = lookups.year(data["year"])
        except ValueError as error:
            errors.append(RowError(number, f"{error}."))
            continue
        award = AwardRecord(
            school=school, school_year=year, title=title, staff=person, team=team,
            drive=data["drive"] or DriveKind.YEARLY, decision_number=data["number"], decision_date=data["date"],
            issuer_name=data["issuer"], note=data["note"] or "",
        )  # fmt: skip
        key = (year.pk, title.pk, person and person.pk, team and team.pk)
        if award.drive == DriveKind.YEARLY and key in seen:
            errors.append(RowError(number, f"trùng với dòng {seen[key]}."))
            continue
        seen[key] = number
        try:
            award.full_clean(validate_constraints=False)
        except ValidationError as error:
            errors.append(RowError(number, _messages(error)))
            continue
        awards.append(award)
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda e: e.row))
    return ImportResult(saved=services.import_awards(actor=actor, school=school, awards=awards))

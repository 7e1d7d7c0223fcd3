"""Demo data: the reference school (Trường Tiểu học Cao Dương) and, for benchmarks, a district of generated schools.

``seed_reference_school`` is idempotent: it creates what is missing and leaves existing rows as they are, so a
second run changes nothing (and an edited demo site is not reset). It writes no audit rows: seeding is not a
user's action. ``seed_district`` bulk-inserts whole schools and skips those that already exist.

The demo lives today: its school years run from 2022-2023 (the year of the reference plan 23/KH-THCD) through the
school year in progress on ``today`` (see ``current_start_year``), so a fresh demo always has a year under way.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import (
    Authority,
    AuthorityLevel,
    ClassGroup,
    Gender,
    LegalRegime,
    Pupil,
    Role,
    School,
    SchoolYear,
    Staff,
    StaffKind,
    Team,
)

#: One password for every demo account (shown by ``manage.py demo_accounts``); it passes the site's validators.
DEMO_PASSWORD = "CaoDuong@2023"

REFERENCE_SCHOOL = {
    "name": "Trường Tiểu học Cao Dương",
    "abbreviation": "THCD",
    "parent_agency": "UBND huyện Thanh Oai",
    "place_name": "Cao Dương",
    "address": "Xã Cao Dương, huyện Thanh Oai, thành phố Hà Nội",
}
DISTRICT = "UBND huyện Thanh Oai"
PROVINCE = "UBND thành phố Hà Nội"

#: (name, is_office); sort_order follows this order.
TEAMS = [("Tổ 1", False), ("Tổ 2-3", False), ("Tổ 4-5", False), ("Tổ Văn phòng", True)]

#: The demo's first school year starts in this year (2022-2023: the reference plan of 30/01/2023 serves it).
FIRST_YEAR = 2022
#: A school year runs from 5 September to 31 May (month, day).
YEAR_START, YEAR_END = (9, 5), (5, 31)

F, M = Gender.FEMALE, Gender.MALE
MGR, TCH, EMP = StaffKind.MANAGER, StaffKind.TEACHER, StaffKind.EMPLOYEE


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    gender: str
    born: date
    position: str
    kind: str
    team: str | None
    recruited: date
    role: str = Role.MEMBER
    username: str = ""
    left: date | None = None


# Vũ Thị Hải Yến was recruited 8 months and Kiều Thị Hoa 4 months before the 2023-2024 review (31/05/2024):
# under regime 2024 (at least 6 months) the first may be considered for Lao động tiên tiến, the second not.
STAFF = [
    DemoPerson("Đỗ Thị Thanh Huyền", F, date(1975, 3, 14), "Hiệu trưởng", MGR, None, date(1996, 9, 1),
               Role.PRINCIPAL, "hieutruong"),
    DemoPerson("Nguyễn Thị Thu Hà", F, date(1979, 8, 22), "Phó Hiệu trưởng", MGR, None, date(2001, 9, 1),
               Role.VICE_PRINCIPAL, "phohieutruong"),
    DemoPerson("Lê Thị Minh Nguyệt", F, date(1982, 11, 5), "Phó Hiệu trưởng", MGR, None, date(2004, 9, 1),
               Role.VICE_PRINCIPAL),
    # Tổ 1
    DemoPerson("Nguyễn Thị Hồng Nhung", F, date(1980, 2, 10), "Tổ trưởng", TCH, "Tổ 1", date(2002, 9, 1),
               Role.TEAM_HEAD, "totruong"),
    DemoPerson("Trần Thị Mai", F, date(1985, 6, 18), "Giáo viên", TCH, "Tổ 1", date(2008, 9, 1),
               Role.MEMBER, "giaovien"),
    DemoPerson("Phạm Thị Lan Anh", F, date(1988, 9, 30), "Giáo viên", TCH, "Tổ 1", date(2011, 9, 1)),
    DemoPerson("Lê Thị Thu Trang", F, date(1990, 12, 3), "Giáo viên", TCH, "Tổ 1", date(2013, 9, 1)),
    DemoPerson("Hoàng Thị Hương", F, date(1987, 4, 25), "Giáo viên", TCH, "Tổ 1", date(2010, 9, 1)),
    DemoPerson("Đinh Thị Phương", F, date(1992, 7, 14), "Giáo viên", TCH, "Tổ 1", date(2015, 9, 1)),
    DemoPerson("Vũ Thị Hải Yến", F, date(1998, 1, 20), "Giáo viên", TCH, "Tổ 1", date(2023, 9, 30)),
    # Tổ 2-3
    DemoPerson("Nguyễn Thị Bích Ngọc", F, date(1978, 10, 11), "Tổ trưởng", TCH, "Tổ 2-3", date(2000, 9, 1),
               Role.TEAM_HEAD),
    DemoPerson("Đặng Thị Thanh Thủy", F, date(1983, 5, 2), "Giáo viên", TCH, "Tổ 2-3", date(2006, 9, 1)),
    DemoPerson("Bùi Thị Hạnh", F, date(1981, 3, 27), "Giáo viên", TCH, "Tổ 2-3", date(2004, 9, 1)),
    DemoPerson("Ngô Thị Kim Oanh", F, date(1986, 8, 8), "Giáo viên", TCH, "Tổ 2-3", date(2009, 9, 1)),
    DemoPerson("Tạ Thị Minh Phượng", F, date(1989, 11, 19), "Giáo viên", TCH, "Tổ 2-3", date(2012, 9, 1)),
    DemoPerson("Nguyễn Thị Thu Huyền", F, date(1991, 2, 6), "Giáo viên", TCH, "Tổ 2-3", date(2014, 9, 1)),
    DemoPerson("Lê Thị Thanh Tâm", F, date(1984, 9, 9), "Giáo viên", TCH, "Tổ 2-3", date(2007, 9, 1)),
    DemoPerson("Trịnh Thị Loan", F, date(1976, 12, 24), "Giáo viên", TCH, "Tổ 2-3", date(1998, 9, 1)),
    DemoPerson("Phạm Thị Thảo", F, date(1993, 4, 4), "Giáo viên", TCH, "Tổ 2-3", date(2016, 9, 1)),
    DemoPerson("Nguyễn Văn Hùng", M, date(1987, 7, 7), "Giáo viên Thể dục", TCH, "Tổ 2-3", date(2010, 9, 1)),
    DemoPerson("Kiều Thị Hoa", F, date(1999, 5, 15), "Giáo viên", TCH, "Tổ 2-3", date(2024, 1, 31)),
    DemoPerson("Đinh Thị Lụa", F, date(1966, 4, 4), "Giáo viên", TCH, "Tổ 2-3", date(1987, 9, 1),
               left=date(2022, 8, 31)),
    # Tổ 4-5
    DemoPerson("Đào Thị Thu Hằng", F, date(1979, 1, 16), "Tổ trưởng", TCH, "Tổ 4-5", date(2001, 9, 1),
               Role.TEAM_HEAD),
    DemoPerson("Nguyễn Thị Liên", F, date(1982, 6, 29), "Giáo viên", TCH, "Tổ 4-5", date(2005, 9, 1)),
    DemoPerson("Trần Thị Huệ", F, date(1985, 10, 13), "Giáo viên", TCH, "Tổ 4-5", date(2008, 9, 1)),
    DemoPerson("Lê Thị Ngọc Diệp", F, date(1990, 3, 21), "Giáo viên", TCH, "Tổ 4-5", date(2013, 9, 1)),
    DemoPerson("Phan Thị Thu Hiền", F, date(1988, 8, 17), "Giáo viên", TCH, "Tổ 4-5", date(2011, 9, 1)),
    DemoPerson("Đỗ Thị Vân", F, date(1977, 4, 30), "Giáo viên", TCH, "Tổ 4-5", date(1999, 9, 1)),
    DemoPerson("Hoàng Thị Quỳnh", F, date(1994, 12, 12), "Giáo viên", TCH, "Tổ 4-5", date(2017, 9, 1)),
    DemoPerson("Phạm Văn Tùng", M, date(1989, 2, 28), "Giáo viên Tin học", TCH, "Tổ 4-5", date(2014, 9, 1),
               Role.ADMINISTRATOR, "quantri"),
    DemoPerson("Nguyễn Thị Thúy Nga", F, date(1991, 10, 10), "Giáo viên Tiếng Anh", TCH, "Tổ 4-5",
               date(2015, 9, 1)),
    DemoPerson("Lương Thị Mỹ Linh", F, date(1995, 6, 6), "Giáo viên Mĩ thuật", TCH, "Tổ 4-5", date(2019, 9, 1)),
    DemoPerson("Nguyễn Đức Minh", M, date(1986, 1, 9), "Giáo viên Âm nhạc", TCH, "Tổ 4-5", date(2010, 9, 1)),
    # Tổ Văn phòng
    DemoPerson("Bùi Thị Thanh Xuân", F, date(1983, 3, 8), "Kế toán", EMP, "Tổ Văn phòng", date(2006, 9, 1),
               Role.TEAM_HEAD),
    DemoPerson("Nguyễn Thị Ánh", F, date(1984, 7, 19), "Văn thư", EMP, "Tổ Văn phòng", date(2008, 9, 1),
               Role.CLERK, "vanthu"),
    DemoPerson("Phạm Thị Nhàn", F, date(1992, 12, 1), "Tổng phụ trách Đội", TCH, "Tổ Văn phòng",
               date(2015, 9, 1)),
    DemoPerson("Trần Thị Duyên", F, date(1990, 9, 25), "Nhân viên Y tế", EMP, "Tổ Văn phòng", date(2016, 9, 1)),
    DemoPerson("Nguyễn Thị Hường", F, date(1987, 11, 2), "Nhân viên Thư viện – Thiết bị", EMP, "Tổ Văn phòng",
               date(2012, 9, 1)),
    DemoPerson("Lê Văn Bình", M, date(1968, 5, 20), "Bảo vệ", EMP, "Tổ Văn phòng", date(2005, 1, 1)),
    DemoPerson("Nguyễn Văn Sơn", M, date(1970, 8, 15), "Bảo vệ", EMP, "Tổ Văn phòng", date(2010, 3, 1)),
]  # fmt: skip

#: class name -> homeroom teacher, for the current year; pupils are generated from the name pools below.
CLASSES = {
    "1A": "Trần Thị Mai",
    "1B": "Phạm Thị Lan Anh",
    "2A": "Đặng Thị Thanh Thủy",
    "2B": "Bùi Thị Hạnh",
    "3A": "Ngô Thị Kim Oanh",
    "3B": "Tạ Thị Minh Phượng",
    "4A": "Nguyễn Thị Liên",
    "4B": "Trần Thị Huệ",
    "5A": "Lê Thị Ngọc Diệp",
    "5B": "Phan Thị Thu Hiền",
}
PUPILS_PER_CLASS = 3

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Trịnh"]
FEMALE_MIDDLE = ["Thị", "Thị Thu", "Thị Thanh", "Thị Minh", "Thị Ngọc", "Thị Hồng", "Thị Kim", "Thị Bích"]
FEMALE_GIVEN = ["Hà", "Lan", "Hương", "Hoa", "Mai", "Nga", "Thảo", "Trang", "Hằng", "Linh", "Yến", "Phương", "Ngân"]
MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Gia"]
MALE_GIVEN = ["Hùng", "Dũng", "Nam", "Sơn", "Tuấn", "Long", "Khánh", "Bảo", "An", "Phúc"]
#: Communes of Thanh Oai, used as place names of the generated district schools.
COMMUNES = ["Bích Hòa", "Bình Minh", "Cao Viên", "Cự Khê", "Dân Hòa", "Đỗ Động", "Hồng Dương", "Kim An", "Kim Thư",
            "Liên Châu", "Mỹ Hưng", "Phương Trung", "Tam Hưng", "Tân Ước", "Thanh Cao", "Thanh Mai", "Thanh Thùy",
            "Thanh Văn", "Xuân Dương"]  # fmt: skip


#: The deployment's superuser (the district or commune level that runs the site for its schools): no school, no
#: staff record; keeps the shared data (legal regimes, catalog, law figures) and every school's rows in the admin.
DEPLOYMENT_ADMIN = "sieuquantri"

#: The demo accounts in the order ``manage.py demo_accounts`` prints them.
ACCOUNT_ORDER = ["hieutruong", "phohieutruong", "totruong", "vanthu", "giaovien", "quantri"]


def demo_accounts() -> list[DemoPerson]:
    """The reference school's people who get a demo account, one per role."""
    return sorted((person for person in STAFF if person.username), key=lambda p: ACCOUNT_ORDER.index(p.username))


def _year_dates(start: int, end: int) -> tuple[date, date]:
    return date(start, *YEAR_START), date(end, *YEAR_END)


def current_start_year(today: date) -> int:
    """The calendar year in which the school year in progress on ``today`` started.

    A new year starts on its first day (5 September): until then, through the summer, the year that ended on 31 May
    stays the current one, since its review, decisions and award history are closed then (15/08/2026 → 2025-2026;
    05/09/2026 → 2026-2027).
    """
    return today.year if today >= date(today.year, *YEAR_START) else today.year - 1


def demo_years(today: date) -> list[tuple[int, int]]:
    """(start, end) of the demo's school years, oldest first; the last one is the current one on ``today``."""
    return [(start, start + 1) for start in range(FIRST_YEAR, max(current_start_year(today), FIRST_YEAR) + 1)]


def ensure_years(school: School, *, today: date) -> dict[int, SchoolYear]:
    """The demo's school years of ``school`` by start year, created when missing; the current one is marked.

    Only a year this call creates takes the "current" mark from another (a demo re-seeded in a new school year
    moves on); a year an administrator marked current stays so otherwise.
    """
    years, created_current = {}, False
    wanted = demo_years(today)
    for start, end in wanted:
        start_date, end_date = _year_dates(start, end)
        years[start], created = SchoolYear.objects.get_or_create(
            school=school, name=f"{start}-{end}", defaults={"start_date": start_date, "end_date": end_date}
        )
        created_current = created and (start, end) == wanted[-1]
    current = years[wanted[-1][0]]
    marked = SchoolYear.objects.filter(school=school, is_current=True)
    if created_current or not marked.exists():
        marked.update(is_current=False)
        current.is_current = True
        current.save(update_fields=["is_current"])
    return years


def authority_rows(school: School, commune: str) -> list[Authority]:
    """Who stands above ``school`` under each regime: the district until 30/06/2025, the commune from 01/07/2025."""
    regimes = {regime.code: regime for regime in LegalRegime.objects.filter(code__in=["2017", "2024", "2025"])}
    rows = []
    for code in ["2017", "2024", "2025"]:
        local_level, local_name = (
            (AuthorityLevel.COMMUNE, f"UBND xã {commune}") if code == "2025" else (AuthorityLevel.DISTRICT, DISTRICT)
        )
        rows += [
            Authority(school=school, regime=regimes[code], level=AuthorityLevel.SCHOOL, name=school.name,
                      head_title="Hiệu trưởng"),
            Authority(school=school, regime=regimes[code], level=local_level, name=local_name, head_title="Chủ tịch",
                      is_parent=True, receives_submissions=True),
            Authority(school=school, regime=regimes[code], level=AuthorityLevel.PROVINCE, name=PROVINCE,
                      head_title="Chủ tịch"),
        ]  # fmt: skip
    return rows


def _ensure_user(username: str, **defaults):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults=defaults)
    if created:
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _ensure_users(school: School, staff_by_name: dict[str, Staff]) -> None:
    for person in demo_accounts():
        staff = staff_by_name[person.full_name]
        user = _ensure_user(person.username, first_name=person.full_name)
        if user.is_superuser or user.is_staff:
            # Demo sites seeded before made the school's administrator a superuser, who saw every school in the
            # admin: a school's accounts never are (the deployment's superuser is DEPLOYMENT_ADMIN).
            user.is_superuser = user.is_staff = False
            user.save(update_fields=["is_superuser", "is_staff"])
        if staff.user_id is None and not Staff.objects.filter(user=user).exists():
            staff.user = user
            staff.save(update_fields=["user"])
    _ensure_user(DEPLOYMENT_ADMIN, first_name="Quản trị triển khai", is_superuser=True, is_staff=True)


@transaction.atomic
def seed_reference_school(*, today: date) -> School:
    """Create the reference school with its teams, staff, years up to ``today``'s, authorities, classes, pupils and
    demo accounts."""
    school, _ = School.objects.get_or_create(abbreviation=REFERENCE_SCHOOL["abbreviation"], defaults=REFERENCE_SCHOOL)
    existing = {(a.regime_id, a.level) for a in school.authorities.all()}
    Authority.objects.bulk_create(
        row for row in authority_rows(school, school.place_name) if (row.regime_id, row.level) not in existing
    )
    teams = {}
    for order, (name, is_office) in enumerate(TEAMS, start=1):
        teams[name], _ = Team.objects.get_or_create(
            school=school, name=name, defaults={"is_office": is_office, "sort_order": order}
        )
    years = ensure_years(school, today=today)
    staff_by_name = {}
    for person in STAFF:
        staff_by_name[person.full_name], _ = Staff.objects.get_or_create(
            school=school,
            full_name=person.full_name,
            defaults={
                "gender": person.gender,
                "date_of_birth": person.born,
                "position": person.position,
                "kind": person.kind,
                "role": person.role,
                "team": teams[person.team] if person.team else None,
                "recruited_on": person.recruited,
                "left_on": person.left,
            },
        )
    _ensure_users(school, staff_by_name)
    _ensure_classes(school, years[max(years)], staff_by_name)
    return school


def _ensure_classes(school: School, year: SchoolYear, staff_by_name: dict[str, Staff]) -> None:
    rng = random.Random("THCD-pupils")  # fixed seed: the same pupils on every run
    for class_name, teacher in CLASSES.items():
        grade = int(class_name[0])
        group, _ = ClassGroup.objects.get_or_create(
            school=school,
            school_year=year,
            name=class_name,
            defaults={"grade": grade, "homeroom_teacher": staff_by_name[teacher]},
        )
        for _ in range(PUPILS_PER_CLASS):
            gender = rng.choice([F, M])
            Pupil.objects.get_or_create(
                school=school,
                class_group=group,
                full_name=_generated_name(rng, gender),
                defaults={
                    "gender": gender,
                    "date_of_birth": date(year.start_date.year - 5 - grade, rng.randint(1, 12), rng.randint(1, 28)),
                },
            )


def _generated_name(rng: random.Random, gender: str) -> str:
    if gender == F:
        return f"{rng.choice(SURNAMES)} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"


def district_abbreviation(number: int) -> str:
    return f"THS{number:03d}"


@transaction.atomic
def seed_district(*, schools: int, staff_per_school: int, today: date) -> int:
    """Bulk-create ``schools`` generated schools ("Trường Tiểu học Số k") with teams, years and staff.

    Each school's first staff member is its principal (no account: the benchmark gives accounts), the next its
    vice principal, then a head for each team. Returns how many schools were created (existing ones are skipped).
    """
    wanted = {district_abbreviation(k): k for k in range(1, schools + 1)}
    existing = set(School.objects.filter(abbreviation__in=wanted).values_list("abbreviation", flat=True))
    numbers = [k for abbreviation, k in wanted.items() if abbreviation not in existing]
    new_schools = School.objects.bulk_create(
        School(
            name=f"Trường Tiểu học Số {k}",
            abbreviation=district_abbreviation(k),
            parent_agency=DISTRICT,
            place_name=COMMUNES[(k - 1) % len(COMMUNES)],
            address=f"Xã {COMMUNES[(k - 1) % len(COMMUNES)]}, huyện Thanh Oai, thành phố Hà Nội",
        )
        for k in numbers
    )
    if not new_schools:
        return 0
    years = demo_years(today)
    Authority.objects.bulk_create(row for school in new_schools for row in authority_rows(school, school.place_name))
    teams = Team.objects.bulk_create(
        Team(school=school, name=name, is_office=is_office, sort_order=order)
        for school in new_schools
        for order, (name, is_office) in enumerate(TEAMS, start=1)
    )
    SchoolYear.objects.bulk_create(
        SchoolYear(
            school=school,
            name=f"{start}-{end}",
            start_date=_year_dates(start, end)[0],
            end_date=_year_dates(start, end)[1],
            is_current=(start, end) == years[-1],
        )
        for school in new_schools
        for start, end in years
    )
    teams_of = {}
    for team in teams:
        teams_of.setdefault(team.school_id, []).append(team)
    staff = []
    for school in new_schools:
        rng = random.Random(school.abbreviation)
        staff.extend(_generated_staff(rng, school, teams_of[school.pk], staff_per_school))
    Staff.objects.bulk_create(staff, batch_size=1000)
    return len(new_schools)


def _generated_staff(rng: random.Random, school: School, teams: list[Team], count: int) -> list[Staff]:
    people = []
    for i in range(count):
        gender = F if rng.random() < 0.85 else M
        full_name = _generated_name(rng, gender)
        if i == 0:
            role, position, kind, team = Role.PRINCIPAL, "Hiệu trưởng", MGR, None
        elif i == 1:
            role, position, kind, team = Role.VICE_PRINCIPAL, "Phó Hiệu trưởng", MGR, None
        elif i < 2 + len(teams):
            team = teams[i - 2]
            role, position, kind = Role.TEAM_HEAD, "Tổ trưởng", EMP if team.is_office else TCH
        else:
            team = teams[i % len(teams)]
            role = Role.MEMBER
            position, kind = ("Nhân viên", EMP) if team.is_office else ("Giáo viên", TCH)
        born = date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28))
        person = Staff(
            school=school,
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            position=position,
            kind=kind,
            role=role,
            team=team,
            recruited_on=date(min(born.year + 22, 2023), 9, 1),
        )
        person.fill_names()  # bulk_create skips Staff.save(), which fills the derived name columns
        people.append(person)
    return people

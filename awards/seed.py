"""Demo data of the awards app for the reference school: four years of evaluations, three-year chains of
Chiến sĩ thi đua cơ sở with their initiatives, a team's Tập thể lao động xuất sắc year, initiatives waiting for
review and the registrations of 2023-2024. Idempotent: every row is found by its natural key before it is made.
"""

from datetime import date

from thiduakhenthuong.organization.models import Gender, Role, School, SchoolYear, Staff, Team

from .models import (
    Absence,
    AbsenceKind,
    AnnualEvaluation,
    AwardRecord,
    DriveKind,
    Initiative,
    InitiativeScope,
    InitiativeStatus,
    InitiativeUse,
    Rating,
    Registration,
    RegistrationPeriod,
    TeamEvaluation,
    Title,
)

YEARS = [2020, 2021, 2022, 2023]
CHAIN_YEARS = [2020, 2021, 2022]
PROVINCE_ISSUER = "UBND thành phố Hà Nội"
INITIATIVE_TOPICS = [
    "Một số biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp {grade}",
    "Ứng dụng trò chơi học tập trong dạy Toán lớp {grade}",
    "Xây dựng thư viện xanh góp phần phát triển văn hóa đọc lớp {grade}",
]


def _year(school: School, start: int) -> SchoolYear:
    year, _ = SchoolYear.objects.get_or_create(
        school=school,
        name=f"{start}-{start + 1}",
        defaults={"start_date": date(start, 9, 5), "end_date": date(start + 1, 5, 31)},
    )
    return year


def _title(code: str, scope: str = "individual") -> Title:
    return Title.objects.get(code=code, scope=scope)


def _award(school, year, title, *, staff=None, team=None, number, issuer, drive=DriveKind.YEARLY) -> AwardRecord:
    award, _ = AwardRecord.objects.get_or_create(
        school=school,
        school_year=year,
        title=title,
        staff=staff,
        team=team,
        drive=drive,
        defaults={"decision_number": number, "decision_date": year.end_date.replace(day=20), "issuer_name": issuer},
    )
    return award


def _initiative(school, year, author, topic, *, status, scope="", used_for=None) -> Initiative:
    initiative, _ = Initiative.objects.get_or_create(
        school=school,
        author=author,
        title=topic,
        defaults={
            "school_year": year,
            "field": "Chuyên môn tiểu học",
            "description": "Thực trạng, các biện pháp đã thực hiện và cách tổ chức áp dụng trong lớp học.",
            "results": "Chất lượng học sinh nâng lên rõ rệt; được tổ chuyên môn nhân rộng.",
            "status": status,
            "scope": scope,
            "decision_number": f"{year.end_date.year % 100 + 40}/QĐ-HĐSK"
            if status == InitiativeStatus.RECOGNISED
            else "",
            "decision_date": year.end_date.replace(day=10) if status == InitiativeStatus.RECOGNISED else None,
        },
    )
    if used_for is not None:
        InitiativeUse.objects.get_or_create(initiative=initiative, defaults={"award": used_for})
    return initiative


def _rating(person: Staff, index: int, chain: set[int]) -> str:
    if person.pk in chain:
        return Rating.EXCELLENT
    return [Rating.GOOD, Rating.GOOD, Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED][index % 5]


def seed_demo(*, school: School, stdout=None) -> None:
    staff = list(Staff.objects.filter(school=school).active().select_related("team").order_by("pk"))
    teams = list(Team.objects.filter(school=school))
    if not staff:
        if stdout:
            stdout.write("Khen thưởng: đơn vị chưa có cán bộ, bỏ qua dữ liệu mẫu.")
        return
    years = {start: _year(school, start) for start in YEARS}
    local_issuer = school.parent_agency
    teachers = [p for p in staff if p.role not in {Role.PRINCIPAL, Role.CLERK}] or staff
    chain_people = teachers[:3]
    chain = {p.pk for p in chain_people}

    for index, person in enumerate(staff):
        for start, year in years.items():
            evaluation, created = AnnualEvaluation.objects.get_or_create(
                staff=person,
                school_year=year,
                defaults={"school": school, "rating": _rating(person, index + start, chain)},
            )
            if created and person.gender == Gender.FEMALE and index % 7 == 3 and start == 2021:
                Absence.objects.create(evaluation=evaluation, kind=AbsenceKind.MATERNITY, days=180)
            if created and index % 9 == 5 and start == 2022:
                Absence.objects.create(evaluation=evaluation, kind=AbsenceKind.SICK, days=6)
        for start in CHAIN_YEARS:
            if _rating(person, index + start, chain) in {Rating.EXCELLENT, Rating.GOOD}:
                _award(school, years[start], _title("LDTT"), staff=person, number=f"{300 + start % 100}/QĐ-UBND",
                       issuer=local_issuer)  # fmt: skip

    for number, person in enumerate(chain_people):
        grade = number + 1
        for step, start in enumerate(CHAIN_YEARS):
            award = _award(
                school, years[start], _title("CSTDCS"), staff=person, number=f"{310 + start % 100}/QĐ-UBND",
                issuer=local_issuer,
            )  # fmt: skip
            topic = INITIATIVE_TOPICS[step].format(grade=grade)
            _initiative(
                school, years[start], person, topic, status=InitiativeStatus.RECOGNISED,
                scope=InitiativeScope.SCHOOL, used_for=award,
            )  # fmt: skip
        # the city-level initiative of the third year, still unspent: grounds for Chiến sĩ thi đua cấp tỉnh
        _initiative(
            school, years[2022], person, f"Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học khối {grade}",
            status=InitiativeStatus.RECOGNISED, scope=InitiativeScope.PROVINCE,
        )  # fmt: skip
    if chain_people:
        _award(school, years[2022], _title("GK"), staff=chain_people[0], number="415/QĐ-UBND",
               issuer=local_issuer, drive=DriveKind.THEMATIC)  # fmt: skip

    for person in teachers[3:5]:
        _initiative(
            school, years[2023], person, f"Giải pháp nâng cao chất lượng bán trú ({person.full_name})",
            status=InitiativeStatus.SUBMITTED,
        )  # fmt: skip

    for position, team in enumerate(teams):
        for start, year in years.items():
            excellent = position == 0 and start == 2022
            TeamEvaluation.objects.get_or_create(
                team=team,
                school_year=year,
                defaults={"school": school, "rating": Rating.EXCELLENT if excellent else Rating.GOOD},
            )
            if start in CHAIN_YEARS:
                code, issuer = ("TTLDXS", PROVINCE_ISSUER) if excellent else ("TTLDTT", local_issuer)
                _award(school, year, _title(code, "collective"), team=team, number=f"{320 + start % 100}/QĐ-UBND",
                       issuer=issuer)  # fmt: skip

    current = years[2023]
    RegistrationPeriod.objects.get_or_create(
        school_year=current, defaults={"school": school, "opens_on": date(2023, 9, 15), "deadline": date(2023, 9, 30)}
    )
    for person in staff:
        codes = ["LDTT", "CSTDCS"] if person.pk in chain else ["LDTT"]
        for code in codes:
            Registration.objects.get_or_create(school=school, school_year=current, title=_title(code), staff=person)
    for position, team in enumerate(teams):
        code = "TTLDXS" if position == 0 else "TTLDTT"
        Registration.objects.get_or_create(
            school=school, school_year=current, title=_title(code, "collective"), team=team
        )
    if stdout:
        stdout.write(f"Khen thưởng: dữ liệu mẫu cho {len(staff)} cán bộ, {len(teams)} tổ, {len(years)} năm học.")

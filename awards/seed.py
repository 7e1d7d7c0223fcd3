"""Demo data of the awards app for the reference school, from 2022-2023 to the school year under way: evaluations
of the years that have ended, three-year chains of Chiến sĩ thi đua cơ sở with their initiatives (the three
years before the current one), a team's Tập thể lao động xuất sắc year, initiatives waiting for review and the
current year's registrations, open. Idempotent: every row is found by its natural key before it is made.

The award history is written here for the years before the last one that ended (2024-2025 and earlier when the
demo lives in 2026-2027). The last year that ended (2025-2026) gets its evaluations, initiatives and team ratings
here, but no award: the review stage (``awards.seed_review``) nominates the same people and teams for the same
titles, and the decisions stage confers them through the recorded decisions, linked to the nominations.
"""

from datetime import date, timedelta

from thiduakhenthuong.organization import demo
from thiduakhenthuong.organization.models import Authority, Gender, Role, School, SchoolYear, Staff, Team

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

PROVINCE_ISSUER = "UBND thành phố Hà Nội"
INITIATIVE_TOPICS = [
    "Một số biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp {grade}",
    "Ứng dụng trò chơi học tập trong dạy Toán lớp {grade}",
    "Xây dựng thư viện xanh góp phần phát triển văn hóa đọc lớp {grade}",
]


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


def _local_issuer(school: School, year: SchoolYear) -> str:
    """Who conferred a year's local titles: the parent authority under the regime the year is judged by (the
    district until 30/06/2025, the commune after), else the school's recorded parent agency."""
    parent = Authority.objects.filter(school=school, regime=year.regime, is_parent=True).first()
    return parent.name if parent else school.parent_agency


def past_year(school: School, today: date) -> SchoolYear | None:
    """The last school year that ended before the one under way: the review and decisions stages carry it."""
    current = SchoolYear.objects.current(school)
    if current is None:
        return None
    return (
        SchoolYear.objects.filter(school=school, end_date__lt=min(today, current.start_date))
        .order_by("-start_date")
        .first()
    )


def registration_dates(year: SchoolYear, today: date) -> tuple[date, date]:
    """When the demo's registrations of ``year`` open and close.

    They open on 15 September; while the year runs, the deadline stays two weeks ahead of ``today`` so the demo
    always shows registrations in progress; a year that is (nearly) over kept the usual 15 October.
    """
    opens_on = min(date(year.start_year, 9, 15), today)
    deadline = max(date(year.start_year, 10, 15), today + timedelta(days=14))
    return opens_on, deadline if deadline <= year.end_date else date(year.start_year, 10, 15)


def demo_chain(staff: list[Staff]) -> list[Staff]:
    """The demo's three teachers with a chain of Chiến sĩ thi đua cơ sở (of the active staff in id order): the
    review stage proposes them again for the last year that ended."""
    teachers = [p for p in staff if p.role not in {Role.PRINCIPAL, Role.CLERK}] or staff
    return teachers[:3]


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    """Evaluations of every school year that has ended by ``today``, award history of the years before the last
    one that ended, initiatives, and the current year's registrations."""
    staff = list(Staff.objects.filter(school=school).active().select_related("team").order_by("pk"))
    teams = list(Team.objects.filter(school=school))
    if not staff:
        if stdout:
            stdout.write("Khen thưởng: đơn vị chưa có cán bộ, bỏ qua dữ liệu mẫu.")
        return
    years = demo.ensure_years(school, today=today)
    current = years[max(years)]
    evaluated = [start for start in sorted(years) if years[start].end_date < today]
    ended = [start for start in evaluated if years[start] != current]  # the current year's review is ahead
    # the last year that ended is carried through its review, council and decisions by the later demo stages
    # (awards.seed_review and on): its awards come from its nominations, not from here
    decided = ended[:-1]
    chain_years = ended[-3:]
    teachers = [p for p in staff if p.role not in {Role.PRINCIPAL, Role.CLERK}] or staff
    chain_people = demo_chain(staff)
    chain = {p.pk for p in chain_people}
    issuers = {start: _local_issuer(school, years[start]) for start in decided}

    for index, person in enumerate(staff):
        for start in evaluated:
            evaluation, created = AnnualEvaluation.objects.get_or_create(
                staff=person,
                school_year=years[start],
                defaults={"school": school, "rating": _rating(person, index + start, chain)},
            )
            if created and person.gender == Gender.FEMALE and index % 7 == 3 and start == evaluated[0]:
                Absence.objects.create(evaluation=evaluation, kind=AbsenceKind.MATERNITY, days=180)
            if created and index % 9 == 5 and start == evaluated[-1]:
                Absence.objects.create(evaluation=evaluation, kind=AbsenceKind.SICK, days=6)
        for start in decided:
            if _rating(person, index + start, chain) in {Rating.EXCELLENT, Rating.GOOD}:
                _award(school, years[start], _title("LDTT"), staff=person, number=f"{300 + start % 100}/QĐ-UBND",
                       issuer=issuers[start])  # fmt: skip

    for number, person in enumerate(chain_people):
        grade = number + 1
        for step, start in enumerate(chain_years):
            award = None
            if start in decided:
                award = _award(
                    school, years[start], _title("CSTDCS"), staff=person, number=f"{310 + start % 100}/QĐ-UBND",
                    issuer=issuers[start],
                )  # fmt: skip
            topic = INITIATIVE_TOPICS[step].format(grade=grade)
            _initiative(
                school, years[start], person, topic, status=InitiativeStatus.RECOGNISED,
                scope=InitiativeScope.SCHOOL, used_for=award,
            )  # fmt: skip
        if chain_years:
            # the city-level initiative of the chain's last year, still unspent: grounds for Chiến sĩ thi đua cấp tỉnh
            _initiative(
                school, years[chain_years[-1]], person,
                f"Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học khối {grade}",
                status=InitiativeStatus.RECOGNISED, scope=InitiativeScope.PROVINCE,
            )  # fmt: skip
    if chain_people and chain_years and chain_years[-1] in decided:  # else the review stage proposes it
        last = chain_years[-1]
        _award(school, years[last], _title("GK"), staff=chain_people[0], number=f"{415 + last % 100}/QĐ-UBND",
               issuer=issuers[last], drive=DriveKind.THEMATIC)  # fmt: skip

    for person in teachers[3:5]:
        _initiative(
            school, current, person, f"Giải pháp nâng cao chất lượng bán trú ({person.full_name})",
            status=InitiativeStatus.SUBMITTED,
        )  # fmt: skip

    for position, team in enumerate(teams):
        for start in evaluated:
            excellent = position == 0 and bool(ended) and start == ended[-1]
            TeamEvaluation.objects.get_or_create(
                team=team,
                school_year=years[start],
                defaults={"school": school, "rating": Rating.EXCELLENT if excellent else Rating.GOOD},
            )
            if start in decided:
                code, issuer = ("TTLDXS", PROVINCE_ISSUER) if excellent else ("TTLDTT", issuers[start])
                _award(school, years[start], _title(code, "collective"), team=team,
                       number=f"{320 + start % 100}/QĐ-UBND", issuer=issuer)  # fmt: skip

    opens_on, deadline = registration_dates(current, today)
    RegistrationPeriod.objects.get_or_create(
        school_year=current, defaults={"school": school, "opens_on": opens_on, "deadline": deadline}
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

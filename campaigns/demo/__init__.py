"""Demo data of the campaigns app for the reference school (Trường Tiểu học Cao Dương).

The campaigns its 2023 plan names for 2022-2023, the regular campaigns of every later school year (closed for the
years that have ended, under way in the current one), and the plan itself: Kế hoạch số 23/KH-THCD of 30/01/2023,
registered as the paper document it is. The plan's text is read from ``plan_2023.txt`` beside this
file. Idempotent: what exists is left as it is. Campaigns are written as the history they stand for (launched,
closed, pledged on past dates) without audit rows or notifications: seeding is not a user's action. The plan goes
through the services, so it passes the same checks and numbering as a real one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from thiduakhenthuong.organization.models import Role, School, SchoolYear, Staff, Team

from .. import services
from ..models import (
    Campaign,
    CampaignCriterion,
    CampaignKind,
    CampaignPeriod,
    CampaignStatus,
    Commitment,
    Plan,
    TargetGroup,
)

PLAN_TEXT = Path(__file__).with_name("plan_2023.txt")
PLAN_YEAR, PLAN_NUMBER, PLAN_DATE = 2023, 23, date(2023, 1, 30)
CLERK_NAME = "Nguyễn Thị Ánh"

ALL = tuple(TargetGroup.values)
STAFF_AND_TEAMS = (TargetGroup.MANAGERS, TargetGroup.TEACHERS, TargetGroup.EMPLOYEES, TargetGroup.TEAMS)
TEACHING = ("Tổ 1", "Tổ 2-3", "Tổ 4-5")
EVERY_TEAM = (*TEACHING, "Tổ Văn phòng")


@dataclass(frozen=True)
class DemoCampaign:
    year: str
    name: str
    kind: str
    start: date
    end: date
    targets: tuple[str, ...]
    description: str
    criteria: tuple[str, ...]
    periods: tuple[tuple[str, date, date], ...] = ()
    launched_on: date | None = None
    closed_on: date | None = None
    summary: str = ""
    pledged: tuple[str, ...] = ()  # names of the teams that signed a pledge
    in_plan: bool = False  # named by the 2023 plan
    launched_by_plan: bool = False


DAY_TOT = (
    "Thực hiện nghiêm túc chương trình, kế hoạch dạy học",
    "Đổi mới phương pháp dạy học và đánh giá học sinh",
    "Tỷ lệ học sinh hoàn thành chương trình lớp học",
    "Tham gia hội giảng, thi giáo viên dạy giỏi các cấp",
)
SANG_TAO = (
    "Có sáng kiến, giải pháp được Hội đồng Sáng kiến công nhận",
    "Ứng dụng công nghệ thông tin, học liệu số trong dạy học",
    "Xây dựng tiết dạy minh họa, chuyên đề cấp tổ, cấp trường",
)
NGUOI_TOT = (
    "Có việc làm tốt được xác minh, biểu dương",
    "Giới thiệu gương điển hình tiên tiến, người tốt, việc tốt",
)

CAMPAIGNS = [
    DemoCampaign(
        "2022-2023",
        "Dạy tốt - Học tốt",
        CampaignKind.REGULAR,
        date(2022, 9, 5),
        date(2023, 5, 31),
        ALL,
        "Phong trào thi đua truyền thống của Ngành, gắn với cuộc vận động “Mỗi thầy, cô giáo là một tấm gương đạo "
        "đức, tự học và sáng tạo”, nhằm thực hiện thắng lợi nhiệm vụ năm học 2022-2023.",
        DAY_TOT,
        periods=(
            ("Đợt thi đua chào mừng ngày Nhà giáo Việt Nam 20/11", date(2022, 10, 10), date(2022, 11, 20)),
            (
                "Đợt thi đua chào mừng ngày Quốc tế Phụ nữ 08/3 và ngày thành lập Đoàn 26/3",
                date(2023, 2, 20),
                date(2023, 3, 26),
            ),
        ),  # fmt: skip
        launched_on=date(2022, 9, 5),
        closed_on=date(2023, 5, 31),
        summary="100% cán bộ, giáo viên, nhân viên hoàn thành nhiệm vụ; 100% học sinh hoàn thành chương trình lớp "
        "học; 03 giáo viên đạt giáo viên dạy giỏi cấp huyện. Các tổ thực hiện đầy đủ giao ước thi đua.",
        pledged=EVERY_TEAM,
        in_plan=True,
    ),
    DemoCampaign(
        "2022-2023",
        "Đổi mới sáng tạo trong dạy và học",
        CampaignKind.REGULAR,
        date(2022, 9, 5),
        date(2023, 5, 31),
        (TargetGroup.MANAGERS, TargetGroup.TEACHERS, TargetGroup.TEAMS),
        "Thi đua lao động sáng tạo, đổi mới phương pháp nâng cao chất lượng dạy học.",
        SANG_TAO,
        launched_on=date(2022, 9, 5),
        closed_on=date(2023, 5, 31),
        summary="05 sáng kiến được công nhận cấp trường, 01 sáng kiến cấp huyện; 100% giáo viên sử dụng học liệu số.",
        pledged=TEACHING,
        in_plan=True,
    ),
    DemoCampaign(
        "2022-2023",
        "Thi đua chào mừng kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam 03/02 và đón Tết Nguyên đán Quý Mão 2023",
        CampaignKind.PERIODIC,
        date(2023, 1, 3),
        date(2023, 2, 28),
        STAFF_AND_TEAMS,
        "Các hoạt động mừng Đảng, mừng Xuân gắn với tuyên truyền kết quả phát triển kinh tế - xã hội, an ninh, quốc "
        "phòng, đối ngoại của Thủ đô năm 2022.",
        (
            "Tổ chức các hoạt động mừng Đảng, mừng Xuân an toàn, tiết kiệm",
            "Duy trì nền nếp dạy và học trước và sau Tết",
        ),
        launched_on=date(2023, 1, 3),
        closed_on=date(2023, 2, 28),
        summary="Các tổ tổ chức tốt hoạt động mừng Đảng, mừng Xuân; nền nếp dạy học được duy trì sau Tết.",
        pledged=EVERY_TEAM,
        in_plan=True,
    ),
    DemoCampaign(
        "2022-2023",
        "Người tốt, việc tốt",
        CampaignKind.THEMATIC,
        date(2023, 2, 1),
        date(2023, 5, 31),
        ALL,
        "Phát hiện, bồi dưỡng, biểu dương và nhân rộng gương điển hình tiên tiến, người tốt, việc tốt.",
        NGUOI_TOT,
        periods=(
            (
                "Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2023",
                date(2023, 2, 1),
                date(2023, 4, 30),
            ),
        ),  # fmt: skip
        launched_on=date(2023, 2, 1),
        closed_on=date(2023, 5, 31),
        summary="Biểu dương 12 tấm gương người tốt, việc tốt; 02 bài viết được gửi dự Cuộc thi cấp huyện.",
        pledged=EVERY_TEAM,
        in_plan=True,
        launched_by_plan=True,
    ),
]


def later_campaigns(start: int, *, current: bool) -> list[DemoCampaign]:
    """The regular campaigns of the school year starting in ``start`` (after 2022-2023).

    A past year's are closed with a summary; the current year's are launched (Tổ 1 has yet to pledge for
    "Đổi mới sáng tạo": its head sees it on the dashboard), and "Người tốt, việc tốt" is still a draft.
    """
    name, begin, end = f"{start}-{start + 1}", date(start, 9, 5), date(start + 1, 5, 31)
    closed = {} if current else {"closed_on": end}
    campaigns = [
        DemoCampaign(
            name,
            "Dạy tốt - Học tốt",
            CampaignKind.REGULAR,
            begin,
            end,
            ALL,
            f"Phong trào thi đua truyền thống của Ngành trong năm học {name}.",
            DAY_TOT,
            periods=(("Đợt thi đua chào mừng ngày Nhà giáo Việt Nam 20/11", date(start, 10, 9), date(start, 11, 20)),),
            launched_on=begin,
            summary=""
            if current
            else "100% cán bộ, giáo viên, nhân viên hoàn thành nhiệm vụ; các tổ thực hiện đầy đủ giao ước thi đua.",
            pledged=EVERY_TEAM,
            **closed,
        ),
        DemoCampaign(
            name,
            "Đổi mới sáng tạo trong dạy và học",
            CampaignKind.REGULAR,
            begin,
            end,
            (TargetGroup.MANAGERS, TargetGroup.TEACHERS, TargetGroup.TEAMS),
            "Thi đua đổi mới, sáng tạo; ứng dụng công nghệ thông tin và chuyển đổi số trong dạy học.",
            SANG_TAO,
            launched_on=begin,
            summary="" if current else "Các sáng kiến được công nhận được nhân rộng trong các tổ chuyên môn.",
            pledged=("Tổ 2-3", "Tổ 4-5") if current else TEACHING,
            **closed,
        ),
    ]
    if current:
        campaigns.append(
            DemoCampaign(
                name,
                "Người tốt, việc tốt",
                CampaignKind.THEMATIC,
                date(start, 10, 2),
                end,
                ALL,
                "Biểu dương gương người tốt, việc tốt trong cán bộ, giáo viên, nhân viên và học sinh.",
                NGUOI_TOT,
            )
        )
    return campaigns


def read_plan_text(path: Path = PLAN_TEXT) -> dict[str, str]:
    """The reference plan's parts: ``{part: text}``, one paragraph per line."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("[") and line.endswith("]"):
            current = parts.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {part: "\n".join(lines) for part, lines in parts.items()}


def _pledge(team: Team, campaign: Campaign) -> str:
    return (
        f"{team.name} cam kết thực hiện tốt phong trào “{campaign.name}”: đoàn kết, chấp hành nghiêm kỷ cương, "
        "hoàn thành tốt nhiệm vụ được giao."
    )


def _create_campaign(
    spec: DemoCampaign, school: School, year: SchoolYear, teams: dict[str, Team], today: date
) -> Campaign:
    status = (
        CampaignStatus.CLOSED
        if spec.closed_on
        else CampaignStatus.LAUNCHED
        if spec.launched_on
        else CampaignStatus.DRAFT
    )
    campaign = Campaign(
        school=school,
        school_year=year,
        name=spec.name,
        kind=spec.kind,
        start_date=spec.start,
        end_date=spec.end,
        description=spec.description,
        target_groups=list(spec.targets),
        status=status,
        launched_on=spec.launched_on,
        closed_on=spec.closed_on,
        closing_summary=spec.summary,
    )
    campaign.full_clean()
    campaign.save()
    for order, name in enumerate(spec.criteria, start=1):
        CampaignCriterion.objects.create(campaign=campaign, name=name, order=order)
    for name, start, end in spec.periods:
        period = CampaignPeriod(campaign=campaign, name=name, start_date=start, end_date=end)
        period.full_clean()
        period.save()
    for team_name in spec.pledged:
        if team_name in teams:
            team = teams[team_name]
            commitment = Commitment(
                campaign=campaign,
                team=team,
                pledge=_pledge(team, campaign),
                targets="100% thành viên đạt danh hiệu Lao động tiên tiến; tổ đạt Tập thể lao động tiên tiến.",
                signed_on=min(spec.launched_on + timedelta(days=10), today),
            )
            commitment.full_clean()
            commitment.save()
    return campaign


def _seed_plan(school: School, years: dict[str, SchoolYear], campaigns: list[Campaign], stdout) -> Plan:
    plan = Plan.objects.filter(school=school, year=PLAN_YEAR).select_related("document").first()
    if plan is not None:
        return plan
    served = [years[name] for name in ("2022-2023", "2023-2024") if name in years]
    clerk = (
        Staff.objects.filter(school=school, full_name=CLERK_NAME).first()
        or Staff.objects.filter(school=school, role=Role.CLERK).first()
    )
    text = read_plan_text()
    plan = services.create_plan(actor=None, school=school, year=PLAN_YEAR, school_years=served, drafter=clerk)
    services.update_plan(
        actor=None,
        plan=plan,
        texts=text,
        campaigns=campaigns,
        list_campaigns=False,  # part II.1 names the campaigns in the school's own words
        document_fields={
            "summary": text["summary"],
            "document_date": PLAN_DATE,
            "recipients": text["recipients"],
            "archive_note": text["archive_note"],
        },
    )
    # Left "issued", not "signed": a signed scan is the proof of the signed and stamped paper, and the demo has none.
    services.issue_plan(actor=None, plan=plan, issued_on=PLAN_DATE, historical_number=PLAN_NUMBER)
    stdout.write(f"Đã ghi kế hoạch {plan.document.symbol} ngày {PLAN_DATE:%d/%m/%Y}.")
    return plan


def seed_demo(*, school: School, stdout, today: date) -> None:
    """Registered with ``registry.add_demo_seeder``; called by ``manage.py seed_demo`` after the school exists.

    The years after 2022-2023 up to the current one (as the kernel's seeder made them for ``today``) get their
    regular campaigns.
    """
    years = {year.name: year for year in SchoolYear.objects.filter(school=school, start_date__lte=today)}
    if "2022-2023" not in years:
        stdout.write("Phong trào: chưa có năm học 2022-2023, bỏ qua dữ liệu mẫu.")
        return
    current = SchoolYear.objects.current(school)
    specs = list(CAMPAIGNS)
    for year in sorted(years.values(), key=lambda y: y.start_date):
        if year.start_year >= PLAN_YEAR:  # the years after 2022-2023, the one the plan of 2023 launched
            specs += later_campaigns(year.start_year, current=year == current)
    teams = {team.name: team for team in Team.objects.filter(school=school)}
    in_plan, by_plan = [], []
    for spec in specs:
        year = years.get(spec.year)
        if year is None:
            continue
        campaign = Campaign.objects.filter(school_year=year, name=spec.name).first()
        if campaign is None:
            campaign = _create_campaign(spec, school, year, teams, today)
        if spec.in_plan:
            in_plan.append(campaign)
        if spec.launched_by_plan:
            by_plan.append(campaign.pk)
    plan = _seed_plan(school, years, in_plan, stdout)
    Campaign.objects.filter(pk__in=by_plan, launch_document__isnull=True).update(launch_document=plan.document)

"""Table-driven tests of the eligibility rules (pure: no database)."""

import ast
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from awards import rules
from awards.rules import (
    BKTP,
    BKTTG,
    CSTDCS,
    CSTDT,
    CSTDTQ,
    CTD,
    GK,
    LAW_2003_ARTICLES,
    LAW_2022_ARTICLES,
    LDTT,
    PERSON_RULES,
    TEAM_RULES,
    TTLDTT,
    TTLDXS,
    Absence,
    Discipline,
    InitiativeFact,
    Outcome,
    PersonFacts,
    Proceeding,
    RegimeRules,
    SchoolContext,
    TeamFacts,
    TeamYearRecord,
    Verdict,
    YearRecord,
    consecutive_years,
    evaluate_person,
    evaluate_team,
    streak,
    tie_break_key,
)

# ----------------------------------------------------------------------------------------------------
# The three regimes (figures from domain.md, corrected where the law says otherwise: see TTLĐTT below)
# ----------------------------------------------------------------------------------------------------

R2017 = RegimeRules(
    code="2017",
    law_name="Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)",
    decree_name="Nghị định 91/2017/NĐ-CP",
    min_service_months=10,
    cstdcs_excellent_rating_suffices=False,
    cstdcs_cap_ratio=Decimal("0.15"),
    # Luật 2003 Điều 28: "có trên 50% cá nhân trong tập thể đạt danh hiệu Lao động tiên tiến".
    collective_ltt_min_ratio=Decimal("0.50"),
    collective_ltt_ratio_strict=True,
    collective_female_preference_ratio=Decimal("0.70"),
    law_articles=LAW_2003_ARTICLES,
    ltt_detail_source="Nghị định 91/2017/NĐ-CP, Điều 10",
    working_time_source="Thông tư 12/2019/TT-BNV",
    cstdcs_cap_source="Nghị định 91/2017/NĐ-CP, Điều 9",
    general_conditions_source="Nghị định 91/2017/NĐ-CP",
)
R2024 = RegimeRules(
    code="2024",
    law_name="Luật Thi đua, khen thưởng 2022",
    decree_name="Nghị định 98/2023/NĐ-CP",
    min_service_months=6,
    cstdcs_excellent_rating_suffices=True,
    cstdcs_cap_ratio=None,
    # Luật 2022 Điều 28 keeps "trên 50%"; the 70 % of domain.md is the figure of Tập thể lao động xuất sắc.
    collective_ltt_min_ratio=Decimal("0.50"),
    collective_ltt_ratio_strict=True,
    collective_female_preference_ratio=Decimal("0.70"),
    law_articles=LAW_2022_ARTICLES,
    ltt_detail_source="Thông tư 01/2024/TT-BNV",
    working_time_source="Thông tư 01/2024/TT-BNV",
    general_conditions_source="Nghị định 98/2023/NĐ-CP, Điều 4",
)
R2025 = replace(
    R2024,
    code="2025",
    decree_name="Nghị định 152/2025/NĐ-CP",
    working_time_source="Nghị định 152/2025/NĐ-CP, Điều 4",
    general_conditions_source="Nghị định 152/2025/NĐ-CP, Điều 4",
)
ALL_REGIMES = [pytest.param(R2017, id="2017"), pytest.param(R2024, id="2024"), pytest.param(R2025, id="2025")]
# The figure domain.md gives for Tập thể lao động tiên tiến ("at least 70 %"), to show it is data.
R2024_DOMAIN_70 = replace(R2024, collective_ltt_min_ratio=Decimal("0.70"), collective_ltt_ratio_strict=False)

E, N, X, A = Outcome.ELIGIBLE, Outcome.NOT_ELIGIBLE, Outcome.NOT_CONSIDERED, Outcome.ADVISORY

# ----------------------------------------------------------------------------------------------------
# Builders: the current school year is 2024-2025, reviewed on 20/05/2025
# ----------------------------------------------------------------------------------------------------

YEAR = 2024
REVIEW = date(2025, 5, 20)
LONG_AGO = date(2015, 8, 15)
EIGHT_MONTHS_BEFORE = date(2024, 9, 20)
SEVEN_MONTHS_BEFORE = date(2024, 10, 20)
FOUR_MONTHS_BEFORE = date(2025, 1, 20)


def sk(id_, scope="school", on=date(2025, 3, 1), used_for=None):
    return InitiativeFact(id=id_, scope=scope, recognised_on=on, used_for=used_for)


def rec(year, rating="good", titles=(), *, thematic=(), disciplines=(), initiatives=()):
    return YearRecord(
        year=year,
        rating=rating,
        titles=frozenset(titles),
        thematic_titles=frozenset(thematic),
        disciplines=tuple(disciplines),
        initiatives=tuple(initiatives),
    )


def person(
    rating="good",
    *,
    titles=(LDTT,),
    history=(),
    initiatives=(),
    disciplines=(),
    recruited=LONG_AGO,
    gender="female",
    proceedings=(),
    absences=(),
    campaign=True,
    notable=False,
    name="Nguyễn Thị An",
):
    return PersonFacts(
        id=name,
        name=name,
        gender=gender,
        recruited_on=recruited,
        review_date=REVIEW,
        current=rec(YEAR, rating, titles, disciplines=disciplines, initiatives=initiatives),
        history=tuple(history),
        open_proceedings=tuple(proceedings),
        absences=tuple(absences),
        campaign_participation=campaign,
        notable_achievement=notable,
    )


def team(
    ltt,
    *,
    size=10,
    rating="good",
    cstdcs=0,
    not_completed=0,
    discipline=None,
    women=10,
    united=True,
    history=(),
    titles=(),
    proceedings=(),
):
    """``ltt`` members hold Lao động tiên tiến (the first ``cstdcs`` of them also CSTĐCS); the last
    ``not_completed`` members did not complete their tasks; member 10 carries ``discipline`` if given."""
    members = []
    for i in range(size):
        member_titles = ([LDTT] if i < ltt else []) + ([CSTDCS] if i < cstdcs else [])
        member_rating = "not_completed" if i >= size - not_completed else "good"
        disciplines = [discipline] if discipline and i == size - 1 else []
        members.append(
            person(
                member_rating,
                titles=member_titles,
                disciplines=disciplines,
                gender="female" if i < women else "male",
                name=f"Thành viên {i + 1}",
            )
        )
    return TeamFacts(
        id="to-1",
        name="Tổ 1",
        members=tuple(members),
        review_date=REVIEW,
        current=TeamYearRecord(year=YEAR, rating=rating, titles=frozenset(titles)),
        history=tuple(history),
        united=united,
        open_proceedings=tuple(proceedings),
    )


def everything(verdict: Verdict) -> str:
    return " | ".join([*(r.text for r in verdict.reasons), *verdict.missing, *verdict.flags])


def check(verdict: Verdict, outcome: Outcome, text: str) -> None:
    assert verdict.outcome is outcome, everything(verdict)
    assert text in everything(verdict), everything(verdict)


# ----------------------------------------------------------------------------------------------------
# Lao động tiên tiến
# ----------------------------------------------------------------------------------------------------

MATERNITY_120 = Absence("maternity", date(2024, 11, 1), date(2025, 2, 28))

LDTT_CASES = [
    pytest.param(R2024, {}, E, "Năm học 2024-2025: hoàn thành tốt nhiệm vụ", id="good"),
    pytest.param(R2024, {"rating": "excellent"}, E, "hoàn thành xuất sắc nhiệm vụ", id="excellent"),
    pytest.param(
        R2024, {"rating": "completed"}, N, "cần được đánh giá hoàn thành tốt nhiệm vụ trở lên", id="completed"
    ),
    pytest.param(R2017, {"rating": "completed"}, N, "yêu cầu hoàn thành tốt nhiệm vụ", id="completed-2017"),
    pytest.param(R2024, {"rating": None}, N, "chưa có kết quả đánh giá", id="no-rating"),
    pytest.param(R2024, {"recruited": EIGHT_MONTHS_BEFORE}, E, "đủ 6 tháng", id="8-months-2024"),
    pytest.param(R2025, {"recruited": EIGHT_MONTHS_BEFORE}, E, "đủ 6 tháng", id="8-months-2025"),
    pytest.param(R2017, {"recruited": EIGHT_MONTHS_BEFORE}, X, "mới được 8 tháng (dưới 10 tháng)", id="8m-2017"),
    pytest.param(R2017, {"recruited": FOUR_MONTHS_BEFORE}, X, "dưới 10 tháng", id="4-months-2017"),
    pytest.param(R2024, {"recruited": FOUR_MONTHS_BEFORE}, X, "mới được 4 tháng (dưới 6 tháng)", id="4m-2024"),
    pytest.param(R2025, {"recruited": FOUR_MONTHS_BEFORE}, X, "dưới 6 tháng", id="4-months-2025"),
    pytest.param(
        R2024,
        {"absences": [MATERNITY_120]},
        E,
        "Thời gian nghỉ thai sản (120 ngày) được tính là thời gian công tác",
        id="maternity-120-days",
    ),
    pytest.param(
        R2025,
        {"absences": [MATERNITY_120], "recruited": SEVEN_MONTHS_BEFORE},
        E,
        "đủ 6 tháng tính đến ngày bình xét 20/05/2025 (thời gian nghỉ không bị trừ)",
        id="maternity-not-subtracted-from-service",
    ),
    pytest.param(
        R2024,
        {"absences": [Absence("sick", date(2024, 11, 1), date(2024, 11, 30))]},
        E,
        "không có điều kiện riêng về số ngày nghỉ",
        id="sick-leave-no-bar",
    ),
    pytest.param(
        R2024,
        {"disciplines": [Discipline("reprimand", date(2024, 12, 1), date(2025, 5, 31))]},
        N,
        "Bị kỷ luật trong năm học: khiển trách từ ngày 01/12/2024",
        id="reprimanded-this-year",
    ),
    pytest.param(
        R2024,
        {"history": [rec(2022, disciplines=[Discipline("warning", date(2023, 1, 5), date(2024, 1, 5))])]},
        E,
        "Không bị kỷ luật trong năm học",
        id="discipline-ended-last-year",
    ),
    pytest.param(R2024, {"campaign": False}, N, "cần tích cực tham gia các phong trào thi đua", id="no-campaign"),
]


@pytest.mark.parametrize(("regime", "facts", "outcome", "text"), LDTT_CASES)
def test_labour_advanced(regime, facts, outcome, text):
    check(evaluate_person(LDTT, person(**facts), regime), outcome, text)


def test_labour_advanced_cites_the_law_of_its_regime():
    verdict = evaluate_person(LDTT, person(), R2024)
    assert "Luật Thi đua, khen thưởng 2022, Điều 24" in [r.article for r in verdict.reasons]
    verdict = evaluate_person(LDTT, person(recruited=EIGHT_MONTHS_BEFORE), R2017)
    assert verdict.reasons[-1].article == "Nghị định 91/2017/NĐ-CP, Điều 10"


# ----------------------------------------------------------------------------------------------------
# Chiến sĩ thi đua cơ sở
# ----------------------------------------------------------------------------------------------------

CSTDCS_CASES = [
    pytest.param(R2024, {"rating": "excellent"}, None, E, "Được đánh giá hoàn thành xuất sắc nhiệm vụ", id="exc-24"),
    pytest.param(R2025, {"rating": "excellent"}, None, E, "Được đánh giá hoàn thành xuất sắc nhiệm vụ", id="exc-25"),
    pytest.param(R2024, {"initiatives": [sk("SK-1")]}, None, E, "Có sáng kiến được công nhận", id="sk-2024"),
    pytest.param(R2025, {"initiatives": [sk("SK-1")]}, None, E, "(cấp cơ sở trở lên): SK-1", id="sk-2025"),
    pytest.param(R2024, {}, None, N, "cần thêm 1 sáng kiến được công nhận", id="good-none-2024"),
    pytest.param(R2025, {}, None, N, "hoặc được đánh giá hoàn thành xuất sắc nhiệm vụ", id="good-none-2025"),
    pytest.param(
        R2024,
        {"initiatives": [sk("SK-2", on=None)]},
        None,
        N,
        "Sáng kiến chưa được công nhận, chưa tính: SK-2",
        id="initiative-not-recognised",
    ),
    pytest.param(
        R2024,
        {"initiatives": [sk("SK-3", used_for=GK)]},
        None,
        N,
        "Sáng kiến SK-3 đã dùng để xét Giấy khen: không tính lại",
        id="initiative-spent-on-commendation",
    ),
    pytest.param(R2017, {"rating": "excellent"}, None, N, "cần thêm 1 sáng kiến được công nhận", id="exc-2017"),
    pytest.param(
        R2017,
        {"initiatives": [sk("SK-1")]},
        None,
        E,
        "Chưa kiểm tra tỷ lệ tối đa 15%",
        id="sk-2017-no-context",
    ),
    pytest.param(
        R2017,
        {"initiatives": [sk("SK-1")]},
        SchoolContext(ltt_count=40, cstdcs_proposed=7),
        E,
        "Vượt tỷ lệ: Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến: tối đa 6 người trên 40",
        id="cap-exceeded-2017",
    ),
    pytest.param(
        R2017,
        {"initiatives": [sk("SK-1")]},
        SchoolContext(ltt_count=40, cstdcs_proposed=6),
        E,
        "tối đa 6 người trên 40 Lao động tiên tiến (đang đề nghị 6)",
        id="cap-respected-2017",
    ),
    pytest.param(
        R2024,
        {"rating": "completed", "initiatives": [sk("SK-1")]},
        None,
        N,
        "Chưa đạt tiêu chuẩn Lao động tiên tiến năm nay",
        id="not-ltt",
    ),
    pytest.param(
        R2024,
        {"rating": "excellent", "recruited": FOUR_MONTHS_BEFORE},
        None,
        X,
        "Không thuộc diện xét Lao động tiên tiến",
        id="recruited-4-months",
    ),
]


@pytest.mark.parametrize(("regime", "facts", "context", "outcome", "text"), CSTDCS_CASES)
def test_grassroots_emulation_fighter(regime, facts, context, outcome, text):
    check(evaluate_person(CSTDCS, person(**facts), regime, context), outcome, text)


#: A regime whose law requires both an excellent rating and an initiative for Chiến sĩ thi đua cơ sở.
R_BOTH = replace(R2025, cstdcs_excellent_rating_suffices=False, cstdcs_excellent_rating_required=True)


@pytest.mark.parametrize(
    ("facts", "outcome", "missing"),
    [
        ({"rating": "excellent"}, N, "cần thêm 1 sáng kiến được công nhận (cấp cơ sở trở lên)"),
        ({"initiatives": [sk("SK-1")]}, N, "cần được đánh giá hoàn thành xuất sắc nhiệm vụ"),
        ({"rating": "excellent", "initiatives": [sk("SK-1")]}, E, None),
    ],
)
def test_grassroots_emulation_fighter_when_the_law_requires_both(facts, outcome, missing):
    verdict = evaluate_person(CSTDCS, person(**facts), R_BOTH)
    assert verdict.outcome is outcome
    assert verdict.missing == ((missing,) if missing else ())


def test_a_rating_cannot_both_suffice_and_be_required():
    with pytest.raises(ValueError, match="không thể vừa là đủ vừa là bắt buộc"):
        replace(R2025, cstdcs_excellent_rating_required=True)


@pytest.mark.parametrize("regime", [R2024, R2025])
def test_cap_is_not_flagged_after_2017(regime):
    verdict = evaluate_person(CSTDCS, person("excellent"), regime, SchoolContext(40, 7))
    check(verdict, E, "hoàn thành xuất sắc nhiệm vụ")
    assert verdict.flags == ()


def test_cap_flag_does_not_change_the_outcome():
    verdict = evaluate_person(CSTDCS, person(initiatives=[sk(1)]), R2017, SchoolContext(40, 7))
    assert verdict.eligible
    assert any("tối đa 6 người" in flag for flag in verdict.flags)


# ----------------------------------------------------------------------------------------------------
# Chiến sĩ thi đua cấp tỉnh and toàn quốc
# ----------------------------------------------------------------------------------------------------

PROVINCE_SK = sk("SK-TP", scope="province", on=date(2024, 4, 10))
CSTDT_CASES = [
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [
                rec(2022, titles=(LDTT, CSTDCS)),
                rec(2023, titles=(LDTT, CSTDCS), initiatives=[PROVINCE_SK]),
            ],
        },
        E,
        "3 năm liên tiếp đạt Chiến sĩ thi đua cơ sở",
        id="three-consecutive",
    ),
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [
                rec(2021, titles=(LDTT, CSTDCS)),
                rec(2022, titles=(LDTT,)),
                rec(2023, titles=(LDTT, CSTDCS), initiatives=[PROVINCE_SK]),
            ],
        },
        N,
        "cần 3 năm liên tiếp đạt CSTĐCS (hiện có 2 năm liên tiếp)",
        id="gap-year",
    ),
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [
                rec(2021, titles=(LDTT, CSTDCS)),
                rec(2023, titles=(LDTT, CSTDCS), initiatives=[PROVINCE_SK]),
            ],
        },
        N,
        "năm liên tiếp",
        id="missing-year-record",
    ),
    pytest.param(
        {
            "titles": (LDTT,),
            "history": [rec(2022, titles=(CSTDCS,)), rec(2023, titles=(CSTDCS,), initiatives=[PROVINCE_SK])],
        },
        N,
        "hiện có 0 năm liên tiếp",
        id="not-cstdcs-this-year",
    ),
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [rec(2022, titles=(CSTDCS,)), rec(2023, titles=(CSTDCS,), initiatives=[sk("SK-CS")])],
        },
        N,
        "cần 1 sáng kiến được công nhận có phạm vi ảnh hưởng cấp tỉnh/thành phố",
        id="initiative-only-school-level",
    ),
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [
                rec(2022, titles=(CSTDCS,)),
                rec(
                    2023,
                    titles=(CSTDCS,),
                    initiatives=[PROVINCE_SK],
                    disciplines=[Discipline("reprimand", date(2023, 11, 1), date(2024, 5, 1))],
                ),
            ],
        },
        N,
        "Năm học 2023-2024 có kỷ luật: thành tích chỉ được tính từ ngày chấp hành xong kỷ luật",
        id="discipline-breaks-chain",
    ),
    pytest.param(
        {
            "titles": (LDTT, CSTDCS),
            "history": [
                rec(2020, titles=(CSTDCS,)),
                rec(2021, titles=(CSTDCS,)),
                rec(2022, titles=(CSTDCS, CSTDT)),
                rec(2023, titles=(CSTDCS,), initiatives=[PROVINCE_SK]),
            ],
        },
        N,
        "Đã được tặng Chiến sĩ thi đua cấp tỉnh năm học 2022-2023",
        id="chain-restarts-after-conferral",
    ),
]


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize(("facts", "outcome", "text"), CSTDT_CASES)
def test_provincial_emulation_fighter(regime, facts, outcome, text):
    check(evaluate_person(CSTDT, person(**facts), regime), outcome, text)


def national_history(gap=False):
    years = []
    for year in range(2018, 2024):
        titles = {CSTDCS} if not (gap and year == 2021) else {LDTT}
        if year in (2020, 2023):
            titles.add(CSTDT)
        initiatives = [sk("SK-QG", scope="national", on=date(2023, 5, 1))] if year == 2022 else []
        years.append(rec(year, "excellent", titles, initiatives=initiatives))
    return years


@pytest.mark.parametrize(
    ("gap", "outcome", "text"),
    [
        pytest.param(False, E, "2 lần liên tục được tặng Chiến sĩ thi đua cấp tỉnh", id="two-consecutive"),
        pytest.param(True, N, "cần 2 lần liên tục đạt CSTĐ cấp tỉnh (hiện có 1 lần liên tục)", id="gap-between"),
    ],
)
def test_national_emulation_fighter(gap, outcome, text):
    facts = person("excellent", titles=(LDTT, CSTDCS), history=national_history(gap))
    check(evaluate_person(CSTDTQ, facts, R2024), outcome, text)


# ----------------------------------------------------------------------------------------------------
# Bằng khen of the city chairman and Giấy khen (individual)
# ----------------------------------------------------------------------------------------------------

BKTP_CASES = [
    pytest.param(
        {"titles": (LDTT, CSTDCS), "history": [rec(2023, titles=(LDTT, CSTDCS))]},
        E,
        "2 năm liên tiếp đạt Chiến sĩ thi đua cơ sở (yêu cầu 2)",
        id="two-consecutive-cstdcs",
    ),
    pytest.param(
        {
            "rating": "excellent",
            "initiatives": [sk("SK-2")],
            "history": [rec(2023, "excellent", (LDTT,), initiatives=[sk("SK-1", on=date(2024, 3, 1))])],
        },
        E,
        "2 năm liên tiếp hoàn thành xuất sắc nhiệm vụ (yêu cầu 2) và 2 sáng kiến",
        id="two-excellent-two-initiatives",
    ),
    pytest.param(
        {
            "rating": "excellent",
            "initiatives": [sk("SK-2")],
            "history": [
                rec(
                    2023,
                    "excellent",
                    (LDTT, CSTDCS),
                    initiatives=[sk("SK-1", on=date(2024, 3, 1), used_for=CSTDCS)],
                )
            ],
        },
        N,
        "cần thêm 1 sáng kiến được công nhận",
        id="initiative-spent-on-cstdcs",
    ),
    pytest.param(
        {"rating": "excellent", "history": [rec(2023, "excellent", (LDTT,), initiatives=[sk("SK-1")])]},
        N,
        "hiện có 1/2",
        id="one-initiative",
    ),
    pytest.param(
        {"titles": (LDTT, CSTDCS), "history": [rec(2023, titles=(LDTT, CSTDCS, BKTP))]},
        N,
        "Đã được tặng Bằng khen của Chủ tịch UBND tỉnh/thành phố năm học 2023-2024",
        id="chain-restarts-after-bang-khen",
    ),
    pytest.param(
        {"titles": (LDTT, CSTDCS), "history": [rec(2023, titles=(LDTT, CSTDCS), thematic=(BKTP,))]},
        E,
        "2 năm liên tiếp đạt Chiến sĩ thi đua cơ sở",
        id="thematic-bang-khen-does-not-reset",
    ),
    pytest.param({"notable": True}, E, "Thành tích đột xuất: mức độ ảnh hưởng do cấp tỉnh xem xét", id="notable"),
]


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize(("facts", "outcome", "text"), BKTP_CASES)
def test_provincial_commendation_individual(regime, facts, outcome, text):
    check(evaluate_person(BKTP, person(**facts), regime), outcome, text)


def test_spent_initiative_is_explained():
    facts = person(
        "excellent",
        initiatives=[sk("SK-2")],
        history=[rec(2023, "excellent", (LDTT, CSTDCS), initiatives=[sk("SK-1", used_for=CSTDCS)])],
    )
    check(
        evaluate_person(BKTP, facts, R2024),
        N,
        "Sáng kiến SK-1 đã dùng để xét Chiến sĩ thi đua cơ sở: không tính lại",
    )


@pytest.mark.parametrize(
    ("facts", "outcome", "text"),
    [
        pytest.param({}, E, "Thành tích trong phong trào thi đua năm học 2024-2025", id="good"),
        pytest.param({"rating": "completed"}, N, "cần được đánh giá hoàn thành tốt nhiệm vụ trở lên", id="completed"),
        pytest.param({"rating": "completed", "notable": True}, E, "Có thành tích đột xuất", id="notable"),
    ],
)
def test_certificate_of_merit_individual(facts, outcome, text):
    check(evaluate_person(GK, person(**facts), R2025), outcome, text)


def bkttg_history(thematic=False):
    bang_khen = {"thematic": (BKTP,)} if thematic else {"titles": (LDTT, CSTDCS, BKTP)}
    years = [rec(2019, "excellent", **bang_khen)]
    for year in range(2020, 2024):
        years.append(rec(year, "excellent", (LDTT,), initiatives=[sk(f"SK-{year}")]))
    return years


@pytest.mark.parametrize(
    ("thematic", "text"),
    [
        pytest.param(False, "Chuỗi thành tích đã đủ theo tiêu chuẩn (tham khảo)", id="chain-complete"),
        pytest.param(True, "là khen thưởng chuyên đề/đột xuất: không làm căn cứ", id="thematic-bang-khen"),
    ],
)
def test_prime_minister_commendation_is_advisory(thematic, text):
    facts = person("excellent", history=bkttg_history(thematic), initiatives=[sk("SK-2024")])
    verdict = evaluate_person(BKTTG, facts, R2024)
    check(verdict, A, text)
    assert not verdict.eligible
    assert all(r.passed for r in verdict.reasons) is not thematic


# ----------------------------------------------------------------------------------------------------
# Collective titles
# ----------------------------------------------------------------------------------------------------

WARNING = Discipline("warning", date(2024, 11, 4), date(2025, 11, 3))
REPRIMAND = Discipline("reprimand", date(2024, 11, 4), date(2025, 5, 3))

TTLDTT_CASES = [
    pytest.param({"ltt": 7}, E, "7/10 thành viên đạt Lao động tiên tiến (yêu cầu trên 50%)", id="7-of-10"),
    pytest.param({"ltt": 6}, E, "6/10 thành viên đạt Lao động tiên tiến", id="6-of-10-law"),
    pytest.param({"ltt": 5}, N, "cần thêm 1 thành viên đạt Lao động tiên tiến", id="5-of-10"),
    pytest.param({"ltt": 7, "discipline": WARNING}, N, "Thành viên 10 (cảnh cáo)", id="member-warned"),
    pytest.param(
        {"ltt": 7, "discipline": REPRIMAND},
        E,
        "Không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        id="reprimand",
    ),
    pytest.param({"ltt": 7, "rating": "completed"}, N, "tập thể cần hoàn thành tốt nhiệm vụ", id="team-completed"),
    pytest.param({"ltt": 7, "united": False}, N, "Nội bộ chưa đoàn kết", id="not-united"),
]


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize(("facts", "outcome", "text"), TTLDTT_CASES)
def test_advanced_labour_collective(regime, facts, outcome, text):
    check(evaluate_team(TTLDTT, team(**facts), regime), outcome, text)


@pytest.mark.parametrize(
    ("ltt", "outcome", "text"),
    [
        pytest.param(7, E, "7/10 thành viên đạt Lao động tiên tiến (yêu cầu ít nhất 70%)", id="7-of-10"),
        pytest.param(6, N, "cần thêm 1 thành viên đạt Lao động tiên tiến", id="6-of-10"),
    ],
)
def test_advanced_labour_collective_with_domain_md_figure(ltt, outcome, text):
    check(evaluate_team(TTLDTT, team(ltt), R2024_DOMAIN_70), outcome, text)


TTLDXS_CASES = [
    pytest.param({}, E, "Có thành viên đạt Chiến sĩ thi đua cơ sở: Thành viên 1", id="all-met"),
    pytest.param({"not_completed": 1}, N, "9/10 thành viên hoàn thành nhiệm vụ (yêu cầu 100%)", id="one-not-completed"),
    pytest.param({"cstdcs": 0}, N, "cần ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở", id="no-cstdcs"),
    pytest.param({"ltt": 6}, N, "6/10 thành viên đạt Lao động tiên tiến (yêu cầu ít nhất 70%)", id="6-of-10"),
    pytest.param({"rating": "good"}, N, "tập thể cần hoàn thành xuất sắc nhiệm vụ", id="team-only-good"),
    pytest.param({"discipline": WARNING}, N, "Có thành viên bị kỷ luật từ cảnh cáo trở lên", id="member-warned"),
]


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize(("facts", "outcome", "text"), TTLDXS_CASES)
def test_excellent_labour_collective(regime, facts, outcome, text):
    defaults = {"ltt": 7, "cstdcs": 1, "rating": "excellent"}
    check(evaluate_team(TTLDXS, team(**(defaults | facts)), regime), outcome, text)


@pytest.mark.parametrize(
    ("facts", "outcome", "text"),
    [
        pytest.param({"rating": "excellent"}, E, "dẫn đầu cụm, khối thi đua do cấp tỉnh quyết định", id="excellent"),
        pytest.param({"rating": "good"}, N, "tập thể cần hoàn thành xuất sắc nhiệm vụ", id="good"),
    ],
)
def test_emulation_flag(facts, outcome, text):
    check(evaluate_team(CTD, team(8, **facts), R2025), outcome, text)


TEAM_BKTP_CASES = [
    pytest.param(
        {"rating": "excellent", "history": [TeamYearRecord(2023, "excellent")]},
        E,
        "2 năm liên tiếp tập thể hoàn thành xuất sắc nhiệm vụ",
        id="two-excellent-years",
    ),
    pytest.param(
        {"rating": "excellent", "titles": (TTLDXS,)},
        E,
        "Đạt Tập thể lao động xuất sắc năm học 2024-2025",
        id="ttldxs",
    ),
    pytest.param(
        {"rating": "excellent", "history": [TeamYearRecord(2023, "good")]},
        N,
        "cần 2 năm liên tiếp tập thể hoàn thành xuất sắc nhiệm vụ (hiện có 1)",
        id="one-excellent-year",
    ),
]


@pytest.mark.parametrize(("facts", "outcome", "text"), TEAM_BKTP_CASES)
def test_provincial_commendation_collective(facts, outcome, text):
    check(evaluate_team(BKTP, team(8, **facts), R2024), outcome, text)


def test_collective_commendations():
    check(evaluate_team(GK, team(8), R2024), E, "Tập thể năm học 2024-2025: hoàn thành tốt nhiệm vụ")
    history = [TeamYearRecord(2019, "excellent", frozenset({BKTP}))]
    history += [TeamYearRecord(year, "excellent") for year in range(2020, 2024)]
    verdict = evaluate_team(BKTTG, team(8, rating="excellent", history=history), R2024)
    check(verdict, A, "5 năm liên tiếp hoàn thành xuất sắc nhiệm vụ sau Bằng khen cấp tỉnh")


# ----------------------------------------------------------------------------------------------------
# Common conditions and dispatch
# ----------------------------------------------------------------------------------------------------

OPEN = Proceeding("discipline", date(2025, 4, 2))
CLOSED = Proceeding("inspection", date(2024, 10, 1), date(2024, 12, 1))


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize("code", sorted(PERSON_RULES))
def test_open_proceeding_excludes_every_individual_code(code, regime):
    facts = person(
        "excellent",
        titles=(LDTT, CSTDCS),
        history=[rec(2023, "excellent", (LDTT, CSTDCS))],
        initiatives=[sk("SK-1", scope="national")],
        proceedings=[CLOSED, OPEN],
    )
    check(
        evaluate_person(code, facts, regime, SchoolContext(40, 1)),
        X,
        "Đang trong thời gian xem xét kỷ luật (từ ngày 02/04/2025)",
    )


@pytest.mark.parametrize("code", sorted(TEAM_RULES))
def test_open_proceeding_excludes_every_collective_code(code):
    facts = team(8, cstdcs=1, rating="excellent", proceedings=[Proceeding("complaint", date(2025, 5, 1))])
    check(evaluate_team(code, facts, R2025), X, "có đơn khiếu nại, tố cáo đang được xác minh")


def test_closed_proceeding_does_not_exclude():
    check(evaluate_person(LDTT, person(proceedings=[CLOSED]), R2024), E, "hoàn thành tốt nhiệm vụ")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: evaluate_person("HCLD3", person(), R2024), "không xác định: 'HCLD3'", id="person-unknown"),
        pytest.param(lambda: evaluate_team("", team(7), R2024), "không xác định", id="team-unknown"),
        pytest.param(lambda: evaluate_person(TTLDTT, person(), R2024), "dùng evaluate_team", id="collective-code"),
        pytest.param(lambda: evaluate_team(LDTT, team(7), R2024), "dùng evaluate_person", id="individual-code"),
    ],
)
def test_unknown_code_raises(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("titles_by_year", "codes", "n", "expected"),
    [
        pytest.param({2022: {CSTDCS}, 2023: {CSTDCS}, 2024: {CSTDCS}}, {CSTDCS}, 3, True, id="three"),
        pytest.param({2021: {CSTDCS}, 2023: {CSTDCS}, 2024: {CSTDCS}}, {CSTDCS}, 3, False, id="missing-year"),
        pytest.param({2023: {CSTDCS}, 2024: {LDTT}}, {CSTDCS}, 1, False, id="must-end-this-year"),
        pytest.param({2023: {CSTDT}, 2024: {CSTDCS}}, {CSTDCS, CSTDT}, 2, True, id="any-of-codes"),
    ],
)
def test_consecutive_years(titles_by_year, codes, n, expected):
    records = [rec(year, titles=titles) for year, titles in sorted(titles_by_year.items())]
    assert consecutive_years(records[:-1], records[-1], codes, n) is expected


def test_streak_ignores_thematic_awards_and_excluded_years():
    history = [rec(2022, titles=(CSTDCS,)), rec(2023, thematic=(CSTDCS,))]
    assert streak(history, rec(2024, titles=(CSTDCS,)), CSTDCS) == 1
    history = [rec(2022, titles=(CSTDCS,)), rec(2023, titles=(CSTDCS,))]
    assert streak(history, rec(2024, titles=(CSTDCS,)), CSTDCS) == 3
    assert streak(history, rec(2024, titles=(CSTDCS,)), CSTDCS, excluded_years=frozenset({2022})) == 2
    assert streak(history, rec(2024, titles=(CSTDCS,)), CSTDCS, after_year=2023) == 1


def test_tie_break_prefers_women_and_teams_with_enough_women():
    man, woman = person(gender="male", name="Trần Văn Bình"), person(gender="female", name="Lê Thị Chi")
    ranked = sorted([man, woman], key=lambda p: tie_break_key(p, R2024))
    assert [p.name for p in ranked] == ["Lê Thị Chi", "Trần Văn Bình"]
    assert tie_break_key(team(7, women=7), R2024) == (0,)
    assert tie_break_key(team(7, women=6), R2024) == (1,)
    assert tie_break_key(team(7, women=6), replace(R2024, collective_female_preference_ratio=Decimal("0.6"))) == (0,)


def test_invalid_vocabulary_is_rejected():
    with pytest.raises(ValueError, match="Mức đánh giá"):
        rec(2024, rating="very_good")
    with pytest.raises(ValueError, match="Phạm vi sáng kiến"):
        sk("SK-X", scope="city")
    with pytest.raises(ValueError, match="Hình thức kỷ luật"):
        Discipline("fine", date(2024, 1, 1))


def test_rules_module_is_pure():
    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    allowed = {
        "__future__",
        "calendar",
        "collections",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "types",
        "typing",
    }
    assert imported <= allowed, imported - allowed

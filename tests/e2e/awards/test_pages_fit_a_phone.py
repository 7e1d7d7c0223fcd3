"""The awards pages with rows in them fit a 390 px phone, with no console errors."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    InitiativeFactory,
    RegistrationChangeFactory,
    RegistrationFactory,
    RegistrationPeriodFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Nguyễn Thị Thanh Huyền Trang"


def test_principal_reads_the_awards_pages_on_a_phone(mobile_page, make_staff, school, team, console_errors):
    page = mobile_page
    principal = make_staff(Role.PRINCIPAL)
    year = SchoolYearFactory(school=school, is_current=True)
    RegistrationPeriodFactory(school_year=year)
    people = StaffFactory.create_batch(5, school=school, team=team, full_name=LONG_NAME)
    for person in people:
        RegistrationFactory(school_year=year, staff=person)
        RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
        AnnualEvaluationFactory(school_year=year, staff=person)
        AwardRecordFactory(school_year=year, staff=person, issuer_name="UBND huyện Thanh Oai")
        InitiativeFactory(author=person, school_year=year, title="Biện pháp " + "rèn kỹ năng đọc hiểu " * 4)
    RegistrationChangeFactory(school_year=year, staff=people[0], reason="Có sáng kiến " * 12)
    errors = console_errors(page)
    login(page, principal.user.username)
    for path in [
        "/awards/registrations/",
        "/awards/registrations/changes/",
        f"/awards/registrations/team/{team.pk}/",
        "/awards/evaluations/",
        "/awards/history/",
        "/awards/initiatives/",
        "/awards/me/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto("/awards/evaluations/")
    expect(page.get_by_label("Năm học")).to_have_class("form-select")  # styled like the other filters
    assert errors == []


def test_a_refused_page_fits_a_phone_and_says_why(mobile_page, make_staff):
    teacher = make_staff(Role.MEMBER)
    login(mobile_page, teacher.user.username)
    response = mobile_page.goto("/awards/evaluations/")
    assert response.status == 403
    expect(mobile_page.get_by_role("heading", name="Bạn không có quyền mở trang này")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_year_end_review_pages_fit_a_phone(mobile_page, make_staff, school, team, console_errors):
    """The team review (meeting recorded, proposals with votes and verdicts), the board, the report form and the
    pupils' class lists, full of long names, on a 390 px phone. ``E2E_SCREENSHOTS=dir`` keeps a picture of each."""
    from awards import nominations, pupils
    from awards import services as award_services
    from tests.factories import ClassGroupFactory, PupilFactory

    page = mobile_page
    principal = make_staff(Role.PRINCIPAL, team=None)
    year = SchoolYearFactory(school=school, is_current=True)
    people = StaffFactory.create_batch(4, school=school, team=team, full_name=LONG_NAME, position="Giáo viên chủ nhiệm")
    review = nominations.open_team_review(actor=None, team=team, school_year=year)
    nominations.record_team_meeting(
        actor=None, review=review, meeting_date=year.end_date, place="Phòng họp " + "tổ chuyên môn " * 3,
        chair=people[0], secretary=people[1], members_present=people,
        opinions="Thống nhất đề nghị " * 10,
    )  # fmt: skip
    for person in people:
        AnnualEvaluationFactory(school_year=year, staff=person)
        RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
        proposal = nominations.create_nomination(actor=None, school_year=year, title=title("CSTDCS"), staff=person,
                                                 team_review=review, achievements="Thành tích " * 20)  # fmt: skip
        nominations.record_team_vote(actor=None, nomination=proposal, votes_for=3, votes_against=1)
    report = award_services.start_report(actor=None, school_year=year, staff=principal)
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5, homeroom_teacher=people[0])
    class_pupils = [PupilFactory(school=school, class_group=group, full_name=LONG_NAME) for _ in range(6)]
    pupils.propose_pupils(actor=None, class_group=group, entries=[
        pupils.Entry(pupil, pupils.reason_text("outstanding", "Giải Nhất Hội khỏe Phù Đổng cấp thành phố môn cờ vua"))
        for pupil in class_pupils[:3]
    ])  # fmt: skip
    errors = console_errors(page)
    login(page, principal.user.username)
    shots = os.environ.get("E2E_SCREENSHOTS")
    for name, path in [
        ("team-review", f"/awards/reviews/team/{team.pk}/?year={year.pk}"),
        ("board", f"/awards/nominations/?year={year.pk}"),
        ("report-form", f"/awards/reports/{report.pk}/edit/"),
        ("pupil-classes", f"/awards/pupils/?year={year.pk}"),
        ("pupil-class", f"/awards/pupils/class/{group.pk}/"),
    ]:
        page.goto(path)
        if shots:
            page.screenshot(path=os.path.join(shots, f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    expect(page.get_by_role("heading", name="Đề nghị khen thưởng học sinh Lớp 5A")).to_be_visible()
    assert errors == []


def _fits(page, path: str) -> None:
    """Open ``path``; the page is no wider than the phone (wide tables scroll inside their own box)."""
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    shots = os.environ.get("E2E_SCREENSHOTS")
    if shots:
        name = path.strip("/").replace("/", "-").split("?")[0] or "home"
        page.screenshot(path=os.path.join(shots, f"{name}.png"), full_page=True)


def test_the_decisions_pages_fit_a_phone(mobile_page, make_staff, school, console_errors):
    """The year's last steps on a 390 px phone: a teacher reaches the objection form from the top of a long
    disclosed list; the principal answers, approves one by one (the reason box is as wide as the card) or all at
    once; the QĐ and TTr page with its buttons; the higher authority's decision form."""
    from datetime import date

    from django.utils import timezone

    from awards import decisions
    from awards.models import Disclosure, NominationStatus
    from tests.factories import ClassGroupFactory, NominationFactory, PupilFactory
    from thiduakhenthuong.organization.demo import authority_rows
    from thiduakhenthuong.organization.models import Authority

    Authority.objects.bulk_create(authority_rows(school, "Cao Dương"))
    year = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    principal = make_staff(Role.PRINCIPAL, team=None, full_name="Đỗ Thị Thanh Huyền")
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    clerk = make_staff(Role.CLERK, team=None, full_name="Nguyễn Thị Ánh")
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5)
    common = {"school_year": year, "proposed_at": timezone.now()}
    for _ in range(25):  # a long list: the objection form is far below it
        NominationFactory(staff=StaffFactory(school=school, full_name=LONG_NAME, position="Giáo viên chủ nhiệm"),
                          status=NominationStatus.COUNCIL_PASSED, **common)  # fmt: skip
    disclosure = decisions.publish_disclosure(actor=principal.user, school_year=year, starts_on=timezone.localdate())
    objection = decisions.file_objection(actor=teacher.user, disclosure=disclosure,
                                         text="Đề nghị xem lại ngày công. " * 8)  # fmt: skip
    for _ in range(3):
        pupil = PupilFactory(school=school, class_group=group, full_name=LONG_NAME)
        NominationFactory(staff=None, pupil=pupil, title=title("GK", "pupil"), status=NominationStatus.APPROVED,
                          **common)  # fmt: skip
        NominationFactory(staff=StaffFactory(school=school, full_name=LONG_NAME), status=NominationStatus.APPROVED,
                          **common)  # fmt: skip
    decision = decisions.draft_award_decision(actor=principal.user, school_year=year)
    submission = decisions.draft_submission(actor=principal.user, school_year=year, level="commune")
    decisions.issue_submission(actor=clerk.user, submission=submission)
    page = mobile_page
    errors = console_errors(page)

    login(page, teacher.user.username)
    _fits(page, f"/awards/disclosures/{disclosure.pk}/")
    to_form = page.get_by_role("link", name="Gửi ý kiến phản ánh")
    expect(to_form).to_be_in_viewport()  # no scrolling through the list to find it
    to_form.click()
    expect(page.get_by_label("Nội dung phản ánh")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Gửi ý kiến")).to_be_visible()

    page.context.clear_cookies()
    login(page, principal.user.username)
    _fits(page, f"/awards/disclosures/{disclosure.pk}/")
    page.get_by_role("link", name="Xem ý kiến phản ánh (1)").click()
    expect(page.get_by_label("Trả lời bằng văn bản")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Gửi trả lời")).to_be_visible()

    _fits(page, f"/awards/approval/?year={year.pk}")  # the list still disclosed: why approval waits, no buttons
    expect(page.get_by_text("hiệu trưởng duyệt các đề nghị trong danh sách từ ngày")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Duyệt", exact=True)).to_have_count(0)
    decisions.answer_objection(actor=principal.user, objection=objection, answer="Đã xem lại bảng chấm công.")
    today = timezone.localdate()
    Disclosure.objects.update(starts_on=today - timezone.timedelta(days=10), ends_on=today - timezone.timedelta(days=3))
    _fits(page, f"/awards/approval/?year={year.pk}")
    expect(page.get_by_role("button", name="Duyệt tất cả (25)")).to_be_in_viewport()
    first = page.locator("#approval-cards section").first
    approve = first.get_by_role("button", name="Duyệt", exact=True)
    expect(approve).to_be_visible()
    assert approve.bounding_box()["height"] >= 36  # a thumb's target
    first.locator("summary", has_text="Không duyệt").click()
    reason = first.get_by_label("Lý do")
    expect(reason).to_be_visible()
    card = first.bounding_box()
    assert reason.bounding_box()["width"] >= card["width"] - 60  # as wide as the card, not squeezed beside a button
    expect(first.get_by_role("button", name="Không duyệt")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    _fits(page, f"/awards/papers/?year={year.pk}")
    draft = page.locator(f"#decision-{decision.pk}")
    expect(draft.get_by_label("Ngày ban hành")).to_be_visible()
    expect(draft.get_by_role("button", name="Cấp số và ban hành")).to_be_visible()
    numbered = page.locator(f"#submission-{submission.pk}")
    for name in ["Tờ trình (PDF)", "Hồ sơ (một tệp PDF)", "Danh sách (Excel)", "Ghi quyết định của cấp trên"]:
        expect(numbered.get_by_role("link", name=name)).to_be_visible()

    page.context.clear_cookies()
    login(page, clerk.user.username)
    _fits(page, f"/awards/papers/submissions/{submission.pk}/answer/")
    expect(page.get_by_label("Số, ký hiệu quyết định")).to_be_visible()
    expect(page.get_by_role("button", name="Ghi quyết định")).to_be_visible()
    assert errors == []


def test_certificates_and_statistics_fit_a_phone(mobile_page, make_staff, school, team, console_errors):
    """The certificates' list and a batch's progress, and the statistics with their charts drawn to the phone's
    width (tall enough to read) and the wide table scrolled in its own box."""
    from datetime import date

    page = mobile_page
    clerk = make_staff(Role.CLERK)
    years = [SchoolYearFactory(school=school, name=f"{start}-{start + 1}", start_date=date(start, 9, 5),
                               end_date=date(start + 1, 5, 31)) for start in (2024, 2025)]  # fmt: skip
    for year in years:
        for code, scope in [("LDTT", "individual"), ("CSTDCS", "individual"), ("GK", "individual")]:
            AwardRecordFactory(school=school, school_year=year, title=title(code, scope),
                               staff=StaffFactory(school=school, team=team, full_name=LONG_NAME),
                               decision_number=f"{year.pk}/QĐ-UBND", issuer_name="UBND xã Cao Dương")  # fmt: skip
    errors = console_errors(page)
    login(page, clerk.user.username)

    _fits(page, "/awards/certificates/")
    request = page.get_by_role("button", name="Tạo tệp in").first
    expect(request).to_be_visible()
    request.click()
    expect(page.locator("#batch-progress")).to_contain_text("Đang chờ xử lý")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    _fits(page, f"/awards/statistics/?year={years[1].pk}")
    page.wait_for_function("() => window.Chart && window.Chart.getChart('chart-titles')")
    for chart in ["chart-titles", "chart-money"]:
        box = page.locator(f"#{chart}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, chart  # drawn to the phone's width
        assert box["height"] >= 200, chart  # not squashed under its legend
    expect(page.get_by_role("link", name="Xuất Excel")).to_be_visible()
    expect(page.get_by_role("button", name="Lập báo cáo (BC)")).to_be_visible()
    units = page.locator("#stats-units")
    expect(units.get_by_role("row", name="Toàn trường").locator("td")).to_have_text(["Toàn trường", "1", "1", "1", "3"])
    assert errors == []

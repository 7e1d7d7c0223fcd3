"""The year-end review in the browser: a teacher registers on her phone, her team head runs the review and
proposes her, she writes and hands in her achievement report, the principal confirms it and sends the proposal to
the council, whose queue (the board filtered by status) shows it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AchievementReport, Nomination, NominationStatus, Rating
from tests.e2e.conftest import PHONE, _page, login
from tests.factories import AnnualEvaluationFactory, RegistrationPeriodFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.fixture
def head_phone(browser, live_server):
    """A second phone, the team head's."""
    context, phone = _page(browser, live_server, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield phone
    context.close()


def test_from_registration_to_the_councils_queue(
    page, mobile_page, head_phone, make_staff, school, team, console_errors
):
    today = timezone.localdate()
    year = SchoolYearFactory(school=school, is_current=True, start_date=today - timedelta(days=200),
                             end_date=today + timedelta(days=30))  # fmt: skip
    RegistrationPeriodFactory(school_year=year, opens_on=today - timedelta(days=5), deadline=today + timedelta(days=5))
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Lan", team=team)
    head = make_staff(Role.TEAM_HEAD, full_name="Phạm Thị Thu", team=team)
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", team=None, position="Hiệu trưởng")
    AnnualEvaluationFactory(staff=teacher, school_year=year, rating=Rating.EXCELLENT)
    phone_errors, desktop_errors = console_errors(mobile_page), console_errors(page)
    head_errors = console_errors(head_phone)
    cstdcs = "Chiến sĩ thi đua cơ sở"

    # the teacher registers on her phone
    login(mobile_page, teacher.user.username)
    mobile_page.goto("/awards/registrations/mine/")
    mobile_page.get_by_label("Danh hiệu, hình thức khen thưởng đăng ký").select_option(label=cstdcs)
    mobile_page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(mobile_page.get_by_text(f"Đã đăng ký “{cstdcs}”.")).to_be_visible()
    assert fits_phone(mobile_page)

    # the team head runs the review on her phone: meeting, proposal, the team's vote, sent
    login(head_phone, head.user.username)
    head_phone.goto("/awards/reviews/")
    head_phone.get_by_role("link", name=team.name).first.click()
    head_phone.get_by_role("button", name="Bắt đầu bình xét").click()
    expect(head_phone.get_by_text(f"Đã mở bình xét thi đua của {team} năm học {year.name}.")).to_be_visible()
    head_phone.get_by_label("Ngày họp").fill(today.isoformat())
    head_phone.get_by_label("Địa điểm").fill("Phòng họp tổ 1")
    head_phone.get_by_label("Chủ trì").select_option(label=str(head))
    head_phone.get_by_label("Thư ký").select_option(label=str(teacher))
    head_phone.get_by_role("button", name="Lưu biên bản họp").click()
    lan = head_phone.locator("section", has=head_phone.get_by_role("heading", name="Trần Thị Lan"))
    expect(lan).to_contain_text(f"Đăng ký: {cstdcs}")
    lan.get_by_label("Thêm đề nghị").select_option(label=cstdcs)
    lan.get_by_role("button", name="Thêm").click()
    expect(head_phone.get_by_text(f"Đã thêm dự kiến đề nghị “{cstdcs}” cho Trần Thị Lan.")).to_be_visible()
    lan.get_by_label("Đồng ý", exact=True).fill("2")
    lan.get_by_label("Không đồng ý").fill("0")
    lan.get_by_role("button", name="Ghi biểu quyết").click()
    expect(lan).to_contain_text("Biểu quyết của tổ: 2 đồng ý, 0 không đồng ý / 2 có mặt")
    assert fits_phone(head_phone)
    head_phone.once("dialog", lambda dialog: dialog.accept())
    head_phone.get_by_role("button", name="Gửi đề nghị của tổ").click()
    expect(lan).to_contain_text("Đã đề nghị")
    nomination = Nomination.objects.get(staff=teacher)
    assert nomination.status == NominationStatus.TEAM_PROPOSED
    assert nomination.verdict_at_proposal["label"] == "Đủ điều kiện"
    assert fits_phone(head_phone)

    # the teacher writes her report on her phone and hands it in
    mobile_page.goto("/awards/reports/mine/")
    mobile_page.get_by_role("button", name="Bắt đầu viết").first.click()
    mobile_page.get_by_label("Thành tích đạt được").fill("Lớp chủ nhiệm 100% học sinh hoàn thành chương trình.")
    assert fits_phone(mobile_page)
    mobile_page.get_by_role("button", name="Lưu và nộp").click()
    expect(mobile_page.get_by_text("Đã nộp, chờ xác nhận").first).to_be_visible()
    assert AchievementReport.objects.get(staff=teacher).status == "submitted"

    # the principal confirms the report, then sends the proposal to the council
    login(page, principal.user.username)
    report = AchievementReport.objects.get(staff=teacher)
    page.goto(f"/awards/reports/{report.pk}/")
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(page.get_by_text("Hiệu trưởng đã xác nhận").first).to_be_visible()
    page.goto(f"/awards/nominations/?year={year.pk}")
    row = page.locator("#nominations section", has_text="Trần Thị Lan")
    expect(row).not_to_contain_text("Chưa nộp báo cáo thành tích")
    row.get_by_role("button", name="Đưa ra hội đồng").click()
    expect(page.get_by_text(f"Đưa ra hội đồng: “{cstdcs}” cho Trần Thị Lan.")).to_be_visible()

    # the council's queue: the board filtered by "in council review"
    page.get_by_label("Trạng thái").select_option(label="Hội đồng đang xét")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#nominations")).to_contain_text("Trần Thị Lan")
    assert list(Nomination.objects.in_council_queue(year)) == [nomination]
    assert phone_errors == [] and head_errors == [] and desktop_errors == []

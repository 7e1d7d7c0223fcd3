"""Achievement reports: prefill from the school's data, who writes and who confirms, the workflow, the printed form."""

import io
from datetime import date, timedelta

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards import services
from awards.models import AchievementReport, Rating, ReportStatus, TeamEvaluation
from awards.permissions import can_confirm_report, can_edit_report, can_view_report
from tests.documents.test_pdf import MM, find, nfc
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    InitiativeFactory,
    RegistrationFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.organization.models import Gender, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(make_staff):
    return make_staff(Role.MEMBER, full_name="Nguyễn Thị Hồng Nhung", date_of_birth=date(1986, 3, 14))


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", team=None, position="Hiệu trưởng")


@pytest.fixture
def history(teacher, school):
    """Two earlier years of awards: LĐTT (a title) and a district Giấy khen (a form of commendation)."""
    earlier = SchoolYearFactory(school=school, start_date=date(2021, 9, 5), end_date=date(2022, 5, 31))
    later = SchoolYearFactory(school=school, start_date=date(2022, 9, 5), end_date=date(2023, 5, 31))
    AwardRecordFactory(
        school_year=earlier, staff=teacher, decision_number="415/QĐ-UBND", decision_date=date(2022, 6, 20)
    )
    AwardRecordFactory(
        school_year=later,
        staff=teacher,
        title=title("GK"),
        decision_number="37/QĐ-UBND",
        decision_date=date(2023, 6, 2),
        issuer_name="UBND huyện Thanh Oai",
    )


@pytest.fixture
def report(teacher, year, history):
    AnnualEvaluationFactory(staff=teacher, school_year=year, rating=Rating.EXCELLENT)
    InitiativeFactory(author=teacher, school_year=year, title="Dạy đọc hiểu qua sơ đồ tư duy", recognised=True)
    RegistrationFactory(school_year=year, staff=teacher)
    RegistrationFactory(school_year=year, staff=teacher, title=title("CSTDCS"))
    return services.start_report(actor=teacher.user, school_year=year, staff=teacher)


# --- prefill --------------------------------------------------------------------------------------------------
def test_a_new_report_is_prefilled_from_the_staff_record_the_year_and_the_history(report, teacher, team):
    assert report.status == ReportStatus.DRAFT
    assert (report.name, report.date_of_birth, report.gender) == (teacher.full_name, date(1986, 3, 14), Gender.FEMALE)
    assert report.position == "Giáo viên"
    assert report.workplace == "Tổ 1, Trường Tiểu học Cao Dương"
    assert report.title == title("CSTDCS")  # the highest title registered for the year
    assert "Hoàn thành xuất sắc nhiệm vụ" in report.achievements
    assert "Sáng kiến “Dạy đọc hiểu qua sơ đồ tư duy”" in report.measures
    assert "cấp cơ sở (Quyết định số 12/QĐ-HĐSK ngày 10/05/2023)" in report.measures
    rows = services.award_history_rows(staff=teacher)
    assert [(r["year"], r["title"], r["kind"], r["decision"], r["issuer"]) for r in rows] == [
        ("2021-2022", "Lao động tiên tiến", "title", "Số 415/QĐ-UBND ngày 20/06/2022", "UBND huyện Thanh Oai"),
        ("2022-2023", "Giấy khen", "commendation", "Số 37/QĐ-UBND ngày 02/06/2023", "UBND huyện Thanh Oai"),
    ]


def test_a_new_report_supports_what_the_team_proposed_before_what_was_registered(teacher, year):
    """Registered for Lao động tiên tiến only, proposed by her team for Giấy khen: the report supports the Giấy
    khen (a Lao động tiên tiến proposal needs no report)."""
    from tests.factories import NominationFactory

    RegistrationFactory(school_year=year, staff=teacher)
    NominationFactory(school_year=year, staff=teacher, title=title("LDTT"))
    NominationFactory(school_year=year, staff=teacher, title=title("GK"))
    report = services.start_report(actor=teacher.user, school_year=year, staff=teacher)
    assert report.title == title("GK")


def test_a_team_report_is_prefilled_with_the_members_and_the_team_evaluation(make_staff, team, year, school):
    head = make_staff(Role.TEAM_HEAD)
    for rating in (Rating.EXCELLENT, Rating.EXCELLENT, Rating.GOOD):
        AnnualEvaluationFactory(staff=StaffFactory(school=school, team=team), school_year=year, rating=rating)
    TeamEvaluation.objects.create(school=school, team=team, school_year=year, rating=Rating.EXCELLENT)
    report = services.start_report(actor=head.user, school_year=year, team=team)
    assert report.is_collective and report.name == "Tổ 1"
    assert report.situation == "Tổ 1 gồm 4 thành viên (4 nữ), thuộc Trường Tiểu học Cao Dương."
    assert "Kết quả xếp loại tập thể năm học 2023-2024: Hoàn thành xuất sắc nhiệm vụ." in report.achievements
    assert "Hoàn thành xuất sắc nhiệm vụ: 2; Hoàn thành tốt nhiệm vụ: 1." in report.achievements


def test_one_report_per_person_and_year(report, teacher, year):
    assert services.start_report(actor=teacher.user, school_year=year, staff=teacher) == report
    with pytest.raises(IntegrityError), transaction.atomic():
        AchievementReport.objects.create(school=report.school, school_year=year, staff=teacher, name="Bản thứ hai")
    assert AuditEntry.objects.filter(action="awards.report.create").count() == 1


# --- workflow ---------------------------------------------------------------------------------------------------
def test_submit_confirm_and_the_audit_trail(report, teacher, principal):
    services.save_report(actor=teacher.user, report=report, qualifications="Đại học Sư phạm Tiểu học")
    submitted = services.submit_report(actor=teacher.user, report=report)
    assert submitted.status == ReportStatus.SUBMITTED and submitted.submitted_at
    assert [row["title"] for row in submitted.awards_snapshot] == ["Lao động tiên tiến", "Giấy khen"]
    assert Notification.objects.filter(recipient=principal.user, closed_at__isnull=True).count() == 1
    confirmed = services.confirm_report(actor=principal.user, report=submitted)
    assert confirmed.status == ReportStatus.CONFIRMED and confirmed.confirmed_by == principal.user
    assert not Notification.objects.filter(recipient=principal.user, closed_at__isnull=True).exists()
    actions = list(AuditEntry.objects.for_object(report).order_by("id").values_list("action", flat=True))
    assert actions == [
        "awards.report.create",
        "awards.report.edit",
        "awards.report.submit",
        "awards.report.confirm",
    ]
    edit = AuditEntry.objects.get(action="awards.report.edit")
    assert edit.data == {"before": {"qualifications": ""}, "after": {"qualifications": "Đại học Sư phạm Tiểu học"}}


def test_the_history_is_frozen_once_submitted(report, teacher, year):
    services.submit_report(actor=teacher.user, report=report)
    AwardRecordFactory(school_year=year, staff=teacher, title=title("CSTDCS"))
    report.refresh_from_db()
    assert len(report.awards_snapshot) == 2
    assert len(services.award_history_rows(staff=teacher)) == 3


def test_returned_report_becomes_a_draft_again_when_saved(report, teacher, principal):
    services.submit_report(actor=teacher.user, report=report)
    with pytest.raises(ValidationError, match="Ghi rõ cần sửa gì"):
        services.return_report(actor=principal.user, report=report, note="  ")
    returned = services.return_report(actor=principal.user, report=report, note="Bổ sung số liệu học sinh giỏi.")
    assert returned.status == ReportStatus.RETURNED and returned.awards_snapshot is None
    assert Notification.objects.filter(recipient=teacher.user, body="Bổ sung số liệu học sinh giỏi.").exists()
    saved = services.save_report(actor=teacher.user, report=returned, achievements="Có 12 học sinh giỏi.")
    assert saved.status == ReportStatus.DRAFT
    assert services.submit_report(actor=teacher.user, report=saved).return_note == ""


def test_nobody_skips_a_step(report, teacher, principal):
    with pytest.raises(ValidationError, match="Không thể xác nhận báo cáo thành tích của .* “Đang soạn”"):
        services.confirm_report(actor=principal.user, report=report)
    services.submit_report(actor=teacher.user, report=report)
    with pytest.raises(ValidationError, match="Không thể lưu báo cáo thành tích"):
        services.save_report(actor=teacher.user, report=report, achievements="Sửa sau khi nộp")
    with pytest.raises(ValidationError, match="Không thể nộp"):
        services.submit_report(actor=teacher.user, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.achievements != "Sửa sau khi nộp"


def test_an_empty_report_cannot_be_submitted(report, teacher):
    services.save_report(actor=teacher.user, report=report, achievements="  ")
    with pytest.raises(ValidationError, match="chưa có phần thành tích"):
        services.submit_report(actor=teacher.user, report=report)


def test_submitted_for_the_board(report, teacher, make_staff, year):
    other = make_staff(Role.MEMBER)
    services.start_report(actor=other.user, school_year=year, staff=other)
    assert not AchievementReport.objects.submitted_for(year).exists()
    services.submit_report(actor=teacher.user, report=report)
    assert list(AchievementReport.objects.submitted_for(year)) == [report]


# --- permissions ----------------------------------------------------------------------------------------------
def test_a_teacher_edits_only_her_own_report(report, make_staff, principal, team):
    colleague = make_staff(Role.MEMBER)
    head = make_staff(Role.TEAM_HEAD)
    assert can_edit_report(report.staff, report)
    assert not can_edit_report(colleague, report) and not can_view_report(colleague, report)
    assert not can_edit_report(head, report) and can_view_report(head, report)  # her team head reads it
    assert not can_edit_report(principal, report) and can_view_report(principal, report)
    assert not can_confirm_report(principal, report)  # a draft is not confirmed


def test_only_the_principal_confirms(report, teacher, principal, make_staff):
    report = services.submit_report(actor=teacher.user, report=report)
    assert can_confirm_report(principal, report)
    assert not can_confirm_report(make_staff(Role.VICE_PRINCIPAL), report)
    assert not can_confirm_report(teacher, report)


def test_the_team_head_writes_the_team_report(client_for, team, year, make_staff):
    client = client_for(Role.MEMBER)
    response = client.post(reverse("awards:report_start") + f"?year={year.pk}", {"kind": "team"}, follow=True)
    assert "Chỉ tổ trưởng viết báo cáo thành tích của tổ." in response.content.decode()
    assert not AchievementReport.objects.filter(team=team).exists()
    head = make_staff(Role.TEAM_HEAD)
    client.force_login(head.user)
    response = client.post(reverse("awards:report_start") + f"?year={year.pk}", {"kind": "team"})
    report = AchievementReport.objects.get(team=team)
    assert response.url == reverse("awards:report_edit", args=[report.pk])
    assert can_edit_report(head, report)
    assert not can_edit_report(make_staff(Role.MEMBER), report)


def test_a_team_head_still_working_hears_that_the_team_report_is_returned(team, year, principal, make_staff):
    """The team's head who has given a leaving day still to come is told until then, like any head at work."""
    head = make_staff(Role.TEAM_HEAD, left_on=date.today() + timedelta(days=30))
    report = services.start_report(actor=head.user, school_year=year, team=team)
    report = services.save_report(actor=head.user, report=report, achievements="Tổ đạt 100% chỉ tiêu.")
    report = services.submit_report(actor=head.user, report=report)
    services.return_report(actor=principal.user, report=report, note="Bổ sung số liệu.")
    assert Notification.objects.get(recipient=head.user).title == f"{report} được trả lại để sửa"


# --- pages ------------------------------------------------------------------------------------------------------
def test_the_teacher_writes_saves_and_submits_in_the_browser(client, teacher, year, history):
    client.force_login(teacher.user)
    page = client.get(reverse("awards:my_reports")).content.decode()
    assert "Bắt đầu viết" in page
    response = client.post(reverse("awards:report_start") + f"?year={year.pk}", {"kind": "staff"})
    report = AchievementReport.objects.get(staff=teacher)
    form = client.get(response.url).content.decode()
    assert 'value="Nguyễn Thị Hồng Nhung"' in form and "Số 415/QĐ-UBND ngày 20/06/2022" in form
    data = {
        "name": report.name, "date_of_birth": "14/03/1986", "gender": "female", "workplace": report.workplace,
        "position": "Giáo viên", "qualifications": "Đại học", "duties": "Chủ nhiệm lớp 3A.",
        "achievements": "Lớp 3A có 100% học sinh hoàn thành chương trình.",
    }  # fmt: skip
    client.post(response.url, {**data, "save": ""})
    report.refresh_from_db()
    assert (report.status, report.qualifications) == (ReportStatus.DRAFT, "Đại học")
    detail = client.post(response.url, {**data, "submit": ""}, follow=True).content.decode()
    assert "Đã nộp báo cáo" in detail and "Đã nộp, chờ xác nhận" in detail
    # a submitted report is no longer editable: its edit page leads to the report
    final = client.get(response.url, follow=True).redirect_chain[-1][0]
    assert final == reverse("awards:report_detail", args=[report.pk])


def test_the_principal_returns_with_a_note_from_the_page(client, report, teacher, principal):
    services.submit_report(actor=teacher.user, report=report)
    client.force_login(principal.user)
    listing = client.get(reverse("awards:report_list")).content.decode()
    assert "Nguyễn Thị Hồng Nhung" in listing and "Đã nộp, chờ xác nhận" in listing
    page = client.get(reverse("awards:report_detail", args=[report.pk])).content.decode()
    assert "Xác nhận" in page and "Trả lại" in page
    client.post(reverse("awards:report_return", args=[report.pk]), {"note": "Thiếu số liệu."})
    report.refresh_from_db()
    assert (report.status, report.return_note) == (ReportStatus.RETURNED, "Thiếu số liệu.")


# --- the printed report ------------------------------------------------------------------------------------------
@pytest.fixture
def report_pdf(client, report, teacher, principal):
    services.save_report(actor=teacher.user, report=report, qualifications="Đại học Sư phạm Tiểu học")
    services.submit_report(actor=teacher.user, report=report)
    client.force_login(principal.user)
    response = client.get(reverse("awards:report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_printed_report_reads_as_the_decree_form(report_pdf):
    with pdfplumber.open(io.BytesIO(report_pdf)) as pdf:
        text = nfc("\n".join(page.extract_text() for page in pdf.pages))
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO THÀNH TÍCH",
        "ĐỀ NGHỊ TẶNG DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”",
        "Năm học 2023-2024",
        "I. SƠ LƯỢC LÝ LỊCH",
        "- Họ và tên: Nguyễn Thị Hồng Nhung",
        "- Sinh ngày, tháng, năm: 14/03/1986; giới tính: Nữ",
        "- Trình độ chuyên môn, nghiệp vụ: Đại học Sư phạm Tiểu học",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "1. Danh hiệu thi đua",
        "2. Hình thức khen thưởng",
        "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ):
        assert line in text, line


def test_the_printed_report_layout(report_pdf):
    with pdfplumber.open(io.BytesIO(report_pdf)) as pdf:
        first, last = pdf.pages[0], pdf.pages[-1]
        content_middle = 30 * MM + (first.width - 45 * MM) / 2
        for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO THÀNH TÍCH"):
            found = find(first, line)
            assert abs((found["x0"] + found["x1"]) / 2 - content_middle) < 3, line
        # the place and date of submission on the right, in italic
        date_line = find(first, "Cao Dương, ngày")
        line_end = max(c["x1"] for c in first.chars if abs(c["top"] - date_line["top"]) < 1)
        assert date_line["x0"] > 30 * MM + 20 * MM and abs(line_end - (first.width - 15 * MM)) < 8
        char = next(c for c in first.chars if c["top"] == date_line["top"] and c["x0"] >= date_line["x0"])
        assert char["fontname"].endswith("LiberationSerif-Embedded-Italic")
        # part III: the awards' table with the decree's columns, one row per award, in order of years
        table = next(t for p in pdf.pages for t in p.find_tables() if "Năm học" in (t.extract()[0][0] or ""))
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        assert rows[0] == [
            "Năm học",
            "Danh hiệu thi đua",
            "Số, ngày, tháng, năm của quyết định",
            "Cơ quan ban hành quyết định",
        ]
        assert rows[1] == ["2021-2022", "Lao động tiên tiến", "Số 415/QĐ-UBND ngày 20/06/2022", "UBND huyện Thanh Oai"]
        # both signature places on one line: the principal's confirmation on the left, the nominee on the right
        confirm, author = find(last, "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"), find(last, "NGƯỜI BÁO CÁO THÀNH TÍCH")
        assert abs(confirm["top"] - author["top"]) < 2
        assert confirm["x1"] < content_middle < author["x0"]
        principal_name, nominee = find(last, "Đỗ Thị Thanh Huyền"), find(last, "Nguyễn Thị Hồng Nhung")
        assert principal_name["top"] > confirm["bottom"] + 20 * MM  # room for the signature and the seal
        assert abs(principal_name["top"] - nominee["top"]) < 2


@pytest.mark.parametrize("by_the_system", [False, True])
def test_a_confirmed_report_prints_the_principal_who_confirmed_it(
    client, report, teacher, principal, make_staff, by_the_system
):
    """The confirmation is hers for good: a successor in office when the report is printed does not replace her.
    Confirmed by the system (as the demo does), it is the principal in office on the day of the confirmation."""
    services.submit_report(actor=teacher.user, report=report)
    confirmed = services.confirm_report(actor=None if by_the_system else principal.user, report=report)
    AchievementReport.objects.filter(pk=report.pk).update(confirmed_at=confirmed.confirmed_at - timedelta(days=30))
    principal.left_on = date.today() - timedelta(days=10)
    principal.save()
    make_staff(Role.PRINCIPAL, full_name="Trần Văn Bình", team=None, position="Hiệu trưởng")
    client.force_login(teacher.user)
    response = client.get(reverse("awards:report_pdf", args=[report.pk]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = nfc("\n".join(page.extract_text() for page in pdf.pages))
    assert "Đỗ Thị Thanh Huyền" in text and "Trần Văn Bình" not in text


def test_the_team_report_prints_the_team_and_its_head(client, make_staff, team, year, principal):
    head = make_staff(Role.TEAM_HEAD, full_name="Phạm Thu Trang")
    report = services.start_report(actor=head.user, school_year=year, team=team)
    client.force_login(head.user)
    response = client.get(reverse("awards:report_pdf", args=[report.pk]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        page = pdf.pages[0]
        text = nfc("\n".join(p.extract_text() for p in pdf.pages))
        assert find(page, "TỔ 1")["x1"] < page.width / 2
    lines = ("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "Tổ 1 gồm", "TỔ TRƯỞNG", "Phạm Thu Trang", "XÁC NHẬN CỦA THỦ TRƯỞNG")
    for line in lines:
        assert line in text, line


def test_the_team_report_names_its_head_until_her_leaving_day(client, make_staff, team, year, principal):
    """A head who has given a leaving day still to come heads the team until then: the printed report names her."""
    head = make_staff(Role.TEAM_HEAD, full_name="Phạm Thu Trang", left_on=date.today() + timedelta(days=30))
    report = services.start_report(actor=head.user, school_year=year, team=team)
    client.force_login(head.user)
    response = client.get(reverse("awards:report_pdf", args=[report.pk]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = nfc("\n".join(p.extract_text() for p in pdf.pages))
    assert text.endswith("(Ký, ghi rõ họ và tên)\nĐỗ Thị Thanh Huyền Phạm Thu Trang")  # the head's signature


def test_a_handed_in_team_report_prints_the_head_of_that_day(client, make_staff, team, year, principal):
    """The head who handed the report in signs it: her successor after a handover does not replace her."""
    head = make_staff(Role.TEAM_HEAD, full_name="Phạm Thu Trang")
    report = services.start_report(actor=head.user, school_year=year, team=team)
    services.save_report(actor=head.user, report=report, achievements="Tổ hoàn thành tốt nhiệm vụ.")
    report = services.submit_report(actor=head.user, report=report)
    AchievementReport.objects.filter(pk=report.pk).update(submitted_at=report.submitted_at - timedelta(days=30))
    head.left_on = date.today() - timedelta(days=10)
    head.save()
    make_staff(Role.TEAM_HEAD, full_name="Lê Văn Khoa")
    client.force_login(principal.user)
    response = client.get(reverse("awards:report_pdf", args=[report.pk]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = nfc("\n".join(p.extract_text() for p in pdf.pages))
    assert "Phạm Thu Trang" in text and "Lê Văn Khoa" not in text


def test_dashboard_tasks_for_the_principal_and_the_author(report, teacher, principal):
    from awards.tasks import report_tasks

    assert registry.tasks_for(principal, [report_tasks]) == [] and registry.tasks_for(teacher, [report_tasks]) == []
    report = services.submit_report(actor=teacher.user, report=report)
    [task] = registry.tasks_for(principal, [report_tasks])
    assert (task.title, task.count) == ("Báo cáo thành tích chờ xác nhận", 1)
    services.return_report(actor=principal.user, report=report, note="Bổ sung.")
    [task] = registry.tasks_for(teacher, [report_tasks])
    assert task.url == reverse("awards:report_edit", args=[report.pk]) and task.urgent


def test_reports_by_recipient_for_a_list_of_nominations(report, teacher, team, year, make_staff):
    team_report = services.start_report(actor=None, school_year=year, team=team)
    found = AchievementReport.objects.by_recipient(year)
    assert found == {("staff", teacher.pk): report, ("team", team.pk): team_report}
    assert found["staff", teacher.pk].status == ReportStatus.DRAFT

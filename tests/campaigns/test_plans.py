"""The yearly plan: drafting by sections, the live preview, issuing through the documents register, and freezing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from campaigns import services
from campaigns.forms import PlanCreateForm
from campaigns.models import Plan
from campaigns.printing import plan_preview
from tests.factories import CampaignFactory, OfficialDocumentFactory, PlanFactory, SchoolYearFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentStatus
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "2. Yêu cầu",
    "II. NỘI DUNG THỰC HIỆN",
    "III. TỔ CHỨC THỰC HIỆN",
]


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")


@pytest.fixture
def plan(year, principal):
    return PlanFactory(school=year.school, year=2023, school_years=[year], document__signer=principal)


def login(client, staff):
    client.force_login(staff.user)
    return client


# --- services -------------------------------------------------------------------------------------------------------


def test_create_plan_drafts_a_kh_document(year, principal, make_staff):
    clerk = make_staff(Role.CLERK, full_name="Nguyễn Thị Ánh", position="Văn thư")
    plan = services.create_plan(actor=clerk.user, school=year.school, year=2023, school_years=[year], drafter=clerk)
    document = plan.document
    assert (document.doc_type, document.status, document.symbol) == ("KH", DocumentStatus.DRAFT, "/KH-THCD")
    assert document.summary == "Công tác Thi đua - Khen thưởng năm 2023"
    assert (document.signer, document.signer_name, document.drafter) == (principal, "Đỗ Thị Thanh Huyền", clerk)
    assert document.archive_note == "VT (Ánh 02)"
    assert document.template_name == "campaigns/pdf/plan.html"
    assert AuditEntry.objects.for_object(plan).get().action == "campaigns.plan.create"


def test_one_plan_per_school_and_year(plan, year, principal):
    with pytest.raises(ValidationError) as error:
        services.create_plan(actor=principal.user, school=year.school, year=2023, school_years=[year])
    assert "Đơn vị đã có kế hoạch thi đua, khen thưởng của năm này." in error.value.messages


def test_school_years_must_touch_the_plan_year(year, principal):
    with pytest.raises(ValidationError) as error:
        services.create_plan(actor=principal.user, school=year.school, year=2025, school_years=[year])
    assert error.value.messages == ["Năm học 2022-2023 không nằm trong năm 2025."]
    assert not Plan.objects.exists()


def test_preview_contains_the_sections(plan):
    html = plan_preview(plan)
    for heading in SECTION_HEADINGS:
        assert heading in html
    assert "Số:" in html and "KẾ HOẠCH" in html and "Công tác Thi đua - Khen thưởng năm 2023" in html
    assert "<html" not in html and "<body" not in html
    # the plan's own print stylesheet comes with it (the page links print.css)
    assert html.startswith('<link rel="stylesheet" href="/static/css/plan-print.css">')


def test_preview_escapes_user_text(plan):
    html = plan_preview(plan, texts={"purpose": "<script>alert(1)</script>"})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_campaigns_listed_from_rows(plan, year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, name="Dạy tốt - Học tốt")
    services.update_plan(actor=principal.user, plan=plan, campaigns=[campaign])
    line = "- Dạy tốt - Học tốt (thi đua thường xuyên, từ 05/09/2022 đến 31/05/2023)."
    assert plan.document.content["campaign_lines"] == [line]
    assert line in strip_tags(plan_preview(plan))
    services.update_plan(actor=principal.user, plan=plan, list_campaigns=False)
    assert line not in strip_tags(plan_preview(plan))
    assert list(plan.campaigns.all()) == [campaign]  # still linked, only not printed


def test_campaigns_of_another_school_refused(plan, other_school, principal):
    foreign = CampaignFactory(school=other_school)
    with pytest.raises(ValidationError) as error:
        services.update_plan(actor=principal.user, plan=plan, campaigns=[foreign])
    assert error.value.messages == ["Phong trào phải thuộc cùng đơn vị."]


def test_issuing_takes_the_next_number(plan, year, principal):
    earlier = OfficialDocumentFactory(issuer=plan.document.issuer, signer=principal)
    documents.issue_document(actor=principal.user, document=earlier, issued_on=date(2023, 1, 10))
    assert earlier.symbol == "01/TB-THCD"
    services.issue_plan(actor=principal.user, plan=plan, issued_on=date(2023, 1, 30))
    document = plan.document
    assert (document.number, document.symbol, document.status) == (2, "02/KH-THCD", DocumentStatus.ISSUED)
    assert document.document_date == date(2023, 1, 30)
    entry = AuditEntry.objects.for_object(plan).get(action="campaigns.plan.issue")
    assert entry.data == {"before": {"status": "draft"}, "after": {"status": "issued", "symbol": "02/KH-THCD"}}


def test_issued_plan_is_frozen(plan, year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, name="Người tốt, việc tốt")
    services.update_plan(actor=principal.user, plan=plan, campaigns=[campaign])
    services.issue_plan(actor=principal.user, plan=plan, issued_on=date(2023, 1, 30))
    with pytest.raises(ValidationError) as error:
        services.update_plan(actor=principal.user, plan=plan, texts={"purpose": "Sửa sau khi ban hành"})
    assert error.value.messages == ["Kế hoạch đã được cấp số: không thể sửa."]
    with pytest.raises(ValidationError) as error:
        services.issue_plan(actor=principal.user, plan=plan)
    assert error.value.messages == ["Không thể cấp số văn bản đang ở trạng thái “Đã cấp số”."]
    # the print keeps the campaign as it was named on the day of issue
    campaign.name = "Tên mới sau khi ban hành"
    campaign.save()
    plan.refresh_from_db()
    html = plan_preview(plan)
    assert "Người tốt, việc tốt (thi đua" in html and "Tên mới" not in html


def test_issue_refused_while_parts_are_empty(year, principal):
    plan = services.create_plan(actor=principal.user, school=year.school, year=2023, school_years=[year])
    with pytest.raises(ValidationError) as error:
        services.issue_plan(actor=principal.user, plan=plan)
    assert error.value.messages == [
        "Kế hoạch còn thiếu nội dung: I.1. Mục đích; I.2. Yêu cầu; III. Tổ chức thực hiện; II. Nội dung thực hiện."
    ]
    assert plan.document.status == DocumentStatus.DRAFT


def test_issue_refused_without_a_signer(year, principal):
    plan = PlanFactory(school=year.school, year=2023, school_years=[year])
    with pytest.raises(ValidationError) as error:
        services.issue_plan(actor=principal.user, plan=plan)
    assert error.value.messages == ["Kế hoạch chưa có người ký."]


# --- pages ----------------------------------------------------------------------------------------------------------


def section_data(plan, key, **values):
    return {f"{key}-{name}": value for name, value in values.items()}


def test_principal_creates_a_plan_through_the_page(client, year, principal):
    login(client, principal)
    assert client.get(url("plan_create")).status_code == 200
    response = client.post(url("plan_create"), {"year": "2023", "school_years": [year.pk]})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == url("plan_detail", plan.pk)
    assert plan.document.drafter == principal


def test_new_plan_defaults_agree_with_each_other(school, principal):
    """The form proposes the first calendar year without a plan and the school years overlapping it; posted as
    proposed, the plan is created (the service's check accepts its own defaults)."""
    older = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    current = SchoolYearFactory(school=school, start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True)
    SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    form = PlanCreateForm(school=school, today=date(2026, 11, 27))
    assert (form.initial["year"], form.initial["school_years"]) == (2026, [current, older])
    plan = services.create_plan(
        actor=None, school=school, year=form.initial["year"], school_years=form.initial["school_years"]
    )
    assert plan.year == 2026
    # with 2026 planned, the next plan is 2027's, for the one school year that reaches into it so far
    form = PlanCreateForm(school=school, today=date(2026, 11, 27))
    assert (form.initial["year"], form.initial["school_years"]) == (2027, [current])


def test_editor_page_has_a_form_per_section_and_the_preview(client, plan, principal):
    page = login(client, principal).get(url("plan_detail", plan.pk)).content.decode()
    for key in ["header", "opening", "purpose", "requirements", "campaigns", "contents", "organization", "closing"]:
        assert f'id="section-{key}"' in page
    assert 'id="plan-preview"' in page and "I. MỤC ĐÍCH, YÊU CẦU" in page
    assert url("plan_issue", plan.pk) in page


def test_section_save_over_htmx(client, plan, principal):
    login(client, principal)
    data = section_data(plan, "purpose", text="- Mục đích mới của nhà trường.")
    response = client.post(url("plan_section", plan.pk, "purpose"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "plan-saved"
    assert 'id="section-purpose"' in response.content.decode() and "Đã lưu." in response.content.decode()
    plan.refresh_from_db()
    assert plan.document.content["purpose"] == "- Mục đích mới của nhà trường."
    assert "- Mục đích mới của nhà trường." in client.get(url("plan_preview", plan.pk)).content.decode()


def test_section_save_without_javascript_redirects(client, plan, principal):
    login(client, principal)
    response = client.post(url("plan_section", plan.pk, "closing"), section_data(plan, "closing", text="Hết./."))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.document.content["closing"] == "Hết./."


def test_unknown_section_is_not_found(client, plan, principal):
    assert login(client, principal).post(url("plan_section", plan.pk, "annex")).status_code == 404


def test_header_with_a_vice_principal_signing_on_behalf(client, plan, year, make_staff):
    deputy = make_staff(Role.VICE_PRINCIPAL, full_name="Nguyễn Thị Thu Hà", position="Phó Hiệu trưởng")
    login(client, deputy)
    data = section_data(
        plan,
        "header",
        summary="Công tác Thi đua - Khen thưởng năm 2023",
        document_date="30/01/2023",
        school_years=[year.pk],
        signer=deputy.pk,
        drafter="",
        recipients="Phòng GDĐT (để b/c)",
        archive_note="VT",
    )
    assert client.post(url("plan_section", plan.pk, "header"), data, HTTP_HX_REQUEST="true").status_code == 200
    plan.refresh_from_db()
    document = plan.document
    assert (document.signer_title, document.signer_position, document.signer_name) == (
        "KT. HIỆU TRƯỞNG",
        "Phó Hiệu trưởng",
        "Nguyễn Thị Thu Hà",
    )
    html = client.get(url("plan_preview", plan.pk)).content.decode()
    assert "KT. HIỆU TRƯỞNG" in html and "Cao Dương, ngày 30 tháng 01 năm 2023" in html


def test_live_preview_shows_unsaved_text_and_saves_nothing(client, plan, principal):
    login(client, principal)
    data = {
        **section_data(plan, "purpose", text="- Đang gõ dở mục đích"),
        **section_data(plan, "organization", text="- Đang gõ dở tổ chức thực hiện"),
    }
    html = client.post(url("plan_preview", plan.pk), data).content.decode()
    assert "- Đang gõ dở mục đích" in html and "- Đang gõ dở tổ chức thực hiện" in html
    assert "- Thiết thực, hiệu quả." in html  # a section not posted keeps its saved text
    plan.refresh_from_db()
    assert plan.document.content["purpose"] == "- Phát động các phong trào thi đua yêu nước."


def test_issue_and_download_through_the_pages(client, plan, principal):
    login(client, principal)
    assert client.get(url("plan_issue", plan.pk)).status_code == 200
    response = client.post(url("plan_issue", plan.pk), {"issued_on": "30/01/2023"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.document.symbol == "01/KH-THCD"
    page = client.get(url("plan_detail", plan.pk)).content.decode()
    assert 'id="section-purpose"' not in page and url("plan_issue", plan.pk) not in page
    response = client.post(url("plan_section", plan.pk, "purpose"), section_data(plan, "purpose", text="X"))
    plan.refresh_from_db()
    assert plan.document.content["purpose"] != "X"
    response = client.get(url("plan_pdf", plan.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"01-kh-thcd-2023.pdf\"; filename*=UTF-8''01-kh-thcd-2023.pdf"
    )
    assert response.content.startswith(b"%PDF")


# --- permissions ----------------------------------------------------------------------------------------------------

PLAN_URLS = ["plan_detail", "plan_preview", "plan_issue", "plan_pdf"]


@pytest.mark.parametrize("name", PLAN_URLS)
def test_other_schools_plan_is_not_found(client_for, other_school, name):
    foreign = PlanFactory(school=other_school)
    client = client_for(Role.PRINCIPAL)
    assert client.get(url(name, foreign.pk)).status_code == 404
    assert client.post(url("plan_section", foreign.pk, "purpose")).status_code == 404


def test_teacher_reads_only_numbered_plans(client_for, plan, principal):
    teacher = client_for(Role.MEMBER)
    assert teacher.get(url("plan_detail", plan.pk)).status_code == 403
    assert teacher.get(url("plan_pdf", plan.pk)).status_code == 403
    assert "Công tác Thi đua" not in teacher.get(url("plan_list")).content.decode()
    services.issue_plan(actor=principal.user, plan=plan, issued_on=date(2023, 1, 30))
    page = teacher.get(url("plan_detail", plan.pk)).content.decode()
    assert "I. MỤC ĐÍCH, YÊU CẦU" in page and 'id="section-' not in page
    assert "Công tác Thi đua" in teacher.get(url("plan_list")).content.decode()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD])
def test_staff_cannot_draft_or_issue(client_for, plan, role):
    client = client_for(role)
    assert client.get(url("plan_create")).status_code == 403
    assert client.post(url("plan_section", plan.pk, "purpose"), {"purpose-text": "X"}).status_code == 403
    assert client.post(url("plan_preview", plan.pk), {"purpose-text": "X"}).status_code == 403
    assert client.post(url("plan_issue", plan.pk), {"issued_on": "30/01/2023"}).status_code == 403


def test_vice_principal_edits_but_does_not_number(client_for, plan):
    client = client_for(Role.VICE_PRINCIPAL)
    assert client.get(url("plan_detail", plan.pk)).status_code == 200
    assert client.get(url("plan_issue", plan.pk)).status_code == 403


def test_clerk_numbers_the_plan(client_for, plan):
    client = client_for(Role.CLERK)
    assert client.post(url("plan_issue", plan.pk), {"issued_on": "30/01/2023"}).status_code == 302


def test_plan_list_query_count_is_constant(client_for, year, django_assert_max_num_queries):
    client = client_for(Role.PRINCIPAL)
    PlanFactory(school=year.school, school_years=[year])
    with CaptureQueriesContext(connection) as one:
        client.get(url("plan_list"))
    other_year = SchoolYearFactory(school=year.school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    for _ in range(49):
        PlanFactory(school=year.school, school_years=[year, other_year])
    with django_assert_max_num_queries(len(one)):
        page = client.get(url("plan_list")).content.decode()
    assert page.count("2023-2024") >= 29

"""The document archive pages: who sees what, the actions, downloads through permission-checked views."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import IssuerFactory, OfficialDocumentFactory
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.documents import services
from thiduakhenthuong.documents.models import DocumentStatus, OfficialDocument
from thiduakhenthuong.documents.tasks import clerk_tasks
from thiduakhenthuong.organization.models import Role

from .conftest import png_bytes

pytestmark = pytest.mark.django_db

LIST = reverse("documents:document_list")


def issued(document, day=date(2023, 3, 15)):
    return services.issue_document(actor=None, document=document, issued_on=day)


def signed(document, scan_file):
    issued(document)
    return services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file())


def url(name, document):
    return reverse(f"documents:{name}", args=[document.pk])


@pytest.mark.parametrize("role", [Role.CLERK, Role.PRINCIPAL, Role.VICE_PRINCIPAL])
def test_archive_readers_see_every_document_of_their_school(client_for, role, make_document, other_school):
    client = client_for(role)
    draft = make_document(summary="Dự thảo thông báo")
    number = issued(make_document(summary="Thông báo đã cấp số"))
    OfficialDocumentFactory(issuer=IssuerFactory(school=other_school), summary="Văn bản trường khác")
    response = client.get(LIST)
    assert response.status_code == 200
    summaries = [d.summary for d in response.context["page"].object_list]
    assert sorted(summaries) == sorted([draft.summary, number.summary])
    assert "status" in response.context["form"].fields


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD])
def test_other_staff_see_only_signed_documents(client_for, role, make_document, scan_file):
    client = client_for(role)
    draft = make_document()
    number = issued(make_document())
    done = signed(make_document(summary="Thông báo đã ký"), scan_file)
    response = client.get(LIST)
    assert [d.summary for d in response.context["page"].object_list] == [done.summary]
    assert "status" not in response.context["form"].fields
    assert client.get(url("document_detail", done)).status_code == 200
    assert client.get(url("document_scan", done)).status_code == 200
    for hidden in (draft, number):
        assert client.get(url("document_detail", hidden)).status_code == 403
        assert client.get(url("document_pdf", hidden)).status_code == 403


def test_another_schools_document_is_not_found(client_for, other_school):
    client = client_for(Role.PRINCIPAL)
    foreign = OfficialDocumentFactory(issuer=IssuerFactory(school=other_school))
    for name in ("document_detail", "document_pdf", "document_scan"):
        assert client.get(url(name, foreign)).status_code == 404
    assert client.post(url("document_issue", foreign)).status_code == 404
    assert client.post(url("document_cancel", foreign), {"reason": "x"}).status_code == 404


def test_accent_insensitive_search_and_filters(client_for, make_document):
    client = client_for(Role.CLERK)
    plan = make_document(doc_type="KH", summary="Kế hoạch công tác Thi đua - Khen thưởng năm 2023", body="")
    issued(plan, date(2023, 1, 30))
    notice = make_document(doc_type="TB", summary="Thông báo lịch họp", body="")
    issued(notice, date(2024, 2, 1))
    make_document(doc_type="TB", summary="Thông báo nghỉ lễ", body="")

    def summaries(**params):
        return sorted(d.summary for d in client.get(LIST, params).context["page"].object_list)

    assert summaries(q="thi dua") == [plan.summary]
    assert summaries(q="THÔNG BAO") == ["Thông báo lịch họp", "Thông báo nghỉ lễ"]
    assert summaries(q="01/kh-thcd") == [plan.summary]
    assert summaries(doc_type="TB") == ["Thông báo lịch họp", "Thông báo nghỉ lễ"]
    assert summaries(year=2024) == [notice.summary]
    assert summaries(status="draft") == ["Thông báo nghỉ lễ"]
    assert summaries(doc_type="TB", status="issued") == [notice.summary]
    assert [c[0] for c in client.get(LIST).context["form"].fields["year"].choices] == ["", 2024, 2023]


@pytest.mark.parametrize("rows", [1, 50])
def test_the_register_costs_a_constant_number_of_queries(
    client_for, make_document, make_staff, rows, django_assert_max_num_queries
):
    client = client_for(Role.CLERK)
    signer = make_staff(Role.PRINCIPAL)
    for index in range(rows):
        document = make_document(signer=signer, drafter=client.staff)
        if index % 2:
            issued(document)
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"q": "thi dua", "doc_type": "TB"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows


def test_clerk_issues_and_uploads_a_scan_principal_cancels(client_for, make_document, scan_file, client):
    document = make_document()
    clerk = client_for(Role.CLERK)
    page = clerk.get(url("document_detail", document))
    assert page.context["offered"] == {"update", "issue"}  # the clerk drafts and numbers; cancelling is the principal's
    response = clerk.post(url("document_issue", document), {"issued_on": "05/01/2023"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.symbol, document.document_date, document.status) == ("01/TB-THCD", date(2023, 1, 5), "issued")

    clerk.post(url("document_upload_scan", document), {"scan": scan_file(png_bytes(), name="quet.png")})
    document.refresh_from_db()
    assert document.status == DocumentStatus.SIGNED and document.signed_scan.name.endswith(".png")
    download = clerk.get(url("document_scan", document))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == png_bytes()
    assert "attachment" in download["Content-Disposition"]

    second = issued(make_document())
    principal = client_for(Role.PRINCIPAL)
    principal.post(url("document_cancel", second), {"reason": "Trùng nội dung"})
    second.refresh_from_db()
    assert (second.status, second.cancel_reason) == ("cancelled", "Trùng nội dung")


def test_a_drafts_page_shows_its_text_as_printed(client_for, make_document):
    """The clerk reads a draft on its page, through the printed templates, before numbering it."""
    draft = make_document(body="Nhà trường thông báo lịch họp Hội đồng.\n1. Thời gian: 14 giờ 00 ngày 25/5/2023.")
    response = client_for(Role.CLERK).get(url("document_detail", draft))
    text = response.content.decode()
    markup = text[text.index('id="document-text"') :]
    preview = strip_tags(markup)
    assert "DỰ THẢO" in preview and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview
    assert "Nhà trường thông báo lịch họp Hội đồng." in preview
    assert "1. Thời gian: 14 giờ 00 ngày 25/5/2023." in preview
    assert '<span class="nobr">25/5/2023.</span>' in markup  # a date never split across lines, as in the PDF
    assert "css/print.css" in text and 'data-paper-toggle="#document-text"' in text
    pdf = client_for(Role.CLERK).get(url("document_pdf", draft))
    assert 'filename="du-thao-tb-thcd.pdf"' in pdf["Content-Disposition"]


def test_irreversible_actions_ask_first_and_say_so(client_for, make_document):
    """Numbering and cancelling cannot be undone: their forms carry the question the page's script asks."""
    clerk = client_for(Role.CLERK)
    page = clerk.get(url("document_detail", make_document())).content.decode()
    assert 'data-confirm="Cấp số cho văn bản này? Số đã cấp được ghi vào sổ văn bản đi, không thể thu hồi' in page
    assert "js/app.js" in page
    principal = client_for(Role.PRINCIPAL)
    page = principal.get(url("document_detail", issued(make_document()))).content.decode()
    assert 'data-confirm="Huỷ văn bản này? Văn bản đã huỷ không khôi phục được' in page


def test_refusals_are_messages_not_errors(client_for, make_document, scan_file):
    document = issued(make_document())
    clerk = client_for(Role.CLERK)
    response = clerk.post(
        url("document_upload_scan", document), {"scan": scan_file(b"MZ not a scan", name="a.pdf")}, follow=True
    )
    assert "Bản ký phải là tệp JPG, PDF, PNG" in response.content.decode()
    response = clerk.post(url("document_issue", document), follow=True)
    assert "Không thể cấp số văn bản đang ở trạng thái" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "action", "data"),
    [
        (Role.VICE_PRINCIPAL, "document_issue", {}),
        (Role.MEMBER, "document_issue", {}),
        (Role.PRINCIPAL, "document_upload_scan", {}),
        (Role.CLERK, "document_cancel", {"reason": "x"}),
        (Role.VICE_PRINCIPAL, "document_cancel", {"reason": "x"}),
    ],
)
def test_actions_are_forbidden_to_the_wrong_role(client_for, make_document, role, action, data):
    document = make_document()
    assert client_for(role).post(url(action, document), data).status_code == 403
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


def test_pdf_download(client_for, make_document):
    document = issued(make_document(doc_type="BC"))
    response = client_for(Role.VICE_PRINCIPAL).get(url("document_pdf", document))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="01-bc-thcd-2023.pdf"' in response["Content-Disposition"]


def test_scan_is_never_a_public_media_url(client_for, make_document, scan_file, settings):
    document = signed(make_document(), scan_file)
    page = client_for(Role.CLERK).get(url("document_detail", document)).content.decode()
    assert settings.MEDIA_URL not in page
    assert url("document_scan", document) in page


def test_create_and_edit_a_simple_document(client_for, make_staff):
    clerk = client_for(Role.CLERK)
    principal = make_staff(Role.PRINCIPAL, full_name="Nguyễn Thị Minh", position="Hiệu trưởng")
    form = clerk.get(reverse("documents:document_create")).context["form"]
    assert [c[0] for c in form.fields["doc_type"].choices] == ["TB", "CV", "BC"]
    response = clerk.post(
        reverse("documents:document_create"),
        {
            "doc_type": "CV",
            "drafting_unit": "VP",
            "summary": "Đề nghị cấp phôi giấy khen",
            "addressees": "Phòng GDĐT huyện Thanh Oai",
            "body": "Trường Tiểu học Cao Dương đề nghị…",
            "signer": principal.pk,
            "signer_capacity": "",
            "recipients": "Như trên",
            "archive_note": "VT",
        },
    )
    document = OfficialDocument.objects.get()
    assert response.status_code == 302
    assert (document.drafter, document.signer_name, document.signer_authority, document.symbol) == (
        clerk.staff,
        "Nguyễn Thị Minh",
        "Hiệu trưởng",
        "/THCD-VP",
    )
    edit = reverse("documents:document_update", args=[document.pk])
    clerk.post(edit, {"doc_type": "CV", "drafting_unit": "VP", "summary": "Đề nghị mới", "signer_capacity": ""})
    document.refresh_from_db()
    assert document.summary == "Đề nghị mới"
    issued(document)
    assert clerk.get(edit).status_code == 403


def test_an_apps_own_document_is_not_edited_in_the_generic_form(client_for, make_document):
    document = make_document(template_name="awards/pdf/decision.html")
    assert client_for(Role.CLERK).get(reverse("documents:document_update", args=[document.pk])).status_code == 403


def test_members_cannot_create(client_for):
    assert client_for(Role.MEMBER).get(reverse("documents:document_create")).status_code == 403


def test_dashboard_tasks_for_the_clerk(make_document, make_staff, django_assert_max_num_queries):
    make_document()
    make_document()
    issued(make_document())
    clerk = make_staff(Role.CLERK)
    with django_assert_max_num_queries(1):
        tasks = registry.tasks_for(clerk, [clerk_tasks])
    assert [(t.title, t.count) for t in tasks] == [("Văn bản chờ cấp số", 2), ("Văn bản chờ bản ký", 1)]
    assert clerk_tasks in registry.task_providers
    assert not registry.tasks_for(make_staff(Role.MEMBER), [clerk_tasks])


def test_nav_entry_for_every_staff():
    item = next(i for i in registry.nav if i.url_name == "documents:document_list")
    assert item.allowed is None and item.section == "documents"

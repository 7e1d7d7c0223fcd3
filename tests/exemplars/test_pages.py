"""The staff pages of good deeds, the contest and the yearly report: what they do, inert text everywhere (pages and
PDFs), constant queries."""

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exemplars import services
from exemplars.models import ContestEntry, ContestRound, DeedStatus, GoodDeed, YearReport
from tests.factories import StaffFactory
from thiduakhenthuong.documents.rendering import render_document_pdf
from thiduakhenthuong.organization.models import Role

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script><b>đậm</b><style>body{background:url(https://evil.example/a.png)}</style>'


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_report_page_lists_the_staff_in_vietnamese_order(people, school, year):
    """By given name in the Vietnamese alphabet (Đ after D, before E), not by family name nor code point."""
    for name in ["Lê Văn Em", "Phạm Thị Đào", "Trần Văn Dũng"]:
        StaffFactory(school=school, full_name=name)
    StaffFactory(school=school, full_name="Vũ Thị Đan", left_on=date.today())  # has left: not listed
    form = signed_in(people[Role.MEMBER]).get(reverse("exemplars:deed_report")).content.decode()
    listed = [
        name
        for name in re.findall(r"<option [^>]*>([^<]+)</option>", form)
        if name.endswith(("Dũng", "Đào", "Em", "Đan"))
    ]
    assert listed == ["Trần Văn Dũng", "Phạm Thị Đào", "Lê Văn Em"]


def test_a_teacher_reports_through_the_page_and_the_vice_principal_verifies(people, pupil, year):
    teacher = signed_in(people[Role.MEMBER])
    form = teacher.get(reverse("exemplars:deed_report")).content.decode()
    assert "Lớp 3A – Nguyễn Văn An" in form
    response = teacher.post(
        reverse("exemplars:deed_report"),
        {"kind": "pupil", "pupil": pupil.pk, "title": "Trả lại ví", "description": "Nộp cô giáo.",
         "occurred_on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"), "images": [jpeg_with_gps()]},
    )  # fmt: skip
    deed = GoodDeed.objects.get()
    assert response.status_code == 302 and response.url == reverse("exemplars:deed_detail", args=[deed.pk])
    assert deed.images.count() == 1 and deed.reported_by == people[Role.MEMBER]
    vice = signed_in(people[Role.VICE_PRINCIPAL])
    page = vice.get(reverse("exemplars:deed_detail", args=[deed.pk])).content.decode()
    assert reverse("exemplars:deed_verify", args=[deed.pk]) in page
    assert reverse("exemplars:deed_verify", args=[deed.pk]) not in teacher.get(response.url).content.decode()
    vice.post(reverse("exemplars:deed_verify", args=[deed.pk]))
    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED
    image = deed.images.get()
    assert teacher.get(reverse("exemplars:image", args=[image.pk]))["Content-Type"] == "image/jpeg"


def test_hostile_text_is_text_on_every_page_and_pdf(people, pupil, year, school, report):
    principal = people[Role.PRINCIPAL]
    deed = report(title=HOSTILE, description=HOSTILE, place=HOSTILE)
    deed = services.verify_deed(actor=principal.user, deed=deed)
    services.commend_deed(actor=principal.user, deed=deed, title=services.commendation_titles(deed).get(code="GK"),
                          achievements=HOSTILE)  # fmt: skip
    today = timezone.localdate()
    contest = services.save_round(
        actor=principal.user, school_year=year, name=HOSTILE, organiser=HOSTILE, opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=3), send_by=today + timedelta(days=9),
    )  # fmt: skip
    entry = services.submit_entry(
        actor=people[Role.MEMBER].user, contest=contest, author=people[Role.MEMBER], title=HOSTILE,
        subject_name=HOSTILE, subject_detail=HOSTILE, text=HOSTILE,
    )  # fmt: skip
    services.select_entry(actor=principal.user, entry=entry, selected=True)
    client = signed_in(principal)
    pages = [
        reverse("exemplars:deed_list"),
        reverse("exemplars:deed_detail", args=[deed.pk]),
        reverse("exemplars:contest_list"),
        reverse("exemplars:contest_detail", args=[contest.pk]),
        reverse("exemplars:entry_detail", args=[entry.pk]),
        reverse("exemplars:year_report") + f"?year={year.pk}",
    ]
    for url in pages:
        text = client.get(url).content.decode()
        assert "<script>alert" not in text and "<style>body" not in text and "<b>đậm</b>" not in text, url
        assert "&lt;script&gt;" in text or url.startswith(reverse("exemplars:year_report")), url
    printed = pdf_text(client.get(reverse("exemplars:contest_print", args=[contest.pk])).content)
    assert '<script>alert("x")</script>' in printed.replace("\n", "")  # printed as the characters, not run
    assert "DANH SÁCH BÀI DỰ THI" in printed
    client.post(reverse("exemplars:year_report") + f"?year={year.pk}")
    report_pdf = pdf_text(render_document_pdf(YearReport.objects.get().document))
    assert "BÁO CÁO" in report_pdf and '<script>alert("x")</script>' in report_pdf.replace("\n", "")
    assert "url(https://evil.example/a.png)" in report_pdf.replace("\n", "")


def test_the_printed_contest_list_names_the_principal_in_office_not_a_former_one(people, year, school):
    """Regression: the list took the school's principal with the lowest id, even one who had left."""
    former = people[Role.PRINCIPAL]
    former.full_name, former.left_on = "Phạm Thị Cũ", date(2026, 8, 1)
    former.save()
    StaffFactory(school=school, role=Role.PRINCIPAL, full_name="Lê Thị Đương Nhiệm", position="Hiệu trưởng")
    today = timezone.localdate()
    contest = ContestRound.objects.create(school=school, school_year=year, organiser="Phòng GDĐT", opens_on=today,
                                          closes_on=today, send_by=today)  # fmt: skip
    printed = pdf_text(
        signed_in(people[Role.VICE_PRINCIPAL]).get(reverse("exemplars:contest_print", args=[contest.pk])).content
    )
    assert "Lê Thị Đương Nhiệm" in printed and "Phạm Thị Cũ" not in printed


def test_the_yearly_report_is_a_draft_bc_numbered_later(people, year, report):
    principal = people[Role.PRINCIPAL]
    services.verify_deed(actor=principal.user, deed=report())
    report()
    client = signed_in(principal)
    response = client.post(reverse("exemplars:year_report") + f"?year={year.pk}")
    year_report = YearReport.objects.get()
    assert response.url == reverse("documents:document_detail", args=[year_report.document_id])
    document = year_report.document
    assert document.doc_type == "BC" and document.status == "draft" and document.number is None
    assert document.content["totals"]["verified"] == 1 and document.content["totals"]["pending"] == 1
    text = pdf_text(render_document_pdf(document))
    flat = " ".join(text.split())
    assert "BÁO CÁO" in flat and "Người tốt, việc tốt" in flat, flat
    assert "Nguyễn Văn An" in flat and "Em An" not in flat
    # refreshed while a draft: the figures follow
    services.verify_deed(actor=principal.user, deed=GoodDeed.objects.get(status=DeedStatus.REPORTED))
    client.post(reverse("exemplars:year_report") + f"?year={year.pk}")
    document.refresh_from_db()
    assert document.content["totals"]["verified"] == 2 and YearReport.objects.count() == 1


def test_a_member_sees_verified_deeds_and_her_own(people, report, school):
    principal = people[Role.PRINCIPAL]
    mine = report(title="Việc của tôi")
    other = report(actor=people[Role.TEAM_HEAD].user, reporter=people[Role.TEAM_HEAD], title="Việc của tổ trưởng")
    services.verify_deed(actor=principal.user, deed=report(title="Việc đã xác minh"))
    text = signed_in(people[Role.MEMBER]).get(reverse("exemplars:deed_list")).content.decode()
    assert mine.title in text and "Việc đã xác minh" in text and other.title not in text
    assert other.title in signed_in(principal).get(reverse("exemplars:deed_list")).content.decode()


def test_the_deed_list_costs_the_same_for_one_or_thirty(people, report, assert_constant_queries):
    client = signed_in(people[Role.PRINCIPAL])
    assert_constant_queries(
        client, reverse("exemplars:deed_list"), lambda n: [report(title=f"Việc {i}") for i in range(n)],
        max_queries=12, rows=30,
    )  # fmt: skip


def test_the_contest_pages_cost_the_same_for_one_or_thirty_entries(people, year, assert_constant_queries):
    today = timezone.localdate()
    contest = ContestRound.objects.create(school=year.school, school_year=year, organiser="Phòng GDĐT",
                                          opens_on=today, closes_on=today, send_by=today)  # fmt: skip

    def add(n):
        for i in range(n):
            ContestEntry.objects.create(contest=contest, author=people[Role.MEMBER], title=f"Bài {i}",
                                        subject_name="Cô Lan", text="Nội dung")  # fmt: skip

    client = signed_in(people[Role.PRINCIPAL])
    assert_constant_queries(
        client, reverse("exemplars:contest_detail", args=[contest.pk]), add, max_queries=12, rows=30
    )


def test_entries_and_selection(people, year):
    today = timezone.localdate()
    principal = people[Role.PRINCIPAL]
    contest = services.save_round(actor=principal.user, school_year=year, organiser="Phòng GDĐT huyện Thanh Oai",
                                  opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=1),
                                  send_by=today + timedelta(days=5))  # fmt: skip
    teacher = signed_in(people[Role.MEMBER])
    response = teacher.post(
        reverse("exemplars:entry_create", args=[contest.pk]),
        {"title": "Cô giáo vùng bãi", "subject_name": "Cô Nhung", "subject_detail": "Tổ 1", "text": "Một hai ba.",
         "attachments": [jpeg_with_gps("bai.jpg")]},
    )  # fmt: skip
    entry = ContestEntry.objects.get()
    assert response.url == reverse("exemplars:entry_detail", args=[entry.pk])
    assert entry.attachments.get().original_name == "bai.jpg" and "bai" not in entry.attachments.get().file.name
    signed_in(principal).post(reverse("exemplars:entry_select", args=[entry.pk]), {"selected": "1"})
    entry.refresh_from_db()
    assert entry.selected
    # once selected, the author no longer edits it
    assert teacher.get(reverse("exemplars:entry_edit", args=[entry.pk])).status_code == 403
    assert ContestRound.objects.count() == 1
    with pytest.raises(Exception, match="đã có cuộc thi"):
        services.save_round(actor=principal.user, school_year=year, organiser="X", opens_on=date(2026, 10, 1),
                            closes_on=date(2026, 10, 2), send_by=date(2026, 10, 3))  # fmt: skip


def test_dashboard_tasks_behind_the_pages_predicates(people, year, report):
    report()
    today = timezone.localdate()
    ContestRound.objects.create(school=year.school, school_year=year, organiser="Phòng GDĐT",
                                opens_on=today - timedelta(days=5), closes_on=today - timedelta(days=1),
                                send_by=today + timedelta(days=2))  # fmt: skip
    from thiduakhenthuong.core.registry import registry

    vice = {task.title: task for task in registry.tasks_for(people[Role.VICE_PRINCIPAL])}
    assert vice["Xác minh việc tốt"].count == 1 and vice["Chọn bài gửi dự thi viết"].urgent
    member = {task.title for task in registry.tasks_for(people[Role.MEMBER])}
    assert "Xác minh việc tốt" not in member and "Chọn bài gửi dự thi viết" not in member
    client = signed_in(people[Role.VICE_PRINCIPAL])
    assert client.get(vice["Xác minh việc tốt"].url).status_code == 200

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from awards import services
from awards.models import Initiative, InitiativeStatus, InitiativeUse
from tests.factories import AwardRecordFactory, InitiativeFactory, SchoolYearFactory, StaffFactory, title
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_transitions_to_recognised(make_staff, year):
    reviewer = make_staff(Role.VICE_PRINCIPAL)
    author = make_staff()
    initiative = InitiativeFactory(author=author, school_year=year)
    initiative = services.start_review(actor=reviewer.user, initiative=initiative)
    assert initiative.status == InitiativeStatus.UNDER_REVIEW
    initiative = services.recognise_initiative(
        actor=reviewer.user, initiative=initiative, scope="province", decision_number="15/QĐ-HĐSK",
        decision_date=date(2024, 5, 10),
    )  # fmt: skip
    assert (initiative.status, initiative.scope) == (InitiativeStatus.RECOGNISED, "province")
    assert Notification.objects.filter(recipient=author.user).count() == 2
    told = Notification.objects.filter(recipient=author.user).latest("pk")
    assert told.body == "Phạm vi: Cấp tỉnh/thành phố; QĐ 15/QĐ-HĐSK ngày 10/05/2024"
    assert AuditEntry.objects.filter(action="awards.initiative.recognise", data__before__status="under_review").exists()


@pytest.mark.parametrize("status", [InitiativeStatus.SUBMITTED, InitiativeStatus.REJECTED])
def test_cannot_recognise_without_review(make_staff, year, status):
    initiative = InitiativeFactory(author=make_staff(), school_year=year, status=status, rejection_reason="x")
    with pytest.raises(ValidationError, match=f"Không thể công nhận sáng kiến “.*” đang ở trạng thái “{status.label}”"):
        services.recognise_initiative(
            actor=None, initiative=initiative, scope="school", decision_number="1", decision_date=date(2024, 1, 1)
        )


def test_reject_needs_a_reason(make_staff, year):
    initiative = InitiativeFactory(author=make_staff(), school_year=year)
    with pytest.raises(ValidationError, match="lý do"):
        services.reject_initiative(actor=None, initiative=initiative, reason=" ")
    initiative = services.reject_initiative(actor=None, initiative=initiative, reason="Chưa có kết quả áp dụng.")
    assert initiative.status == InitiativeStatus.REJECTED
    with pytest.raises(ValidationError):
        services.start_review(actor=None, initiative=initiative)


def test_recognised_needs_a_decision_in_the_database(make_staff, year):
    initiative = InitiativeFactory(author=make_staff(), school_year=year)
    initiative.status = InitiativeStatus.RECOGNISED
    with pytest.raises(IntegrityError):
        initiative.save()


def test_an_initiative_is_used_once(make_staff, year):
    author = make_staff()
    initiative = InitiativeFactory(author=author, school_year=year, recognised=True)
    for_title = AwardRecordFactory(school_year=year, staff=author, title=title("CSTDCS"))
    for_commendation = AwardRecordFactory(school_year=year, staff=author, title=title("BKTP"))
    services.use_initiative(actor=None, initiative=initiative, award=for_title)
    with pytest.raises(ValidationError, match="đã được dùng để xét “Chiến sĩ thi đua cơ sở”"):
        services.use_initiative(actor=None, initiative=initiative, award=for_commendation)
    assert InitiativeUse.objects.count() == 1


def test_database_refuses_a_second_use(make_staff, year):
    """The guarantee rests on the database (run on PostgreSQL too)."""
    author = make_staff()
    initiative = InitiativeFactory(author=author, school_year=year, recognised=True)
    InitiativeUse.objects.create(initiative=initiative, award=AwardRecordFactory(school_year=year, staff=author))
    with pytest.raises(IntegrityError):
        InitiativeUse.objects.create(
            initiative=initiative, award=AwardRecordFactory(school_year=year, staff=author, title=title("GK"))
        )


def test_only_recognised_initiatives_of_the_recipient_are_used(make_staff, year):
    author, other = make_staff(), make_staff()
    pending = InitiativeFactory(author=author, school_year=year)
    award = AwardRecordFactory(school_year=year, staff=author)
    with pytest.raises(ValidationError, match="chưa được công nhận"):
        services.use_initiative(actor=None, initiative=pending, award=award)
    foreign = InitiativeFactory(author=other, school_year=year, recognised=True)
    with pytest.raises(ValidationError, match="không phải của"):
        services.use_initiative(actor=None, initiative=foreign, award=award)
    shared = InitiativeFactory(author=other, school_year=year, recognised=True)
    shared.co_authors.add(author)
    assert services.use_initiative(actor=None, initiative=shared, award=award).award == award


def test_author_submits_with_attachments(client_for, year, school):
    client = client_for(Role.MEMBER)
    colleague = StaffFactory(school=school)
    response = client.post(
        reverse("awards:initiative_create"),
        {
            "school_year": year.pk,
            "title": "Dạy đọc hiểu bằng sơ đồ tư duy",
            "field": "Tiếng Việt",
            "description": "Mô tả",
            "results": "Kết quả",
            "co_authors": [colleague.pk],
            "attachments": [SimpleUploadedFile("bao-cao.pdf", PDF), SimpleUploadedFile("anh.png", PNG)],
        },
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.author == client.staff and list(initiative.co_authors.all()) == [colleague]
    assert sorted(a.original_name for a in initiative.attachments.all()) == ["anh.png", "bao-cao.pdf"]
    download = client.get(reverse("awards:attachment_download", args=[initiative.attachments.first().pk]))
    assert download.status_code == 200


def test_attachment_checked_by_content_and_size(client_for, year):
    client = client_for(Role.MEMBER)
    data = {"school_year": year.pk, "title": "T", "field": "F", "description": "D", "results": "R"}
    fake = client.post(
        reverse("awards:initiative_create"), {**data, "attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")]}
    )
    assert "không đúng định dạng cho phép" in fake.content.decode()
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(reverse("awards:initiative_create"), {**data, "attachments": [big]})
    assert "vượt mức cho phép" in response.content.decode()
    assert not Initiative.objects.exists()


def test_authors_see_their_own_only(client_for, make_staff, year):
    mine_client = client_for(Role.MEMBER)
    other = InitiativeFactory(author=make_staff(), school_year=year)
    mine = InitiativeFactory(author=mine_client.staff, school_year=year)
    listing = mine_client.get(reverse("awards:initiative_list")).content.decode()
    assert mine.title in listing and other.title not in listing
    assert mine_client.get(reverse("awards:initiative_detail", args=[other.pk])).status_code == 403
    assert mine_client.post(reverse("awards:initiative_review", args=[mine.pk])).status_code == 403


def test_other_school_initiative_is_404(client_for, other_school):
    foreign = InitiativeFactory(
        author=StaffFactory(school=other_school), school_year=SchoolYearFactory(school=other_school)
    )
    client = client_for(Role.PRINCIPAL)
    assert client.get(reverse("awards:initiative_detail", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("awards:initiative_review", args=[foreign.pk])).status_code == 404


def test_review_through_the_pages(client_for, make_staff, year):
    initiative = InitiativeFactory(author=make_staff(), school_year=year)
    client = client_for(Role.PRINCIPAL)
    client.post(reverse("awards:initiative_review", args=[initiative.pk]))
    client.post(
        reverse("awards:initiative_recognise", args=[initiative.pk]),
        {"scope": "district", "decision_number": "7/QĐ-HĐSK", "decision_date": "20/05/2024"},
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.scope, initiative.decision_date) == (
        "recognised",
        "district",
        date(2024, 5, 20),
    )


@pytest.mark.parametrize("rows", [1, 50])
def test_list_constant_queries(client_for, school, year, rows, django_assert_max_num_queries):
    for _ in range(rows):
        initiative = InitiativeFactory(author=StaffFactory(school=school), school_year=year)
        initiative.co_authors.add(StaffFactory(school=school))
    client = client_for(Role.VICE_PRINCIPAL)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:initiative_list"))
    assert response.content.decode().count("/awards/initiatives/") >= rows


def _submitted_by(author, year):
    """ "Đọc theo cặp", submitted by ``author``: the managers are asked to review it."""
    initiative = Initiative(
        school=author.school, school_year=year, author=author, title="Đọc theo cặp", field="Tiếng Việt",
        description="Mô tả", results="Kết quả",
    )  # fmt: skip
    services.submit_initiative(actor=author.user, initiative=initiative)
    return initiative


def test_managers_are_asked_to_review_and_the_notice_closes_once_taken_up(make_staff, year):
    principal, vice = make_staff(Role.PRINCIPAL), make_staff(Role.VICE_PRINCIPAL)
    author = make_staff()
    initiative = _submitted_by(author, year)
    asked = Notification.objects.about(initiative, services.INITIATIVE_REVIEW)
    assert {n.recipient for n in asked} == {principal.user, vice.user}  # not the author
    assert {n.title for n in asked} == {f"Sáng kiến “Đọc theo cặp” của {author} chờ xem xét"}
    assert not asked.filter(read_at__isnull=False).exists()

    services.start_review(actor=vice.user, initiative=initiative)  # the vice principal takes it up

    assert all(n.closed_at and n.read_at for n in asked.all())  # the principal's copy too
    told = Notification.objects.get(recipient=author.user)
    assert told.title == "Sáng kiến “Đọc theo cặp” đang được xem xét"


def test_the_managers_asked_are_those_still_working_there(make_staff, year):
    """A vice principal who has given a leaving day still to come reviews until then; one who has left is not asked."""
    leaving = make_staff(Role.VICE_PRINCIPAL, left_on=date.today() + timedelta(days=30))
    make_staff(Role.VICE_PRINCIPAL, left_on=date.today())
    asked = Notification.objects.about(_submitted_by(make_staff(), year), services.INITIATIVE_REVIEW)
    assert {n.recipient for n in asked} == {leaving.user}


def test_an_attachment_is_stored_under_a_random_name():
    from awards.models import InitiativeAttachment, attachment_upload_to

    first = attachment_upload_to(InitiativeAttachment(), "../../etc/passwd")
    second = attachment_upload_to(InitiativeAttachment(), "Báo cáo sáng kiến.PDF")
    assert ".." not in first and "passwd" not in first and not first.endswith(".")
    assert second.startswith("initiatives/") and second.endswith(".pdf") and "Báo" not in second
    assert attachment_upload_to(InitiativeAttachment(), "x.pdf") != attachment_upload_to(
        InitiativeAttachment(), "x.pdf"
    )

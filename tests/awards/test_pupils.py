"""Pupils' commendations: the homeroom teacher proposes (ticked on the class list, or from the results sheet), the
vice-principal checks each class's list, which puts its nominations on the council's queue."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from awards import pupils
from awards.models import ClassProposal, ClassProposalStatus, Nomination, NominationStatus
from awards.permissions import can_propose_pupils
from tests.factories import ClassGroupFactory, PupilFactory, title
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

EXCELLENT = "Hoàn thành xuất sắc các nội dung học tập và rèn luyện"


@pytest.fixture
def homeroom(make_staff):
    return make_staff(Role.MEMBER, full_name="Ngô Thị Kim Oanh")


@pytest.fixture
def group(school, year, homeroom):
    return ClassGroupFactory(school=school, school_year=year, name="3A", grade=3, homeroom_teacher=homeroom)


@pytest.fixture
def class_pupils(school, group):
    names = ["Nguyễn Minh An", "Trần Thu Hà", "Lê Gia Bảo", "Phạm Ngọc Diệp"]
    return [PupilFactory(school=school, class_group=group, full_name=name, date_of_birth=date(2015, 3, i + 1))
            for i, name in enumerate(names)]  # fmt: skip


def _entries(people, reason=EXCELLENT):
    return [pupils.Entry(pupil, reason) for pupil in people]


def test_the_homeroom_teacher_proposes_her_pupils(homeroom, group, class_pupils, year):
    ids = pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:2]))
    nominations = Nomination.objects.filter(pk__in=ids).order_by("pk")
    assert [(n.pupil.full_name, n.title, n.status, n.achievements) for n in nominations] == [
        ("Nguyễn Minh An", title("GK", "pupil"), NominationStatus.TEAM_PROPOSED, EXCELLENT),
        ("Trần Thu Hà", title("GK", "pupil"), NominationStatus.TEAM_PROPOSED, EXCELLENT),
    ]
    assert all(n.school_year == year and n.proposed_by == homeroom.user for n in nominations)
    assert nominations[0].verdict_at_proposal["outcome"] == "no_rule"
    proposal = ClassProposal.objects.get(class_group=group)
    assert proposal.status == ClassProposalStatus.SUBMITTED
    [entry] = AuditEntry.objects.filter(action="awards.pupils.propose")
    assert entry.data["count"] == 2 and entry.data["nominations"] == ids


def test_reasons_as_the_circular_words_them():
    assert pupils.reason_text("excellent") == EXCELLENT
    assert pupils.reason_text("outstanding", " Giải Nhì  cờ vua cấp huyện ") == (
        "Có thành tích vượt trội hoặc tiến bộ vượt bậc: Giải Nhì cờ vua cấp huyện"
    )
    with pytest.raises(ValidationError, match="Ghi rõ thành tích"):
        pupils.reason_text("outstanding", "  ")


def test_a_homeroom_teacher_proposes_only_for_her_class(make_staff, group, class_pupils, school, year):
    other_teacher = make_staff(Role.MEMBER)
    assert not can_propose_pupils(other_teacher, group)
    with pytest.raises(PermissionDenied):
        pupils.propose_pupils(actor=other_teacher.user, class_group=group, entries=_entries(class_pupils[:1]))
    stranger = PupilFactory(school=school, class_group=ClassGroupFactory(school=school, school_year=year, name="3B"))
    with pytest.raises(ValidationError, match="Không thuộc Lớp 3A"):
        pupils.propose_pupils(actor=group.homeroom_teacher.user, class_group=group, entries=_entries([stranger]))
    assert not Nomination.objects.exists() and not ClassProposal.objects.filter(status="submitted").exists()


def test_a_pupil_is_proposed_once_a_year(homeroom, group, class_pupils):
    pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:1]))
    with pytest.raises(
        ValidationError, match=r"Đã được đề nghị “Giấy khen \(học sinh\)” năm học 2023-2024: Nguyễn Minh An"
    ):
        pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:2]))
    assert Nomination.objects.count() == 1


def test_the_vice_principal_checks_the_list_and_nobody_skips_a_step(homeroom, group, class_pupils, make_staff):
    vice = make_staff(Role.VICE_PRINCIPAL, team=None)
    pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:3]))
    proposal = ClassProposal.objects.get(class_group=group)
    with pytest.raises(PermissionDenied):
        pupils.check_class_proposal(actor=homeroom.user, proposal=proposal)
    checked = pupils.check_class_proposal(actor=vice.user, proposal=proposal)
    assert checked.status == ClassProposalStatus.CHECKED and checked.checked_by == vice.user
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.IN_COUNCIL_REVIEW}
    entry = AuditEntry.objects.get(action="awards.pupils.check")
    assert entry.data["count"] == 3
    with pytest.raises(ValidationError, match="Không thể kiểm tra"):
        pupils.check_class_proposal(actor=vice.user, proposal=checked)
    with pytest.raises(ValidationError, match="Không thể gửi"):  # a checked list takes no more names
        pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[3:]))


def _queries_to_propose(homeroom, group, count):
    """(statements other than the batch inserts, batch inserts) to propose ``count`` new pupils of ``group``."""
    many = PupilFactory.create_batch(count, school=group.school, class_group=group)
    with CaptureQueriesContext(connection) as queries:
        ids = pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(many))
    assert len(ids) == count
    batches = ('INSERT INTO "awards_nomination"', 'INSERT INTO "core_auditentry"')
    inserts = [q for q in queries.captured_queries if q["sql"].startswith(batches)]
    return len(queries) - len(inserts), len(inserts)


def test_two_hundred_pupils_in_a_constant_number_of_queries(homeroom, group, school, year):
    other = ClassGroupFactory(school=school, school_year=year, name="3B", grade=3, homeroom_teacher=homeroom)
    warm = ClassGroupFactory(school=school, school_year=year, name="3C", grade=3, homeroom_teacher=homeroom)
    _queries_to_propose(homeroom, warm, 1)  # the process's caches (content types) filled once
    few, few_inserts = _queries_to_propose(homeroom, other, 5)
    many, many_inserts = _queries_to_propose(homeroom, group, 200)
    assert many == few <= 17  # the same statements whatever the number of pupils
    # the nominations and their audit rows (made, proposed) in bulk: SQLite splits each batch by its 999 parameters
    assert few_inserts == 3 + 1 and many_inserts <= 12
    assert Nomination.objects.filter(status=NominationStatus.TEAM_PROPOSED).count() == 206
    assert AuditEntry.objects.filter(action="awards.pupils.propose").count() == 3
    made = AuditEntry.objects.filter(action="awards.nomination.create")
    proposed = AuditEntry.objects.filter(action="awards.nomination.propose")
    assert made.count() == proposed.count() == 206
    assert set(proposed.values_list("object_id", flat=True)) == {
        str(pk) for pk in Nomination.objects.values_list("pk", flat=True)
    }
    assert proposed.first().data["after"]["status"] == NominationStatus.TEAM_PROPOSED


# --- pages ---------------------------------------------------------------------------------------------------------
def test_ticking_pupils_on_the_class_page(client, homeroom, group, class_pupils):
    client.force_login(homeroom.user)
    url = reverse("awards:pupil_class", args=[group.pk])
    page = client.get(url).content.decode()
    assert "Trần Thu Hà" in page and 'name="pupil"' in page
    an, ha, bao = class_pupils[:3]
    response = client.post(url, {
        "pupil": [an.pk, ha.pk, bao.pk],
        f"reason_{an.pk}": "excellent",
        f"reason_{ha.pk}": "outstanding", f"detail_{ha.pk}": "Giải Ba viết chữ đẹp",
        f"reason_{bao.pk}": "outstanding",
    }, follow=True)  # fmt: skip
    assert "Lê Gia Bảo: Ghi rõ thành tích" in response.content.decode()
    assert not Nomination.objects.exists()  # nothing saved while a line is wrong
    response = client.post(url, {
        "pupil": [an.pk, ha.pk], f"reason_{an.pk}": "excellent",
        f"reason_{ha.pk}": "outstanding", f"detail_{ha.pk}": "Giải Ba viết chữ đẹp",
    }, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "Đã đề nghị khen thưởng 2 học sinh của Lớp 3A." in page
    assert "Có thành tích vượt trội hoặc tiến bộ vượt bậc: Giải Ba viết chữ đẹp" in page
    assert "2/4 học sinh được đề nghị" in page


def _results(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Kết quả giáo dục", "Thành tích nổi bật"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ket-qua-3a.xlsx", buffer.getvalue())


def test_the_results_sheet_reports_each_wrong_row_and_saves_nothing(client, homeroom, group, class_pupils):
    client.force_login(homeroom.user)
    upload = _results([
        ["Nguyễn Minh An", "01/03/2015", "Hoàn thành xuất sắc", ""],
        ["Hoàng Văn Tú", "", "Hoàn thành xuất sắc", ""],
        ["Trần Thu Hà", "", "Giỏi lắm", ""],
        ["Lê Gia Bảo", "", "Hoàn thành tốt", ""],
    ])  # fmt: skip
    response = client.post(reverse("awards:pupil_import", args=[group.pk]), {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Dòng 3: không có học sinh “Hoàng Văn Tú” trong Lớp 3A." in page
    assert "Dòng 4: kết quả “Giỏi lắm” không hợp lệ" in page
    assert not Nomination.objects.exists()


def test_the_results_sheet_proposes_the_excellent_and_the_outstanding(client, homeroom, group, class_pupils):
    client.force_login(homeroom.user)
    upload = _results([
        ["nguyen minh an", "", "HTXS", ""],
        ["Trần Thu Hà", "", "Hoàn thành tốt", "Tiến bộ vượt bậc môn Toán"],
        ["Lê Gia Bảo", "", "Hoàn thành tốt", ""],
    ])  # fmt: skip
    response = client.post(reverse("awards:pupil_import", args=[group.pk]), {"file": upload}, follow=True)
    assert "Đã đề nghị khen thưởng 2 học sinh của Lớp 3A từ tệp Excel." in response.content.decode()
    assert dict(Nomination.objects.values_list("pupil__full_name", "achievements")) == {
        "Nguyễn Minh An": EXCELLENT,
        "Trần Thu Hà": "Có thành tích vượt trội hoặc tiến bộ vượt bậc: Tiến bộ vượt bậc môn Toán",
    }


def test_the_class_lists_page(client, homeroom, group, class_pupils, make_staff, school, year):
    ClassGroupFactory(school=school, school_year=year, name="4A", grade=4)
    pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:1]))
    client.force_login(make_staff(Role.VICE_PRINCIPAL, team=None).user)
    page = client.get(reverse("awards:pupil_classes")).content.decode()
    assert "Lớp 3A" in page and "Lớp 4A" in page and "1/4 học sinh được đề nghị" in page
    assert "Đã gửi, chờ kiểm tra" in page and "Chưa đề nghị" in page
    client.force_login(homeroom.user)
    page = client.get(reverse("awards:pupil_classes")).content.decode()
    assert "Lớp 3A" in page and "Lớp 4A" not in page


def test_demo_seeder_checks_last_years_lists_and_leaves_this_year_open(school, homeroom):
    from awards.seed_pupils import seed_demo
    from tests.factories import SchoolYearFactory

    past = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    current = SchoolYearFactory(school=school, start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True)
    ClassGroupFactory(school=school, school_year=current, name="3A", grade=3, homeroom_teacher=homeroom)
    ClassGroupFactory(school=school, school_year=current, name="1A", grade=1, homeroom_teacher=homeroom)
    seed_demo(school=school)
    seed_demo(school=school)  # idempotent
    [proposal] = ClassProposal.objects.all()
    assert (proposal.class_group.name, proposal.class_group.school_year, proposal.status) == ("2A", past, "checked")
    nominations = Nomination.objects.filter(school_year=past)
    assert nominations.count() >= 4
    assert set(nominations.values_list("status", flat=True)) == {NominationStatus.IN_COUNCIL_REVIEW}
    assert not Nomination.objects.filter(school_year=current).exists()


# --- the bulk services of awards.nominations that the pupils' pages go through -----------------------------------
def test_propose_many_guards_each_row_like_one_proposal(make_staff, homeroom, group, class_pupils, school, year):
    from awards import nominations as svc

    gk = title("GK", "pupil")
    other_class = ClassGroupFactory(school=school, school_year=year, name="3B", homeroom_teacher=make_staff())
    stranger = PupilFactory(school=school, class_group=other_class, full_name="Đỗ Văn Tú")
    # the homeroom teacher of 3A may not propose a pupil of 3B: nothing is saved, not even her own pupils
    with pytest.raises(PermissionDenied):
        svc.propose_many(actor=homeroom.user, school_year=year, title=gk,
                         proposals=[(class_pupils[0], EXCELLENT), (stranger, EXCELLENT)])  # fmt: skip
    with pytest.raises(ValidationError, match="Mỗi người chỉ đề nghị một lần"):
        svc.propose_many(actor=homeroom.user, school_year=year, title=gk,
                         proposals=[(class_pupils[0], EXCELLENT), (class_pupils[0], EXCELLENT)])  # fmt: skip
    with pytest.raises(ValidationError):  # a staff member's title for a pupil: the title's scope
        svc.propose_many(actor=homeroom.user, school_year=year, title=title("LDTT"),
                         proposals=[(class_pupils[0], EXCELLENT)])  # fmt: skip
    with pytest.raises(TypeError):  # staff and teams go through their team's review, one by one
        svc.propose_many(actor=None, school_year=year, title=gk, proposals=[(homeroom, EXCELLENT)])
    assert not Nomination.objects.exists() and not AuditEntry.objects.filter(action__startswith="awards.nomination")


def test_checking_a_list_sends_each_nomination_through_the_workflow(make_staff, homeroom, group, class_pupils):
    vice = make_staff(Role.VICE_PRINCIPAL, team=None)
    ids = pupils.propose_pupils(actor=homeroom.user, class_group=group, entries=_entries(class_pupils[:3]))
    pupils.check_class_proposal(actor=vice.user, proposal=ClassProposal.objects.get(class_group=group))
    sent = AuditEntry.objects.filter(action="awards.nomination.send_to_council")
    assert sorted(int(pk) for pk in sent.values_list("object_id", flat=True)) == sorted(ids)
    assert sent.first().data == {"before": {"status": "team_proposed"}, "after": {"status": "in_council_review"}}
    assert {entry.actor for entry in sent} == {vice.user}
    assert list(Nomination.objects.in_council_queue(group.school_year).values_list("pk", flat=True)) == sorted(ids)

"""Recipients beyond staff and teams: pupils, classes and other people (a parent, a citizen); history that outlives
the people it names."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from awards import services
from awards.models import AwardRecord, Registration
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    ClassGroupFactory,
    PupilFactory,
    RegistrationFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization import services as organization
from thiduakhenthuong.organization.models import OtherPerson, OtherRelation, Role, Staff

pytestmark = pytest.mark.django_db

DECIDED = {"decision_number": "45/QĐ-THCD", "decision_date": date(2024, 5, 25), "issuer_name": "Hiệu trưởng"}


def _award(year, code, scope, **recipient):
    return AwardRecord(school=year.school, school_year=year, title=title(code, scope), **DECIDED, **recipient)


def test_a_pupil_a_class_and_a_parent_receive_commendations(year):
    group = ClassGroupFactory(school=year.school, school_year=year, name="3A")
    pupil = PupilFactory(school=year.school, class_group=group, full_name="Lê Minh An")
    parent = OtherPerson.objects.create(
        school=year.school, full_name="Trần Văn Bình", relation=OtherRelation.PARENT, description="phụ huynh em An"
    )
    awards = [
        services.record_award(actor=None, award=_award(year, "GK", "pupil", pupil=pupil)),
        services.record_award(actor=None, award=_award(year, "GK", "pupil_group", class_group=group)),
        services.record_award(actor=None, award=_award(year, "GK", "individual", other_person=parent)),
    ]
    assert [award.recipient for award in awards] == [pupil, group, parent]
    assert [award.recipient_detail for award in awards] == [
        "Học sinh Lớp 3A",
        "Tập thể học sinh năm học 2023-2024",
        "Phụ huynh học sinh: phụ huynh em An",
    ]


@pytest.mark.parametrize(
    ("code", "scope", "who", "message"),
    [
        ("GK", "individual", "pupil", "không dành cho học sinh"),
        ("GK", "pupil", "class_group", "không dành cho lớp"),
        ("GK", "pupil_group", "pupil", "không dành cho học sinh"),
        ("LDTT", "individual", "other_person", "người ngoài nhà trường chỉ nhận hình thức khen thưởng"),
        ("GK", "collective", "other_person", "không dành cho cá nhân ngoài nhà trường"),
        ("GK", "pupil", "staff", "dành cho học sinh"),
    ],
)
def test_each_recipient_takes_titles_of_its_own_scope(year, code, scope, who, message):
    group = ClassGroupFactory(school=year.school, school_year=year)
    recipient = {
        "pupil": PupilFactory(school=year.school, class_group=group),
        "class_group": group,
        "other_person": OtherPerson.objects.create(school=year.school, full_name="Ngô Thị Hoa", relation="citizen"),
        "staff": StaffFactory(school=year.school),
    }[who]
    with pytest.raises(ValidationError, match=message):
        services.record_award(actor=None, award=_award(year, code, scope, **{who: recipient}))


def test_exactly_one_recipient_of_any_kind_in_the_database(year):
    pupil = PupilFactory(school=year.school, class_group=ClassGroupFactory(school=year.school, school_year=year))
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecordFactory(school_year=year, title=title("GK", "pupil"), pupil=pupil)  # and the factory's staff
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecordFactory(school_year=year, title=title("GK", "pupil"), staff=None)
    AwardRecordFactory(school_year=year, title=title("GK", "pupil"), staff=None, pupil=pupil)
    with pytest.raises(IntegrityError), transaction.atomic():  # a yearly commendation once per pupil and year
        AwardRecordFactory(school_year=year, title=title("GK", "pupil"), staff=None, pupil=pupil)


def test_a_new_other_person_is_recorded_with_the_award_from_the_page(client_for, year):
    client = client_for(Role.CLERK)
    response = client.post(
        reverse("awards:award_create"),
        {
            "school_year": year.pk, "title": title("GK").pk, "drive": "ad_hoc", "other_name": "Nguyễn Văn Hùng",
            "other_relation": "citizen", "other_description": "cứu học sinh đuối nước", **DECIDED,
            "decision_date": "25/05/2024",
        },
    )  # fmt: skip
    assert response.status_code == 302
    person = OtherPerson.objects.get()
    assert (person.school, person.full_name, person.relation) == (year.school, "Nguyễn Văn Hùng", "citizen")
    assert AwardRecord.objects.get().other_person == person
    assert AuditEntry.objects.filter(action="awards.other_person.create").count() == 1
    page = client.get(reverse("awards:award_list")).content.decode()
    assert "Nguyễn Văn Hùng" in page and "Công dân: cứu học sinh đuối nước" in page
    # the next award picks the same person; giving both a known and a new one is refused
    both = {
        "school_year": year.pk, "title": title("GK").pk, "drive": "ad_hoc", "other_person": person.pk,
        "other_name": "Người khác", "other_relation": "parent", **DECIDED, "decision_date": "25/05/2024",
    }  # fmt: skip
    page = client.post(reverse("awards:award_create"), both).content.decode()
    assert "không cả hai" in page
    assert OtherPerson.objects.count() == 1 and AwardRecord.objects.count() == 1


def test_the_award_page_lists_pupils_and_classes_with_their_class(client_for, year, django_assert_max_num_queries):
    for index in range(5):
        group = ClassGroupFactory(school=year.school, school_year=year, name=f"4A{index}")
        AwardRecordFactory(school_year=year, staff=None, class_group=group, title=title("GK", "pupil_group"))
        pupil = PupilFactory(school=year.school, class_group=group, full_name=f"Phạm Thu Hà {index}")
        AwardRecordFactory(school_year=year, staff=None, pupil=pupil, title=title("GK", "pupil"))
    client = client_for(Role.CLERK)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("awards:award_list")).content.decode()
    assert "Phạm Thu Hà 3" in page and "Học sinh Lớp 4A3" in page
    assert page.count("Tập thể học sinh năm học 2023-2024") == 5


def test_history_outlives_the_person(year, make_staff):
    person = make_staff()
    AwardRecordFactory(school_year=year, staff=person)
    AnnualEvaluationFactory(school_year=year, staff=person)
    RegistrationFactory(school_year=year, staff=person)
    with pytest.raises(ProtectedError):
        Staff.objects.filter(pk=person.pk).delete()
    pupil = PupilFactory(school=year.school, class_group=ClassGroupFactory(school=year.school, school_year=year))
    AwardRecordFactory(school_year=year, staff=None, pupil=pupil, title=title("GK", "pupil"))
    with pytest.raises(ProtectedError):
        pupil.delete()
    assert AwardRecord.objects.count() == 2 and Registration.objects.filter(staff=person).exists()


def test_staff_who_leave_are_deactivated_not_deleted(year, make_staff):
    principal, person = make_staff(Role.PRINCIPAL), make_staff()
    award = AwardRecordFactory(school_year=year, staff=person)
    organization.deactivate_staff(actor=principal.user, staff=person, left_on=date(2024, 8, 31))
    person.refresh_from_db()
    assert person.left_on == date(2024, 8, 31) and not person.is_active
    assert not person.user.is_active  # can no longer sign in
    assert AwardRecord.objects.get(pk=award.pk).staff == person
    assert (
        AuditEntry.objects.filter(action="organization.staff.deactivate", data__after__left_on="2024-08-31").count()
        == 1
    )
    with pytest.raises(ValidationError, match="đã thôi việc từ ngày 31/08/2024"):
        organization.deactivate_staff(actor=principal.user, staff=person, left_on=date(2024, 9, 30))

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.organization.demo import DEMO_PASSWORD
from thiduakhenthuong.organization.models import (
    Authority,
    AuthorityLevel,
    ClassGroup,
    Gender,
    LegalRegime,
    Pupil,
    Role,
    School,
    SchoolYear,
    Staff,
    Team,
)

pytestmark = pytest.mark.django_db

MODELS = [School, Authority, Team, SchoolYear, Staff, ClassGroup, Pupil, get_user_model(), AuditEntry]


def snapshot():
    """Every row of every seeded table, all fields, so that any change shows."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_second_run_changes_nothing():
    seed()
    before = snapshot()
    assert len(before["Staff"]) >= 38
    seed()
    assert snapshot() == before  # counts, field values and no new audit rows


def test_reference_school():
    seed()
    school = School.objects.get(abbreviation="THCD")
    assert school.name == "Trường Tiểu học Cao Dương"
    assert school.parent_agency == "UBND huyện Thanh Oai"
    assert school.place_name == "Cao Dương"
    assert school.address == "Xã Cao Dương, huyện Thanh Oai, thành phố Hà Nội"
    assert list(school.teams.values_list("name", "is_office")) == [
        ("Tổ 1", False),
        ("Tổ 2-3", False),
        ("Tổ 4-5", False),
        ("Tổ Văn phòng", True),
    ]
    staff = Staff.objects.filter(school=school)
    assert staff.filter(gender=Gender.FEMALE).count() > 0.8 * staff.count()
    assert staff.get(role=Role.PRINCIPAL).full_name == "Đỗ Thị Thanh Huyền"
    recruited = set(staff.values_list("recruited_on", flat=True))
    assert {date(2023, 9, 30), date(2024, 1, 31)} <= recruited  # 8 and 4 months before 31/05/2024
    current = SchoolYear.objects.current(school)
    assert (current.name, current.start_date, current.end_date) == ("2023-2024", date(2023, 9, 5), date(2024, 5, 31))
    assert list(school.years.order_by("start_date").values_list("name", flat=True)) == [
        "2020-2021",
        "2021-2022",
        "2022-2023",
        "2023-2024",
    ]
    assert ClassGroup.objects.filter(school=school).count() >= 5
    assert Pupil.objects.filter(school=school).exists()


@pytest.mark.parametrize(
    ("regime", "level", "name"),
    [
        ("2017", AuthorityLevel.DISTRICT, "UBND huyện Thanh Oai"),
        ("2024", AuthorityLevel.DISTRICT, "UBND huyện Thanh Oai"),
        ("2025", AuthorityLevel.COMMUNE, "UBND xã Cao Dương"),
    ],
)
def test_authorities_follow_the_regime(regime, level, name):
    seed()
    school = School.objects.get(abbreviation="THCD")
    regime = LegalRegime.objects.get(code=regime)
    parent = Authority.objects.get(school=school, regime=regime, is_parent=True)
    assert (parent.level, parent.name, parent.receives_submissions) == (level, name, True)
    assert school.authority(regime=regime, level=AuthorityLevel.PROVINCE).name == "UBND thành phố Hà Nội"


@pytest.mark.parametrize(
    ("username", "role", "full_name"),
    [
        ("hieutruong", Role.PRINCIPAL, "Đỗ Thị Thanh Huyền"),
        ("phohieutruong", Role.VICE_PRINCIPAL, None),
        ("totruong", Role.TEAM_HEAD, None),
        ("vanthu", Role.CLERK, "Nguyễn Thị Ánh"),
        ("giaovien", Role.MEMBER, None),
        ("quantri", Role.ADMINISTRATOR, None),
    ],
)
def test_one_account_per_role_with_the_demo_password(username, role, full_name):
    seed()
    user = get_user_model().objects.select_related("staff__team").get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.staff.role == role
    assert user.first_name == user.staff.full_name
    if full_name:
        assert user.staff.full_name == full_name
    assert user.is_superuser == (role == Role.ADMINISTRATOR)
    if username in {"totruong", "giaovien"}:
        assert user.staff.team.name == "Tổ 1"


def test_demo_password_is_long_enough():
    assert len(DEMO_PASSWORD) >= 12


def test_app_seeders_run_after_the_kernel(monkeypatch):
    calls = []

    def seeder(*, school, stdout):
        calls.append((school.abbreviation, Staff.objects.filter(school=school).count()))

    monkeypatch.setattr(registry, "demo_seeders", [seeder])
    seed()
    assert calls and calls[0][0] == "THCD" and calls[0][1] >= 38


def test_district_dataset():
    output = seed(schools=3, staff_per_school=8)
    assert "Đã tạo 3 trường" in output
    generated = School.objects.filter(name__startswith="Trường Tiểu học Số ")
    assert generated.count() == 3
    for school in generated:
        assert Staff.objects.filter(school=school).count() == 8
        assert Staff.objects.filter(school=school, role=Role.PRINCIPAL).count() == 1
        assert Team.objects.filter(school=school).count() == 4
        assert SchoolYear.objects.current(school).name == "2023-2024"
        assert Authority.objects.filter(school=school, is_parent=True).count() == 3
    assert not Staff.objects.filter(search_name="").exists()
    before = snapshot()
    assert "Đã tạo 0 trường" in seed(schools=3, staff_per_school=8)
    assert snapshot() == before


def test_demo_accounts_prints_usernames_roles_and_password():
    seed()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for username in ["hieutruong", "phohieutruong", "totruong", "vanthu", "giaovien", "quantri"]:
        assert username in text
    assert "Hiệu trưởng" in text and DEMO_PASSWORD in text
    assert "chưa tạo" not in text

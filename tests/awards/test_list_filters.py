"""The awards lists a school scrolls: filters (as forms: a bad value is refused in words), .xlsx exports of what the
filters select, constant queries."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    AnnualEvaluationFactory,
    RegistrationFactory,
    StaffFactory,
    TeamFactory,
    title,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture
def two_teams(school, team, year):
    """Tổ 1: Mai (LĐTT, CSTĐCS); Tổ 2: Lan (LĐTT); the two teams register TTLĐTT."""
    other = TeamFactory(school=school, name="Tổ 2")
    mai = StaffFactory(school=school, team=team, full_name="Trần Thị Mai")
    lan = StaffFactory(school=school, team=other, full_name="Lê Thị Lan")
    for person in (mai, lan):
        AnnualEvaluationFactory(staff=person, school_year=year, rating="good")
    RegistrationFactory(school_year=year, title=title("LDTT"), staff=mai)
    RegistrationFactory(school_year=year, title=title("CSTDCS"), staff=mai)
    RegistrationFactory(school_year=year, title=title("LDTT"), staff=lan)
    for t in (team, other):
        RegistrationFactory(school_year=year, title=title("TTLDTT", "collective"), team=t, staff=None)
    return team, other


def test_eligibility_team_filter_keeps_the_team_and_its_people(client_for, two_teams):
    client = client_for(Role.PRINCIPAL)
    first, second = two_teams

    response = client.get(reverse("awards:school_eligibility"), {"team": second.pk})

    people = [subject.full_name for subject, _ in response.context["people"].rows]
    teams = [subject.name for subject, _ in response.context["teams"].rows]
    assert people == ["Lê Thị Lan"] and teams == ["Tổ 2"]
    assert f'<option value="{second.pk}" selected>Tổ 2</option>' in response.content.decode()


def test_eligibility_title_filter_keeps_one_column(client_for, two_teams):
    client = client_for(Role.PRINCIPAL)
    cstdcs = title("CSTDCS")

    response = client.get(reverse("awards:school_eligibility"), {"title": cstdcs.pk})

    assert [t.code for t in response.context["people"].titles] == ["CSTDCS"]
    assert [subject.full_name for subject, _ in response.context["people"].rows] == ["Trần Thị Mai"]
    assert response.context["teams"].rows == []


@pytest.mark.parametrize("hostile", ["abc", "99999999999999999999999", "-1", "١٢"])
def test_eligibility_refuses_a_bad_filter_in_words_and_shows_everything(client_for, two_teams, hostile):
    client = client_for(Role.PRINCIPAL)

    response = client.get(reverse("awards:school_eligibility"), {"team": hostile})

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert len(response.context["people"].rows) == 2


def test_eligibility_export_writes_the_filtered_rows_with_reasons(client_for, two_teams, year):
    client = client_for(Role.PRINCIPAL)
    first, _ = two_teams

    page = client.get(reverse("awards:school_eligibility"), {"team": first.pk}).content.decode()
    link = reverse("awards:school_eligibility_export") + f"?team={first.pk}"
    assert link in page
    rows = sheet_rows(client.get(link))

    assert rows[0][0] == f"KẾT QUẢ XÉT DANH HIỆU THI ĐUA NĂM HỌC {year.name} (tính đến ngày 31/05/2024)"
    assert rows[1] == ("STT", "Cá nhân, tập thể", "Tổ", "Danh hiệu, hình thức", "Kết quả", "Còn thiếu", "Căn cứ")
    body = rows[2:]
    assert [(r[0], r[1], r[2], r[3]) for r in body] == [
        (1, "Trần Thị Mai", "Tổ 1", "Lao động tiên tiến"),
        (2, "Trần Thị Mai", "Tổ 1", "Chiến sĩ thi đua cơ sở"),
        (3, "Tổ 1", None, "Tập thể lao động tiên tiến"),
    ]
    assert body[0][4] == "Đủ điều kiện" and body[1][4] == "Chưa đủ điều kiện"
    assert "cần thêm 1 sáng kiến được công nhận" in body[1][5]
    assert body[0][6].startswith("✓ ") and "Điều 24" in body[0][6]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD])
def test_eligibility_export_is_for_the_table_s_readers_only(client_for, role, year):
    assert client_for(role).get(reverse("awards:school_eligibility_export")).status_code == 403


def test_eligibility_export_constant_queries(client_for, school, team, year, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        for _ in range(n):
            person = StaffFactory(school=school, team=team)
            AnnualEvaluationFactory(staff=person, school_year=year, rating="good")
            RegistrationFactory(school_year=year, title=title("LDTT"), staff=person)

    first, last = assert_constant_queries(client, reverse("awards:school_eligibility_export"), add, max_queries=25)
    assert len(sheet_rows(last)) == 2 + 50

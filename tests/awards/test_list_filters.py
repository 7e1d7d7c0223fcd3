"""The awards lists a school scrolls: filters (as forms: a bad value is refused in words), .xlsx exports of what the
filters select, constant queries."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import InitiativeUse
from tests.core.test_spreadsheet_exports import PAYLOADS, assert_inert
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    InitiativeFactory,
    RegistrationFactory,
    SchoolYearFactory,
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


@pytest.fixture
def history(school, team, year):
    """Mai: LĐTT 2023-2024 and CSTĐCS 2022-2023; Lan: LĐTT 2023-2024 (with an initiative); a team: TTLĐTT."""
    last = SchoolYearFactory(school=school, name="2022-2023", start_date=date(2022, 9, 5), end_date=date(2023, 5, 31))
    mai = StaffFactory(school=school, team=team, full_name="Trần Thị Mai")
    lan = StaffFactory(school=school, team=team, full_name="Lê Thị Lan")
    AwardRecordFactory(school_year=year, staff=mai, title=title("LDTT"), decision_number="15/QĐ-UBND")
    AwardRecordFactory(school_year=last, staff=mai, title=title("CSTDCS"), decision_number="9/QĐ-UBND")
    used = AwardRecordFactory(school_year=year, staff=lan, title=title("LDTT"), note='=HYPERLINK("x")')
    initiative = InitiativeFactory(author=lan, school_year=year, recognised=True, title="Đọc hiểu lớp 3")
    InitiativeUse.objects.create(initiative=initiative, award=used)
    AwardRecordFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    return {"mai": mai, "lan": lan, "last": last}


def _recipients(response) -> list[str]:
    return [str(award.recipient) for award in response.context["page"].object_list]


def test_history_filters_by_year_person_and_title(client_for, history, year):
    client = client_for(Role.PRINCIPAL)
    url = reverse("awards:award_list")

    assert _recipients(client.get(url, {"year": history["last"].pk})) == ["Trần Thị Mai"]
    assert sorted(_recipients(client.get(url, {"person": history["mai"].pk}))) == ["Trần Thị Mai", "Trần Thị Mai"]
    assert sorted(_recipients(client.get(url, {"title": title("LDTT").pk}))) == ["Lê Thị Lan", "Trần Thị Mai"]
    both = client.get(url, {"year": year.pk, "person": history["mai"].pk, "title": title("LDTT").pk})
    assert [a.decision_symbol for a in both.context["page"].object_list] == ["15/QĐ-UBND"]
    assert len(client.get(url).context["page"].object_list) == 4
    none = client.get(url, {"person": history["lan"].pk, "year": history["last"].pk}).content.decode()
    assert "Không có khen thưởng nào khớp với điều kiện lọc." in none


def test_history_refuses_a_person_of_another_school(client_for, history, other_school):
    client = client_for(Role.PRINCIPAL)
    stranger = StaffFactory(school=other_school)

    response = client.get(reverse("awards:award_list"), {"person": stranger.pk})

    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert len(response.context["page"].object_list) == 4


def test_history_export_writes_every_filtered_award(client_for, history, year):
    client = client_for(Role.CLERK)
    page = client.get(reverse("awards:award_list"), {"year": year.pk}).content.decode()
    link = reverse("awards:award_export") + f"?year={year.pk}"
    assert link in page

    rows = sheet_rows(client.get(link))

    assert rows[0] == ("LỊCH SỬ KHEN THƯỞNG",) + (None,) * (len(rows[0]) - 1)
    assert rows[1][:6] == ("STT", "Năm học", "Người, tập thể được khen", "Đơn vị, lớp, quan hệ", "Danh hiệu, hình thức",
                           "Khen thưởng")  # fmt: skip
    body = {(r[2], r[4]): r for r in rows[2:]}
    assert set(body) == {
        ("Trần Thị Mai", "Lao động tiên tiến"),
        ("Lê Thị Lan", "Lao động tiên tiến"),
        ("Tổ 1", "Tập thể lao động tiên tiến"),
    }
    mai = body[("Trần Thị Mai", "Lao động tiên tiến")]
    assert mai[1] == year.name and mai[3] == "Tổ 1" and mai[5] == "Hằng năm" and mai[6] == "15/QĐ-UBND"
    assert mai[7].date() == date(2023, 6, 20) and mai[8] == "UBND huyện Thanh Oai"
    lan = body[("Lê Thị Lan", "Lao động tiên tiến")]
    assert lan[9] == "Đọc hiểu lớp 3"
    assert lan[10] == '=HYPERLINK("x")'  # user text stays text (see the last test)


def test_history_export_constant_queries(client_for, school, year, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        for _ in range(n):
            AwardRecordFactory(school_year=year)

    first, last = assert_constant_queries(client, reverse("awards:award_export"), add, max_queries=8)
    assert len(sheet_rows(last)) == 2 + 50


@pytest.fixture
def initiatives(school, team, year):
    last = SchoolYearFactory(school=school, name="2022-2023", start_date=date(2022, 9, 5), end_date=date(2023, 5, 31))
    mai = StaffFactory(school=school, team=team, full_name="Trần Thị Mai")
    co = StaffFactory(school=school, team=team, full_name="Lê Thị Lan")
    old = InitiativeFactory(author=mai, school_year=last, recognised=True, title="Dạy đọc hiểu lớp 3")
    new = InitiativeFactory(author=mai, school_year=year, title="Trò chơi học toán")
    new.co_authors.add(co)
    return {"last": last, "old": old, "new": new, "mai": mai, "co": co}


def _titles(response) -> list[str]:
    return sorted(i.title for i in response.context["page"].object_list)


def test_initiatives_filter_by_school_year_words_and_status(client_for, initiatives, year):
    client = client_for(Role.PRINCIPAL)
    url = reverse("awards:initiative_list")

    assert _titles(client.get(url, {"year": initiatives["last"].pk})) == ["Dạy đọc hiểu lớp 3"]
    assert _titles(client.get(url, {"year": year.pk})) == ["Trò chơi học toán"]
    assert _titles(client.get(url, {"q": "doc hieu"})) == ["Dạy đọc hiểu lớp 3"]
    assert _titles(client.get(url, {"status": "recognised", "year": year.pk})) == []
    assert _titles(client.get(url)) == ["Dạy đọc hiểu lớp 3", "Trò chơi học toán"]
    refused = client.get(url, {"year": "2²", "status": "bogus"})
    assert _titles(refused) == ["Dạy đọc hiểu lớp 3", "Trò chơi học toán"]
    assert refused.content.decode().count("Hãy chọn một lựa chọn hợp lệ") == 2


def test_initiatives_export_writes_the_filtered_list(client_for, initiatives, year):
    client = client_for(Role.VICE_PRINCIPAL)
    page = client.get(reverse("awards:initiative_list"), {"year": year.pk}).content.decode()
    link = reverse("awards:initiative_export") + f"?year={year.pk}"
    assert link in page

    rows = sheet_rows(client.get(link))

    assert rows[1][:4] == ("STT", "Tên sáng kiến", "Tác giả", "Tổ")
    assert [r[:8] for r in rows[2:]] == [
        (1, "Trò chơi học toán", "Trần Thị Mai", "Tổ 1", "Lê Thị Lan", year.name, "Tiếng Việt", "Đã nộp")
    ]
    everything = sheet_rows(client.get(reverse("awards:initiative_export")))
    recognised = next(r for r in everything[2:] if r[1] == "Dạy đọc hiểu lớp 3")
    assert recognised[7:10] == ("Đã công nhận", "Cấp cơ sở", "12/QĐ-HĐSK")
    assert recognised[10].date() == date(2023, 5, 10)


def test_a_teacher_exports_only_her_own_initiatives(client_for, initiatives, year):
    client = client_for(Role.MEMBER)
    InitiativeFactory(author=client.staff, school_year=year, title="Của tôi")

    rows = sheet_rows(client.get(reverse("awards:initiative_export")))

    assert [r[1] for r in rows[2:]] == ["Của tôi"]


def test_initiatives_export_constant_queries(client_for, school, year, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        for _ in range(n):
            InitiativeFactory(author=StaffFactory(school=school), school_year=year).co_authors.add(
                StaffFactory(school=school)
            )

    first, last = assert_constant_queries(client, reverse("awards:initiative_export"), add, max_queries=8)
    assert len(sheet_rows(last)) == 2 + 50


def test_the_three_exports_write_user_text_inert(client_for, school, team, year):
    """Names, titles and notes that look like formulas stay text in every list's export."""
    client = client_for(Role.PRINCIPAL)
    person = StaffFactory(school=school, team=TeamFactory(school=school, name=PAYLOADS[1]), full_name=PAYLOADS[0])
    AnnualEvaluationFactory(staff=person, school_year=year, rating="good")
    RegistrationFactory(school_year=year, title=title("LDTT"), staff=person)
    AwardRecordFactory(school_year=year, staff=person, note=PAYLOADS[2], issuer_name=PAYLOADS[3])
    InitiativeFactory(author=person, school_year=year, title=PAYLOADS[4], field=PAYLOADS[5])

    assert_inert(client.get(reverse("awards:school_eligibility_export")).content, PAYLOADS[0], PAYLOADS[1])
    assert_inert(client.get(reverse("awards:award_export")).content, *PAYLOADS[:4])
    assert_inert(client.get(reverse("awards:initiative_export")).content, PAYLOADS[0], PAYLOADS[4], PAYLOADS[5])

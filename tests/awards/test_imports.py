import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from awards import imports
from awards.models import Absence, AnnualEvaluation, AwardRecord
from tests.factories import AnnualEvaluationFactory, SchoolYearFactory, StaffFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def xlsx(rows, name="nhap.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


EVALUATION_HEADER = ["Họ và tên", "Năm học", "Xếp loại", "Nghỉ thai sản (ngày)", "Nghỉ ốm (ngày)"]


@pytest.fixture
def people(school, team):
    return [StaffFactory(school=school, team=team, full_name=name) for name in ["Nguyễn Thị Ánh", "Lê Văn Bình"]]


def test_evaluations_import_valid(school, year, people):
    upload = xlsx(
        [
            EVALUATION_HEADER,
            ["nguyen thi anh", "2023-2024", "Hoàn thành xuất sắc nhiệm vụ", 180, None],
            ["Lê Văn Bình", "2023-2024", "HTTNV", None, 3],
        ]
    )
    result = imports.import_evaluations(actor=None, school=school, upload=upload)
    assert result.errors == [] and result.saved == 2
    anh = AnnualEvaluation.objects.get(staff=people[0], school_year=year)
    assert anh.rating == "excellent"
    assert [(a.kind, a.days, a.counts_as_work) for a in anh.absences.all()] == [("maternity", 180, True)]
    assert Absence.objects.get(evaluation__staff=people[1]).kind == "sick"


def test_reimport_replaces_the_years_rating(school, year, people):
    AnnualEvaluationFactory(staff=people[0], school_year=year, rating="completed")
    upload = xlsx([EVALUATION_HEADER, ["Nguyễn Thị Ánh", "2023-2024", "HTXSNV", None, None]])
    assert imports.import_evaluations(actor=None, school=school, upload=upload).saved == 1
    assert AnnualEvaluation.objects.get(staff=people[0]).rating == "excellent"


def test_one_bad_row_saves_nothing(school, year, people):
    upload = xlsx(
        [
            EVALUATION_HEADER,
            ["Nguyễn Thị Ánh", "2023-2024", "HTXSNV", None, None],
            ["Không Có Ai", "2023-2024", "HTTNV", None, None],
            ["Lê Văn Bình", "2019-2020", "Giỏi", "ba", None],
        ]
    )
    result = imports.import_evaluations(actor=None, school=school, upload=upload)
    assert result.saved == 0
    messages = [str(e) for e in result.errors]
    assert messages[0] == "Dòng 3: không tìm thấy cán bộ “Không Có Ai”."
    assert messages[1].startswith("Dòng 4:") and "Xếp loại “Giỏi” không hợp lệ" in messages[1]
    assert "“ba” không phải số" in messages[1]
    assert AnnualEvaluation.objects.count() == 0


def test_import_page_shows_errors_in_vietnamese(client_for, year, people):
    client = client_for(Role.VICE_PRINCIPAL)
    upload = xlsx([EVALUATION_HEADER, ["Lê Văn Bình", "2023-2024", None, None, None]])
    response = client.post(reverse("awards:evaluation_import"), {"file": upload})
    assert "Dòng 2: thiếu “Xếp loại”." in response.content.decode()
    assert AnnualEvaluation.objects.count() == 0
    template = client.get(reverse("awards:evaluation_import"), {"template": 1})
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_refuses_a_file_that_is_not_xlsx(client_for, year):
    client = client_for(Role.PRINCIPAL)
    fake = SimpleUploadedFile("bang.xlsx", b"Ho va ten,Nam hoc\n")
    response = client.post(reverse("awards:evaluation_import"), {"file": fake})
    assert "không đúng định dạng cho phép" in response.content.decode()


def test_missing_column_is_reported(school, year):
    result_error = None
    try:
        imports.import_evaluations(actor=None, school=school, upload=xlsx([["Họ và tên", "Năm học"]]))
    except Exception as error:  # noqa: BLE001
        result_error = error
    assert "trang “Sheet”, dòng tiêu đề (dòng 1): thiếu cột “Xếp loại”" in str(result_error)


def test_teacher_cannot_import(client_for):
    assert client_for(Role.MEMBER).get(reverse("awards:evaluation_import")).status_code == 403


ISSUER = "UBND huyện Thanh Oai"
AWARD_HEADER = [
    "Cá nhân", "Tập thể", "Năm học", "Danh hiệu, hình thức", "Loại", "Khen thưởng", "Số quyết định",
    "Ngày quyết định", "Cơ quan quyết định",
]  # fmt: skip


def test_award_history_import(school, team, people):
    earlier = SchoolYearFactory(school=school, start_date=date(2021, 9, 5), end_date=date(2022, 5, 31))
    upload = xlsx(
        [
            AWARD_HEADER,
            [
                "Nguyễn Thị Ánh",
                None,
                "2021-2022",
                "CSTDCS",
                "Danh hiệu thi đua",
                None,
                "310/QĐ-UBND",
                "20/06/2022",
                ISSUER,
            ],
            [
                None,
                "Tổ 1",
                "2021-2022",
                "Tập thể lao động tiên tiến",
                "danh hieu thi dua",
                None,
                "311/QĐ-UBND",
                datetime(2022, 6, 20),
                ISSUER,
            ],
            [
                "Lê Văn Bình",
                None,
                "2021-2022",
                "Giấy khen",
                "Hình thức khen thưởng",
                "Chuyên đề",
                "98/QĐ-UBND",
                "01/12/2021",
                ISSUER,
            ],
        ]
    )
    result = imports.import_awards(actor=None, school=school, upload=upload)
    assert result.errors == [] and result.saved == 3
    assert AwardRecord.objects.get(staff=people[0]).title.code == "CSTDCS"
    assert AwardRecord.objects.get(team=team).title.scope == "collective"
    assert AwardRecord.objects.get(staff=people[1]).drive == "thematic"
    assert earlier.pk == AwardRecord.objects.first().school_year_id


def test_award_import_refuses_title_used_as_commendation_and_wrong_scope(school, team, people):
    SchoolYearFactory(school=school, start_date=date(2021, 9, 5), end_date=date(2022, 5, 31))
    upload = xlsx(
        [
            AWARD_HEADER,
            ["Nguyễn Thị Ánh", None, "2021-2022", "LDTT", "Hình thức khen thưởng", None, "1/QĐ", "20/06/2022", "UBND"],
            ["Lê Văn Bình", None, "2021-2022", "TTLDXS", "Danh hiệu thi đua", None, "2/QĐ", "20/06/2022", "UBND"],
            ["Lê Văn Bình", "Tổ 1", "2021-2022", "LDTT", "Danh hiệu thi đua", None, "3/QĐ", "20/06/2022", "UBND"],
            ["Lê Văn Bình", None, "2021-2022", "LDTT", "Danh hiệu thi đua", None, "4/QĐ", "20/06/2022", "UBND"],
        ]
    )  # fmt: skip
    result = imports.import_awards(actor=None, school=school, upload=upload)
    messages = [str(e) for e in result.errors]
    assert messages[0] == "Dòng 2: “Lao động tiên tiến” là danh hiệu thi đua, không phải hình thức khen thưởng."
    assert messages[1] == "Dòng 3: “TTLDXS” không dành cho cá nhân."
    assert messages[2].startswith("Dòng 4: ghi đúng một trong hai cột")
    assert len(messages) == 3 and result.saved == 0
    assert AwardRecord.objects.count() == 0

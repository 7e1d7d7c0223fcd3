"""``manage.py eligibility``: one row per person or team and title, as a text table or CSV."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from awards.models import TeamEvaluation
from tests.factories import AnnualEvaluationFactory, RegistrationFactory, SchoolYearFactory, StaffFactory, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(school, team, year):
    good = StaffFactory(school=school, team=team, full_name="Trần Thị Mai")
    weak = StaffFactory(school=school, team=team, full_name="Lê Văn Nam")
    AnnualEvaluationFactory(staff=good, school_year=year, rating="excellent")
    AnnualEvaluationFactory(staff=weak, school_year=year, rating="completed")
    for person in (good, weak):
        RegistrationFactory(school_year=year, staff=person, title=title("LDTT"))
    RegistrationFactory(school_year=year, staff=good, title=title("HCLD3"))
    TeamEvaluation.objects.create(school=school, team=team, school_year=year, rating="good")
    RegistrationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))


def run(*args) -> str:
    out = io.StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


def test_csv_has_a_header_and_one_row_per_subject_and_title(registered):
    rows = list(csv.reader(io.StringIO(run("--school", "THCD", "--year", "2023-2024", "--format", "csv"))))
    assert rows[0] == ["Loại", "Đối tượng", "Tổ", "Danh hiệu", "Kết quả", "Còn thiếu", "Lý do", "Lưu ý"]
    body = {(row[1], row[3]): row for row in rows[1:]}
    assert len(rows) == 1 + 4
    mai = body["Trần Thị Mai", "Lao động tiên tiến"]
    assert mai[:5] == ["Cá nhân", "Trần Thị Mai", "Tổ 1", "Lao động tiên tiến", "Đủ điều kiện"]
    assert "✓ Năm học 2023-2024: hoàn thành xuất sắc nhiệm vụ" in mai[6]
    assert "(Luật Thi đua, khen thưởng 2022, Điều 24)" in mai[6]
    nam = body["Lê Văn Nam", "Lao động tiên tiến"]
    assert nam[4] == "Chưa đủ điều kiện" and nam[5] == "cần được đánh giá hoàn thành tốt nhiệm vụ trở lên"
    assert "✗ Năm học 2023-2024: hoàn thành nhiệm vụ" in nam[6]
    assert body["Trần Thị Mai", "Huân chương Lao động hạng Ba"][4].startswith("Không xét tự động")
    team = body["Tổ 1", "Tập thể lao động tiên tiến"]
    assert team[0] == "Tập thể" and team[4] == "Chưa đủ điều kiện"  # 1 of 2 members is not "trên 50%"
    assert "cần thêm 1 thành viên đạt Lao động tiên tiến" in team[5]


def test_text_table_by_default(registered):
    lines = run("--school", "THCD", "--year", "2023-2024").splitlines()
    assert lines[0] == "Trường Tiểu học Cao Dương – năm học 2023-2024: 4 danh hiệu đã đăng ký"
    assert lines[1].split() == ["Đối", "tượng", "Tổ", "Danh", "hiệu", "Kết", "quả", "Lý", "do"]
    assert len(lines) == 2 + 4
    nam = next(line for line in lines if line.startswith("Lê Văn Nam"))
    assert "Chưa đủ điều kiện" in nam and "Còn thiếu: cần được đánh giá hoàn thành tốt nhiệm vụ trở lên" in nam
    # the short columns are padded: the results start in the same column on every row
    assert len({line.index("điều kiện") for line in lines[2:] if "Đủ điều kiện" in line}) == 1


def test_current_year_by_default(registered, school):
    SchoolYearFactory(school=school, start_date=date(2022, 9, 5), end_date=date(2023, 5, 31))
    assert "năm học 2023-2024" in run("--school", "THCD").splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--school", "XXXX"], "Không có trường viết tắt “XXXX”"),
        (["--school", "THCD", "--year", "2010-2011"], "không có năm học “2010-2011” (các năm học: 2023-2024)"),
    ],
)
def test_unknown_school_or_year(registered, args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)

"""How numbers, dates, symbols and user text are written (Nghị định 30/2020, Phụ lục I): pure functions."""

from datetime import date

import pytest

from thiduakhenthuong.documents import formatting as f


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (23, "23"), (105, "105")]
)
def test_numbers_below_ten_get_a_leading_zero(number, expected):
    assert f.format_number(number) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 1, 30), "ngày 30 tháng 01 năm 2023"),
        (date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
        (date(2023, 2, 9), "ngày 09 tháng 02 năm 2023"),
        # From March on the month has no leading zero: there is no month 13 to forge.
        (date(2023, 3, 5), "ngày 05 tháng 3 năm 2023"),
        (date(2023, 9, 10), "ngày 10 tháng 9 năm 2023"),
        (date(2023, 11, 20), "ngày 20 tháng 11 năm 2023"),
    ],
)
def test_dates_pad_days_below_ten_and_months_one_and_two(day, expected):
    assert f.format_date(day) == expected


def test_place_and_date_and_undated_draft():
    assert f.place_and_date("Cao Dương", date(2023, 1, 30)) == "Cao Dương, ngày 30 tháng 01 năm 2023"
    assert f.place_and_date("Cao Dương", None).startswith("Cao Dương, ngày ")
    assert "tháng" in f.format_date(None)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"number": 23, "doc_type": "KH", "issuer_abbreviation": "THCD"}, "23/KH-THCD"),
        ({"number": 5, "doc_type": "QĐ", "issuer_abbreviation": "THCD"}, "05/QĐ-THCD"),
        ({"number": 2, "doc_type": "BB", "issuer_abbreviation": "HĐTĐKT"}, "02/BB-HĐTĐKT"),
        ({"number": 12, "doc_type": "CV", "issuer_abbreviation": "THCD", "drafting_unit": "VP"}, "12/THCD-VP"),
        ({"number": 12, "doc_type": "CV", "issuer_abbreviation": "THCD"}, "12/THCD"),
        ({"number": None, "doc_type": "TTr", "issuer_abbreviation": "THCD"}, "/TTr-THCD"),
    ],
)
def test_symbol(kwargs, expected):
    assert f.build_symbol(**kwargs) == expected


def test_parse_symbol_accepts_the_paper_spacing():
    assert f.parse_symbol("23/KH-THCD") == (23, "KH-THCD")
    assert f.parse_symbol("23 /KH-THCD") == (23, "KH-THCD")
    assert f.parse_symbol("5/QĐ-THCD") == (5, "QĐ-THCD")
    with pytest.raises(ValueError):
        f.parse_symbol("KH-THCD")
    with pytest.raises(ValueError):
        f.parse_symbol("23/")


def test_grounds_end_with_semicolons_and_the_last_with_a_full_stop():
    text = "\n".join(
        [
            "Căn cứ Luật Thi đua, khen thưởng năm 2022.",
            "",
            "  - Căn cứ Nghị định 98/2023/NĐ-CP;",
            "Căn cứ Kế hoạch 51/KH-PGDĐT,",
        ]
    )
    assert f.enumerate_lines(text) == [
        "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "Căn cứ Nghị định 98/2023/NĐ-CP;",
        "Căn cứ Kế hoạch 51/KH-PGDĐT.",
    ]
    assert f.enumerate_lines("") == []


def test_recipients_always_end_with_the_archive_line():
    lines = f.recipient_lines("· Phòng GDĐT( để b/c);\n· Các tổ CM( để t/h);\n· Lưu: VT.", "VT (Ánh 02)")
    assert lines == ["- Phòng GDĐT( để b/c);", "- Các tổ CM( để t/h);", "- Lưu: VT (Ánh 02)."]
    assert f.recipient_lines("", "") == ["- Lưu: VT."]
    assert f.recipient_lines("Như trên", "Lưu: VT, TĐKT.") == ["- Như trên;", "- Lưu: VT, TĐKT."]


def test_addressees_one_alone_several_listed():
    assert f.addressee_lines("Phòng Giáo dục và Đào tạo huyện Thanh Oai.") == [
        "Phòng Giáo dục và Đào tạo huyện Thanh Oai"
    ]
    assert f.addressee_lines("UBND huyện Thanh Oai\nPhòng GDĐT huyện Thanh Oai") == [
        "- UBND huyện Thanh Oai;",
        "- Phòng GDĐT huyện Thanh Oai.",
    ]


def test_paragraphs_recognise_headings_and_articles_by_text_only():
    body = "\n".join(
        [
            "I.MỤC ĐÍCH, YÊU CẦU",
            "\t1.Mục đích",
            "2.1. Nâng cao chất lượng, hiệu quả công tác khen thưởng",
            "- Phát động các phong trào thi đua.",
            "· Nhà trường tham gia sinh hoạt các Cụm thi đua.",
            "Điều 1. Tặng danh hiệu Lao động tiên tiến cho 20 cá nhân.",
            "",
            "Trong năm 2023, nhà trường đạt 1.234 lượt khen.",
            "3. " + "x" * 300,
        ]
    )
    result = f.paragraphs(body)
    assert [(p.heading, p.lead) for p in result] == [
        (True, ""),
        (True, ""),
        (True, ""),
        (False, ""),
        (False, ""),
        (False, "Điều 1."),
        (False, ""),
        (False, ""),  # a numbered line too long to be a heading
    ]
    assert result[1].text == "1.Mục đích"
    assert result[4].text == "- Nhà trường tham gia sinh hoạt các Cụm thi đua."
    assert result[5].text == "Tặng danh hiệu Lao động tiên tiến cho 20 cá nhân."

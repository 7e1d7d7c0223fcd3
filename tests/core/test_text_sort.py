"""Vietnamese order of names (``core.text.sort_key``): given name first, the Vietnamese alphabet, tones after."""

import random

from thiduakhenthuong.core.text import sort_key

#: As a Vietnamese school lists them: by given name in the alphabet a ă â b c d đ e ê … o ô ơ … u ư … y, the tones
#: of the same letters in dictionary order (none, huyền, hỏi, ngã, sắc, nặng), then by family and middle names.
EXPECTED = [
    "Đỗ Thị An",
    "Lê Văn Anh",
    "Vũ Thị Ảnh",
    "Nguyễn Thị Ánh",
    "Phạm Văn Ánh",
    "Hà Thị Ăn",
    "Hà Thị Ân",
    "Lê Ba",
    "Trần Văn Dung",
    "Vũ Thị Dũng",
    "Trần Minh Đức",
    "Lê Em",
    "Lê Thị Êm",
    "Nguyễn Thị Hà",
    "Trần Thị Hà",
    "Trần Thị Hồng Hà",
    "Vũ Hà",
    "Lê Thị Hả",
    "Lê Thị Hã",
    "Lê Thị Há",
    "Lê Thị Hạ",
    "Nguyễn Thị Hằng",
    "Nguyễn Thị Thanh Huyền",
    "Nguyễn Thị Hồng Nhung",
    "Phạm Thị Hồng Nhung",
    "Lê Văn On",
    "Lê Văn Ôn",
    "Lê Văn Ơn",
    "Lê Văn Ung",
    "Lê Văn Ưng",
    "Đinh Thị Vân",
    "Lê Y",
]


def test_names_sort_as_a_vietnamese_school_lists_them():
    shuffled = EXPECTED[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == EXPECTED


def test_d_with_stroke_is_a_letter_after_d_not_after_z():
    assert sort_key("Dung") < sort_key("Đức") < sort_key("Em") < sort_key("Zung")
    assert sort_key("Đạt") < sort_key("Em")


def test_case_and_spacing_do_not_matter_and_a_lone_word_is_a_given_name():
    assert sort_key("nguyễn  thị  ánh") == sort_key("Nguyễn Thị Ánh")
    assert sort_key("Ánh") < sort_key("Nguyễn Thị Ánh")
    assert sort_key("") == "" and sort_key("   ") == ""


def test_the_key_is_ascii_digits_so_every_database_collation_agrees():
    for name in [*EXPECTED, "O'Neil Mary-Ann", "Müller Ørsted", "王 小明", "Nguyễn Văn A1"]:
        key = sort_key(name)
        assert key.isascii() and key.isdigit(), name
        assert len(key) <= 320
    assert len(sort_key(" ".join(["Ư"] * 50))) <= 320
    assert len(sort_key("Nghiêng" * 14)) <= 320

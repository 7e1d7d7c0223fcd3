from decimal import Decimal

import pytest

from awards.money import amount_in_words, format_vnd, number_to_words, reward_amount


@pytest.mark.parametrize(
    ("multiple", "base", "step", "expected"),
    [
        ("0.3", 2_340_000, 10_000, 710_000),  # 702,000 rounds up
        ("1.0", 2_340_000, 10_000, 2_340_000),  # already round
        ("0.8", 1_800_000, 10_000, 1_440_000),
        ("1.5", 1_490_000, 10_000, 2_240_000),  # 2,235,000
        (Decimal("0.3"), 1_490_000, 1, 447_000),
    ],
)
def test_reward_amount_rounds_up(multiple, base, step, expected):
    assert reward_amount(multiple, base, step) == expected


def test_rounding_step_must_be_positive():
    with pytest.raises(ValueError):
        reward_amount("0.3", 2_340_000, 0)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm linh năm"),
        (1_005, "một nghìn không trăm linh năm"),
        (702_000, "bảy trăm linh hai nghìn"),
        (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
        (1_000_005_000, "một tỷ không trăm linh năm nghìn"),
        (4_500_000_000_000, "bốn nghìn năm trăm tỷ"),
    ],
)
def test_number_to_words(number, words):
    assert number_to_words(number) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (702_000, "Bảy trăm linh hai nghìn đồng"),
        (1_404_000, "Một triệu bốn trăm linh bốn nghìn đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (15_000_000, "Mười lăm triệu đồng"),
        (710_000, "Bảy trăm mười nghìn đồng"),
        (2_530_000, "Hai triệu năm trăm ba mươi nghìn đồng"),
        (1_001_000, "Một triệu không trăm linh một nghìn đồng"),
        (100_000, "Một trăm nghìn đồng"),
    ],
)
def test_amount_in_words_reads_linh(amount, words):
    """Hà Nội documents read an empty tens place as "linh" (702 000: "bảy trăm linh hai nghìn")."""
    assert amount_in_words(amount) == words


def test_amount_in_words_and_figures():
    assert format_vnd(2_340_000) == "2.340.000"
    with pytest.raises(ValueError):
        number_to_words(-1)

"""Reward money: the multiple of the base salary rounded up, and the amount written in Vietnamese words.

Pure functions with no database: the figures (multiple, base salary, rounding step) are data the caller reads
from ``TitleRule``, ``BaseSalary`` and ``LegalRegime``.
"""

from decimal import ROUND_CEILING, Decimal

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def reward_amount(multiple: Decimal | str | int, base: int, rounding_step: int) -> int:
    """``multiple`` × ``base`` rounded UP to a multiple of ``rounding_step`` (0.3 × 2,340,000 → 710,000)."""
    if rounding_step <= 0:
        raise ValueError("Bước làm tròn phải là số dương.")
    exact = Decimal(str(multiple)) * Decimal(base)
    steps = (exact / Decimal(rounding_step)).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * rounding_step


def format_vnd(amount: int) -> str:
    """Figures with dots between thousands, as Vietnamese documents print them: ``710.000``."""
    return f"{amount:,}".replace(",", ".")


def _three_digits(number: int, full: bool) -> list[str]:
    """Words for 0..999. ``full``: a higher group precedes, so "không trăm" and "linh" are spoken.

    An empty tens place reads "linh" (702 → "bảy trăm linh hai"), as Hà Nội's documents write it, not "lẻ".
    """
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return words


def _below_billion(number: int, full: bool) -> list[str]:
    """Words for 1..999,999,999 by groups of three; ``full``: a higher group precedes the leading one."""
    groups = [number // 1_000_000, number // 1000 % 1000, number % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if group == 0:
            continue
        # a group after a non-empty higher one is read in full ("một triệu không trăm linh năm nghìn")
        words += _three_digits(group, full=full or bool(words))
        words += [["triệu"], ["nghìn"], []][index]
    return words


def number_to_words(number: int) -> str:
    """A non-negative integer in Vietnamese words, lower case: 710000 → "bảy trăm mười nghìn"."""
    if number < 0:
        raise ValueError("Chỉ đọc được số không âm.")
    if number == 0:
        return _DIGITS[0]
    billions, rest = divmod(number, 1_000_000_000)
    words = [number_to_words(billions), "tỷ"] if billions else []
    if rest:
        words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """An amount of money as printed under the figures: 710000 → "Bảy trăm mười nghìn đồng"."""
    text = f"{number_to_words(amount)} đồng"
    return text[0].upper() + text[1:]

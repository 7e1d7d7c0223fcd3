"""Vietnam's official days off for 2025–2027, as the government set them (Bộ luật Lao động 2019 Điều 112 and the
yearly notices of the Ministry of Labour, then of Home Affairs, on the days off of civil servants).

Data, not rules: ``ensure_official_days(school)`` copies them into the school's ``PublicHoliday`` rows, which the
school edits on its holidays page (a notice for 2027 may move a day; a new year is added there). Each entry:
(date, name, kind) with kind "off" for a weekday off and "work" for a weekend day worked to make up a swap.
Tết Nguyên đán 2027 was not announced when this list was written: its five days are placed around the first day
of the lunar year (Saturday 06/02/2027) as the Labour Code orders, and marked "dự kiến" for the school to check.
"""

from datetime import date

OFF, WORK = "off", "work"

OFFICIAL_DAYS: list[tuple[date, str, str]] = [
    # 2025
    (date(2025, 1, 1), "Tết Dương lịch", OFF),
    *[(date(2025, 1, day), "Tết Nguyên đán Ất Tỵ", OFF) for day in (27, 28, 29, 30, 31)],
    (date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF),
    (date(2025, 4, 26), "Làm bù cho ngày nghỉ 02/5/2025 (hoán đổi)", WORK),
    (date(2025, 4, 30), "Ngày Chiến thắng 30/4", OFF),
    (date(2025, 5, 1), "Ngày Quốc tế Lao động 1/5", OFF),
    (date(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", OFF),
    (date(2025, 9, 1), "Quốc khánh (ngày liền kề)", OFF),
    (date(2025, 9, 2), "Quốc khánh 2/9", OFF),
    # 2026
    (date(2026, 1, 1), "Tết Dương lịch", OFF),
    (date(2026, 1, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)", OFF),
    (date(2026, 1, 10), "Làm bù cho ngày nghỉ 02/01/2026 (hoán đổi)", WORK),
    *[(date(2026, 2, day), "Tết Nguyên đán Bính Ngọ", OFF) for day in (16, 17, 18, 19, 20)],
    (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4)", OFF),
    (date(2026, 4, 30), "Ngày Chiến thắng 30/4", OFF),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động 1/5", OFF),
    (date(2026, 9, 1), "Quốc khánh (ngày liền kề)", OFF),
    (date(2026, 9, 2), "Quốc khánh 2/9", OFF),
    # 2027
    (date(2027, 1, 1), "Tết Dương lịch", OFF),
    *[(date(2027, 2, day), "Tết Nguyên đán Đinh Mùi (dự kiến)", OFF) for day in (4, 5, 8, 9, 10)],
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF),
    (date(2027, 4, 30), "Ngày Chiến thắng 30/4", OFF),
    (date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)", OFF),
    (date(2027, 9, 2), "Quốc khánh 2/9", OFF),
    (date(2027, 9, 3), "Quốc khánh (ngày liền kề)", OFF),
]

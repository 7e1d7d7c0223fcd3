"""``manage.py seed_demo``: the reference school with one account per role, then every app's demo data."""

import time
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.organization import demo


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: Trường Tiểu học Cao Dương, các tổ, cán bộ, năm học và tài khoản mẫu; sau đó dữ liệu mẫu "
        "của từng phân hệ. Chạy lại nhiều lần không thay đổi gì. --schools/--staff-per-school thêm các trường "
        "sinh tự động (dữ liệu cấp huyện) để đo hiệu năng. Các năm học chạy từ 2022-2023 đến năm học đang diễn ra "
        "vào ngày --today (mặc định: hôm nay)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=0, help="số trường sinh thêm (Trường Tiểu học Số k)")
        parser.add_argument("--staff-per-school", type=int, default=50, help="số cán bộ mỗi trường sinh thêm")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="ngày coi là hôm nay, dạng YYYY-MM-DD"
        )

    def handle(self, *args, schools, staff_per_school, today, **options):
        today = today or timezone.localdate()
        if schools < 0 or staff_per_school < 6:
            raise CommandError("--schools phải ≥ 0 và --staff-per-school phải ≥ 6 (hiệu trưởng, phó, 4 tổ trưởng).")
        try:
            with transaction.atomic(), audit.grouped():  # one command run, one audit group
                school = demo.seed_reference_school(today=today)
                for seeder in registry.demo_seeders:
                    seeder(school=school, stdout=self.stdout, today=today)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu của {school.name} đã sẵn sàng."))
        if schools:
            started = time.monotonic()
            created = demo.seed_district(schools=schools, staff_per_school=staff_per_school, today=today)
            self.stdout.write(
                f"Đã tạo {created} trường sinh tự động ({staff_per_school} cán bộ mỗi trường) "
                f"trong {time.monotonic() - started:.1f} giây; {schools - created} trường đã có từ trước."
            )

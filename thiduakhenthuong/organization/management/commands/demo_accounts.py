"""``manage.py demo_accounts``: the demo usernames, their roles and the shared password (``make run`` prints it)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from thiduakhenthuong.organization import demo
from thiduakhenthuong.organization.models import Role


class Command(BaseCommand):
    help = "In các tài khoản mẫu của Trường Tiểu học Cao Dương và mật khẩu chung."

    def handle(self, *args, **options):
        accounts = demo.demo_accounts()
        existing = set(
            get_user_model()
            .objects.filter(username__in=[p.username for p in accounts] + [demo.DEPLOYMENT_ADMIN])
            .values_list("username", flat=True)
        )
        self.stdout.write("Tài khoản mẫu (Trường Tiểu học Cao Dương):")
        for person in accounts:
            missing = "" if person.username in existing else "  [chưa tạo: chạy manage.py seed_demo]"
            self.stdout.write(f"  {person.username:<14} {Role(person.role).label:<30} {person.full_name}{missing}")
        missing = "" if demo.DEPLOYMENT_ADMIN in existing else "  [chưa tạo: chạy manage.py seed_demo]"
        self.stdout.write(
            f"  {demo.DEPLOYMENT_ADMIN:<14} {'Quản trị triển khai (cấp huyện/xã)':<30} "
            f"trang /admin/ của mọi trường; không thuộc trường nào{missing}"
        )
        self.stdout.write(f"Mật khẩu chung: {demo.DEMO_PASSWORD}  (đổi được sau khi đăng nhập)")

from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "thiduakhenthuong.organization"
    label = "organization"
    verbose_name = "Tổ chức"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import tasks
        from .models import Role
        from .permissions import SCHOOL_READERS

        registry.add_nav(
            NavItem(
                "Cán bộ", "organization:staff_list", SCHOOL_READERS | {Role.TEAM_HEAD}, 10, "organization", "Đơn vị"
            ),
            NavItem("Năm học", "organization:year_list", SCHOOL_READERS, 90, group="Đơn vị"),
            NavItem("Nhật ký", "audit_log", frozenset({Role.PRINCIPAL}), 95, group="Đơn vị"),
        )
        registry.add_tasks(tasks.setup_tasks)

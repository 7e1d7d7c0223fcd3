from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "thiduakhenthuong.organization"
    label = "organization"
    verbose_name = "Tổ chức"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import tasks
        from .permissions import can_list_staff, can_read_audit, can_read_years

        registry.add_nav(
            NavItem("Cán bộ", "organization:staff_list", can_list_staff, 10, "organization", "Đơn vị"),
            NavItem("Năm học", "organization:year_list", can_read_years, 90, group="Đơn vị"),
            NavItem("Nhật ký", "audit_log", can_read_audit, 95, group="Đơn vị"),
        )
        registry.add_tasks(tasks.setup_tasks)

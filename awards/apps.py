from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import seed, tasks
        from .permissions import can_evaluate, can_read_awards, can_read_eligibility, can_read_registrations

        registry.add_nav(
            NavItem("Hồ sơ thi đua", "awards:my_profile", None, 20, "awards", "Thi đua"),
            NavItem("Sáng kiến", "awards:initiative_list", None, 40, group="Thi đua"),
            NavItem("Đăng ký thi đua", "awards:registration_list", can_read_registrations, 30, group="Thi đua"),
            NavItem("Xét danh hiệu", "awards:school_eligibility", can_read_eligibility, 35, group="Thi đua"),
            NavItem("Đánh giá cuối năm", "awards:evaluation_list", can_evaluate, 50, group="Thi đua"),
            NavItem("Lịch sử khen thưởng", "awards:award_list", can_read_awards, 60, group="Thi đua"),
        )
        registry.add_tasks(tasks.registration_tasks)
        registry.add_tasks(tasks.review_tasks)
        registry.add_tasks(tasks.eligibility_tasks)
        registry.add_demo_seeder(seed.seed_demo)

from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import seed, tasks
        from .permissions import ELIGIBILITY_READERS, EVALUATORS, REGISTRATION_READERS

        registry.add_nav(
            NavItem("Hồ sơ thi đua", "awards:my_profile", None, 20, "awards", "Thi đua"),
            NavItem("Sáng kiến", "awards:initiative_list", None, 40, group="Thi đua"),
            NavItem("Đăng ký thi đua", "awards:registration_list", REGISTRATION_READERS, 30, group="Thi đua"),
            NavItem("Xét danh hiệu", "awards:school_eligibility", ELIGIBILITY_READERS, 35, group="Thi đua"),
            NavItem("Đánh giá cuối năm", "awards:evaluation_list", EVALUATORS, 50, group="Thi đua"),
            NavItem("Lịch sử khen thưởng", "awards:award_list", REGISTRATION_READERS, 60, group="Thi đua"),
        )
        registry.add_tasks(tasks.registration_tasks)
        registry.add_tasks(tasks.review_tasks)
        registry.add_tasks(tasks.eligibility_tasks)
        registry.add_demo_seeder(seed.seed_demo)

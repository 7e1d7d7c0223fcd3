from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import tasks
        from .demo import seed_demo

        registry.add_nav(
            NavItem("Phong trào", "campaigns:campaign_list", None, 15, "campaigns", "Phong trào"),
            NavItem("Kế hoạch TĐKT", "campaigns:plan_list", None, 16, "campaigns", "Phong trào"),
        )
        registry.add_tasks(tasks.campaign_tasks)
        registry.add_demo_seeder(seed_demo)

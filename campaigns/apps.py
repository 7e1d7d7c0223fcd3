from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import tasks

        registry.add_nav(NavItem("Phong trào", "campaigns:campaign_list", None, 20, "campaigns"))
        registry.add_tasks(tasks.campaign_tasks)

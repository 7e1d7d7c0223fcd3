from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "exemplars"
    verbose_name = "Người tốt, việc tốt"

    def ready(self):
        from thiduakhenthuong.core.registry import DemoStage, NavItem, registry

        from . import demo, tasks
        from .permissions import can_draft_year_report

        group = "Người tốt, việc tốt"
        registry.add_nav(
            NavItem("Việc tốt", "exemplars:deed_list", None, 80, "exemplars", group),
            NavItem("Báo việc tốt", "exemplars:deed_report", None, 81, "exemplars", group),
            NavItem("Cuộc thi viết", "exemplars:contest_list", None, 82, "exemplars", group),
            NavItem("Báo cáo năm học", "exemplars:year_report", can_draft_year_report, 83, "exemplars", group),
        )
        registry.add_tasks(tasks.exemplar_tasks)
        # The past year's notable act is commended and sent up when it happens, before the year-end papers.
        registry.add_demo_seeder(demo.seed_past_commendation, stage=DemoStage.REVIEW)
        registry.add_demo_seeder(demo.seed_demo, stage=DemoStage.AFTER)

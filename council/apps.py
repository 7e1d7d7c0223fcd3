from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "Hội đồng"

    def ready(self):
        from thiduakhenthuong.core.registry import DemoStage, NavItem, registry

        from . import demo, tasks
        from .permissions import can_read_councils, can_sit_on_councils

        registry.add_nav(
            NavItem("Hội đồng", "council:council_list", can_read_councils, 76, "council", "Hội đồng"),
            NavItem("Hội đồng của tôi", "council:my_councils", can_sit_on_councils, 77, "council", "Hội đồng"),
        )
        registry.add_tasks(tasks.ballot_tasks)
        registry.add_demo_seeder(demo.seed_demo, stage=DemoStage.COUNCIL)

        from . import scoring_seed, scoring_tasks
        from .permissions import can_read_rubrics

        # scoring (after the council's own entries, seeder and tasks)
        registry.add_nav(NavItem("Bộ tiêu chí chấm điểm", "council:rubric_list", can_read_rubrics, 78, "council",
                                 "Hội đồng"))  # fmt: skip
        registry.add_tasks(scoring_tasks.scoring_tasks)
        registry.add_demo_seeder(scoring_seed.seed_demo, stage=DemoStage.COUNCIL)

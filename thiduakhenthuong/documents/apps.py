from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thiduakhenthuong.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from thiduakhenthuong.core.registry import NavItem, registry

        from . import demo, tasks

        # Every staff member of a school sees the register: the archive's readers all of it, others its signed part.
        registry.add_nav(NavItem("Văn bản", "documents:document_list", None, 60, "documents"))
        registry.add_tasks(tasks.clerk_tasks)
        registry.add_demo_seeder(demo.seed_documents)

from datetime import date
from types import SimpleNamespace

from django.db import connection

from tests.core.test_compiled import WITHOUT_ACCOUNT
from tests.factories import SchoolFactory, StaffFactory, UserFactory
from thiduakhenthuong.core import registry as registry_module
from thiduakhenthuong.core.registry import DemoStage, NavItem, Registry, Task


def _principal_only(staff) -> bool:
    return staff.role == "principal"


def test_menu_groups_entries_that_share_a_label_and_filters_by_predicate():
    registry = Registry()
    registry.add_nav(
        NavItem("Văn bản", "documents:document_list", None, 60),
        NavItem("Cán bộ", "organization:staff_list", _principal_only, 10, "organization", "Đơn vị"),
        NavItem("Năm học", "organization:year_list", _principal_only, 90, group="Đơn vị"),
        NavItem("Nhật ký", "audit_log", _principal_only, 95, group="Đơn vị"),
    )
    menu = registry.nav_for(SimpleNamespace(role="principal"))
    assert [(group.label, [item.label for item in group.items]) for group in menu] == [
        ("Đơn vị", ["Cán bộ", "Năm học", "Nhật ký"]),
        ("Văn bản", ["Văn bản"]),
    ]
    assert menu[0].sections == {"organization"}
    assert [group.label for group in registry.nav_for(SimpleNamespace(role="member"))] == ["Văn bản"]


def test_menu_html_marks_the_active_section_and_is_rendered_once_per_set_of_entries(monkeypatch):
    registry = Registry()
    registry.add_nav(
        NavItem("Văn bản", "documents:document_list", None, 60, "documents"),
        NavItem("Cán bộ", "organization:staff_list", _principal_only, 10, "organization", "Đơn vị"),
        NavItem("Năm học", "organization:year_list", _principal_only, 90, group="Đơn vị"),
    )
    principal, member = SimpleNamespace(role="principal"), SimpleNamespace(role="member")
    rendered = []
    real_render = registry_module.render_to_string
    monkeypatch.setattr(registry_module, "render_to_string", lambda *a, **k: rendered.append(a) or real_render(*a, **k))

    on_documents = registry.menu_html(principal, "documents")
    assert 'class="nav-link text-nowrap active" href="/documents/">Văn bản</a>' in on_documents
    assert 'href="/organization/staff/">Cán bộ</a>' in on_documents
    assert 'href="/organization/years/">Năm học</a>' in on_documents
    assert "dropdown-toggle text-nowrap active" not in on_documents
    on_staff = registry.menu_html(principal, "organization")
    assert "dropdown-toggle text-nowrap active" in on_staff and 'text-nowrap" href="/documents/"' in on_staff
    for_member = registry.menu_html(member, "documents")
    assert "Cán bộ" not in for_member and "/documents/" in for_member
    assert len(rendered) == 3
    # the same entries and section again: served from the process's cache
    assert registry.menu_html(SimpleNamespace(role="principal"), "documents") == on_documents
    assert len(rendered) == 3
    registry.add_nav(NavItem("Nhật ký", "audit_log", _principal_only, 95, group="Đơn vị"))
    assert "Nhật ký" in registry.menu_html(principal, "documents")


def test_demo_seeders_run_by_stage_of_the_year_then_in_the_apps_order():
    registry = Registry()

    def decisions(**kwargs): ...
    def council(**kwargs): ...
    def catalog(**kwargs): ...
    def plan(**kwargs): ...

    registry.add_demo_seeder(decisions, stage=DemoStage.DECISIONS)  # an app listed before the council's
    registry.add_demo_seeder(catalog)
    registry.add_demo_seeder(council, stage=DemoStage.COUNCIL)
    registry.add_demo_seeder(plan)
    assert registry.demo_seeders == [catalog, plan, council, decisions]


def test_the_providers_questions_are_asked_together_round_by_round(db, django_assert_num_queries):
    """Each round, every provider still running has asked its questions; on PostgreSQL one query answers them
    all; each provider gets its own answers, None for a question it did not ask, and returns its tasks."""
    school = SchoolFactory()
    StaffFactory.create_batch(2, school=school, user=None)
    staff = StaffFactory(school=school, role="principal", user=UserFactory())
    asked = []

    def counts(person):
        without, unasked = yield (WITHOUT_ACCOUNT.question("count", school=person.school_id, on=date.today()), None)
        asked.append(("counts", without, unasked))
        return [Task(f"{without} chưa có tài khoản", count=without)]

    def follow_up(person):
        (any_without,) = yield (WITHOUT_ACCOUNT.question("exists", school=person.school_id, on=date.today()),)
        (again,) = yield (WITHOUT_ACCOUNT.question("count", school=person.school_id, on=date.today()),)
        asked.append(("follow_up", any_without, again))
        return [Task("Nhắc lại", urgent=True)]

    def nothing_to_ask(person):
        return []
        yield  # a provider with nothing to ask this person returns before its first question

    registry = Registry()
    for provider in (counts, follow_up, nothing_to_ask):
        registry.add_tasks(provider)
    together = connection.vendor == "postgresql"
    with django_assert_num_queries(2 if together else 3):  # two rounds, or one query a question
        tasks = registry.tasks_for(staff)
    assert asked == [("counts", 2, None), ("follow_up", True, 2)]
    assert [(task.title, task.urgent) for task in tasks] == [("Nhắc lại", True), ("2 chưa có tài khoản", False)]
    assert registry.tasks_for(staff, [nothing_to_ask]) == []

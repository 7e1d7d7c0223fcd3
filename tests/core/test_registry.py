from types import SimpleNamespace

from thiduakhenthuong.core.registry import NavItem, Registry


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

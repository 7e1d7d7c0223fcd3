from thiduakhenthuong.core.registry import NavItem, Registry


def test_menu_groups_entries_that_share_a_label_and_filters_by_role():
    registry = Registry()
    registry.add_nav(
        NavItem("Văn bản", "documents:document_list", None, 60),
        NavItem("Cán bộ", "organization:staff_list", frozenset({"principal"}), 10, "organization", "Đơn vị"),
        NavItem("Năm học", "organization:year_list", frozenset({"principal"}), 90, group="Đơn vị"),
        NavItem("Nhật ký", "audit_log", frozenset({"principal"}), 95, group="Đơn vị"),
    )
    menu = registry.nav_for(frozenset({"principal", "member"}))
    assert [(group.label, [item.label for item in group.items]) for group in menu] == [
        ("Đơn vị", ["Cán bộ", "Năm học", "Nhật ký"]),
        ("Văn bản", ["Văn bản"]),
    ]
    assert menu[0].sections == {"organization"}
    assert [group.label for group in registry.nav_for(frozenset({"member"}))] == ["Văn bản"]

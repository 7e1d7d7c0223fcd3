"""Setup data the administrator keeps: the catalog, its rules per regime, the base salary."""

from django.contrib import admin

from .models import BaseSalary, Title, TitleRule


class TitleRuleInline(admin.TabularInline):
    model = TitleRule
    extra = 0


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scope", "kind", "level", "sort_order", "is_active"]
    list_filter = ["kind", "scope", "level", "is_active"]
    search_fields = ["code", "name"]
    inlines = [TitleRuleInline]


@admin.register(TitleRule)
class TitleRuleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "regime",
        "conferring_level",
        "secret_ballot",
        "approval_threshold",
        "reward_multiple",
    ]
    list_filter = ["regime", "conferring_level", "secret_ballot"]
    list_select_related = ["title", "regime"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]

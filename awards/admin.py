"""Setup data the administrator keeps: the catalog, its rules per regime, the base salary, eligibility figures."""

from django.contrib import admin

from .forms import ELIGIBILITY_FIELDSETS, EligibilityRulesForm
from .models import BaseSalary, EligibilityRules, Title, TitleRule


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


@admin.register(EligibilityRules)
class EligibilityRulesAdmin(admin.ModelAdmin):
    """One row per regime; changes apply to every verdict of the school years judged under that regime."""

    form = EligibilityRulesForm
    list_display = [
        "regime",
        "min_service_months",
        "cstdcs_excellent_rating_suffices",
        "cstdcs_cap_ratio",
        "collective_ltt_min_ratio",
        "collective_ltt_ratio_strict",
    ]
    list_select_related = ["regime"]
    fieldsets = [(None, {"fields": ["regime"]}), *ELIGIBILITY_FIELDSETS]

    def has_delete_permission(self, request, obj=None):
        return False  # a regime without its figures could not be judged

"""Figures set by law, shared by every school: the catalog, its rules per regime, the base salary, eligibility figures.

The deployment's superuser changes them, each change through ``services.save_law_figures`` (an audit row with the
old and new values); a school's administrator reads them.
"""

from django.contrib import admin

from thiduakhenthuong.core.admin_site import SharedDataAdmin

from . import services
from .forms import ELIGIBILITY_FIELDSETS, EligibilityRulesForm
from .models import BaseSalary, EligibilityRules, Title, TitleRule


class LawFiguresAdmin(SharedDataAdmin, admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save_law_figures(actor=request.user, row=obj)

    def delete_model(self, request, obj):
        services.delete_law_figures(actor=request.user, row=obj)

    def delete_queryset(self, request, queryset):
        for row in queryset:
            services.delete_law_figures(actor=request.user, row=row)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            services.save_law_figures(actor=request.user, row=row)
        for row in formset.deleted_objects:
            services.delete_law_figures(actor=request.user, row=row)
        formset.save_m2m()


class TitleRuleInline(SharedDataAdmin, admin.TabularInline):
    model = TitleRule
    extra = 0


@admin.register(Title)
class TitleAdmin(LawFiguresAdmin):
    list_display = ["code", "name", "scope", "kind", "level", "sort_order", "is_active"]
    list_filter = ["kind", "scope", "level", "is_active"]
    search_fields = ["code", "name"]
    inlines = [TitleRuleInline]


@admin.register(TitleRule)
class TitleRuleAdmin(LawFiguresAdmin):
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
class BaseSalaryAdmin(LawFiguresAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]


@admin.register(EligibilityRules)
class EligibilityRulesAdmin(LawFiguresAdmin):
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

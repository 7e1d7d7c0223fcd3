"""Setup data the administrator keeps: the catalog, its rules per regime, the base salary, eligibility figures."""

from django import forms
from django.contrib import admin

from thiduakhenthuong.core.input import ModelForm

from .models import AbsenceKind, BaseSalary, EligibilityRules, Title, TitleRule


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


class EligibilityRulesForm(ModelForm):
    working_time_absence_kinds = forms.MultipleChoiceField(
        label="Thời gian nghỉ được tính là thời gian công tác",
        choices=AbsenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = EligibilityRules
        fields = ["working_time_absence_kinds"]  # the admin adds the others from its fieldsets


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
    fieldsets = [
        (None, {"fields": ["regime"]}),
        (
            "Lao động tiên tiến",
            {
                "fields": [
                    "min_service_months",
                    "ltt_min_rating",
                    "ltt_discipline_min_form",
                    "working_time_absence_kinds",
                ]
            },
        ),
        (
            "Chiến sĩ thi đua",
            {
                "fields": [
                    "cstdcs_excellent_rating_suffices",
                    "cstdcs_cap_ratio",
                    "cstdcs_initiative_min_scope",
                    "cstdt_consecutive_cstdcs",
                    "cstdt_initiative_min_scope",
                    "cstdtq_consecutive_cstdt",
                    "cstdtq_initiative_min_scope",
                ]
            },
        ),
        (
            "Danh hiệu tập thể",
            {
                "fields": [
                    "collective_ltt_min_ratio",
                    "collective_ltt_ratio_strict",
                    "excellent_collective_ltt_min_ratio",
                    "excellent_collective_completed_ratio",
                    "collective_discipline_min_form",
                    "collective_female_preference_ratio",
                ]
            },
        ),
        (
            "Hình thức khen thưởng",
            {
                "fields": [
                    "gk_min_rating",
                    "commendation_initiative_min_scope",
                    "bktp_consecutive_cstdcs",
                    "bktp_consecutive_excellent_years",
                    "bktp_initiatives",
                    "bktp_collective_excellent_years",
                    "bkttg_excellent_years",
                    "bkttg_initiatives",
                ]
            },
        ),
        ("Năm học", {"fields": ["school_year_start_month", "school_year_start_day"]}),
        (
            "Căn cứ pháp lý",
            {
                "fields": [
                    "law_articles",
                    "ltt_detail_source",
                    "working_time_source",
                    "cstdcs_cap_source",
                    "general_conditions_source",
                ]
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # a regime without its figures could not be judged

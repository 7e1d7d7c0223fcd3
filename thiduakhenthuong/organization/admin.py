from django.contrib import admin

from .models import Authority, ClassGroup, LegalRegime, Pupil, School, SchoolYear, Staff, Team


class AuthorityInline(admin.TabularInline):
    model = Authority
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "parent_agency", "place_name"]
    search_fields = ["name", "abbreviation"]
    inlines = [AuthorityInline]


@admin.register(LegalRegime)
class LegalRegimeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "sort_order"]
    list_filter = ["school"]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["full_name", "school", "team", "position", "role", "left_on"]
    list_filter = ["school", "role", "kind"]
    search_fields = ["full_name", "search_name"]
    list_select_related = ["school", "team"]
    raw_id_fields = ["user"]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "start_date", "end_date", "is_current"]
    list_filter = ["school"]


@admin.register(ClassGroup)
class ClassGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "grade", "school_year", "homeroom_teacher"]


@admin.register(Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ["full_name", "class_group"]
    search_fields = ["full_name"]

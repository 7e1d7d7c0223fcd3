"""Setup data in the admin: a school's administrator keeps their own school's rows, the superuser every school's.

Writes that must leave an audit row (a staff member's record and role, school years and which one is current) go
through the same services as the app's pages.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from thiduakhenthuong.core.admin_site import SchoolScopedAdmin, SharedDataAdmin, is_superuser

from . import services
from .models import Authority, ClassGroup, LegalRegime, Pupil, School, SchoolYear, Staff, Team


class AuthorityInline(SchoolScopedAdmin, admin.TabularInline):
    model = Authority
    extra = 0


@admin.register(School)
class SchoolAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "parent_agency", "place_name"]
    search_fields = ["name", "abbreviation"]
    inlines = [AuthorityInline]
    #: A school's administrator corrects their school's particulars; schools are added by the deployment.
    school_admin_can = frozenset({"view", "change"})

    def get_readonly_fields(self, request, obj=None):
        # The abbreviation is part of every document number already issued: only the deployment changes it.
        return [] if is_superuser(request) else ["abbreviation"]


@admin.register(LegalRegime)
class LegalRegimeAdmin(SharedDataAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]


@admin.register(Team)
class TeamAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "school", "sort_order"]
    list_filter = ["school"]


@admin.register(Staff)
class StaffAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "school", "team", "position", "role", "left_on"]
    list_filter = ["school", "role", "kind"]
    search_fields = ["full_name", "search_name"]
    list_select_related = ["school", "team"]
    raw_id_fields = ["user"]

    def get_exclude(self, request, obj=None):
        # Accounts are given on the staff member's page (the password is shown once); a school's administrator
        # never links a staff record to an arbitrary account, and reads the username without a link to the
        # accounts' admin, which is the superuser's.
        return None if is_superuser(request) else ["user"]

    def get_readonly_fields(self, request, obj=None):
        return [] if is_superuser(request) else ["account"]

    @admin.display(description="tài khoản")
    def account(self, obj):
        return obj.user.username if obj and obj.user_id else "—"

    def has_delete_permission(self, request, obj=None):
        return False  # staff who leave are deactivated (ngày thôi việc): their history outlives them

    def save_model(self, request, obj, form, change):
        services.save_staff(actor=request.user, staff=obj)


@admin.register(SchoolYear)
class SchoolYearAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "school", "start_date", "end_date", "is_current"]
    list_filter = ["school"]
    readonly_fields = ["is_current"]
    actions = ["make_current"]

    def save_model(self, request, obj, form, change):
        services.save_year(actor=request.user, year=obj)

    @admin.action(description="Đặt làm năm học hiện tại", permissions=["change"])
    def make_current(self, request, queryset):
        years = list(queryset)
        if len(years) != 1:
            self.message_user(request, "Chọn đúng một năm học.", messages.ERROR)
            return
        try:
            services.set_current_year(actor=request.user, year=years[0])
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, f"Năm học hiện tại: {years[0].name}.")


@admin.register(ClassGroup)
class ClassGroupAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "grade", "school_year", "homeroom_teacher"]


@admin.register(Pupil)
class PupilAdmin(SchoolScopedAdmin, admin.ModelAdmin):
    list_display = ["full_name", "class_group"]
    search_fields = ["full_name"]

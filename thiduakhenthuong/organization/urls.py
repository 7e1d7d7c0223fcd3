from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/export.xlsx", views.staff_export, name="staff_export"),
    path("staff/import/", views.staff_import, name="staff_import"),
    path("staff/import/confirm/", views.staff_import_confirm, name="staff_import_confirm"),
    path("staff/import/template.xlsx", views.staff_import_template, name="staff_import_template"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_update, name="staff_update"),
    path("staff/<int:pk>/account/", views.staff_account_create, name="staff_account_create"),
    path("teams/", views.team_list, name="team_list"),
    path("years/", views.year_list, name="year_list"),
    path("years/<int:pk>/current/", views.year_set_current, name="year_set_current"),
]

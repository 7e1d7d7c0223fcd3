from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_update, name="staff_update"),
    path("teams/", views.team_list, name="team_list"),
    path("years/", views.year_list, name="year_list"),
    path("years/<int:pk>/current/", views.year_set_current, name="year_set_current"),
]

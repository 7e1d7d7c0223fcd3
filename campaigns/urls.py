from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", views.campaign_update, name="campaign_update"),
    path("<int:pk>/launch/", views.campaign_launch, name="campaign_launch"),
    path("<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("<int:pk>/periods/new/", views.period_create, name="period_create"),
    path("<int:pk>/commitment/", views.commitment_edit, name="commitment_edit"),
    path("periods/<int:pk>/edit/", views.period_update, name="period_update"),
    path("periods/<int:pk>/delete/", views.period_delete, name="period_delete"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/sections/<slug:key>/", views.plan_section, name="plan_section"),
    path("plans/<int:pk>/preview/", views.plan_preview_fragment, name="plan_preview"),
    path("plans/<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/pdf/", views.plan_download, name="plan_pdf"),
]

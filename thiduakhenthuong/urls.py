from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thiduakhenthuong.core import views as core_views
from thiduakhenthuong.core.forms import LoginForm, VietnamesePasswordChangeForm

urlpatterns = [
    path("", core_views.dashboard, name="dashboard"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=VietnamesePasswordChangeForm),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("notifications/", core_views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/read/", core_views.notification_read, name="notification_read"),
    path("notifications/read-all/", core_views.notification_read_all, name="notification_read_all"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("audit/export.xlsx", core_views.audit_export, name="audit_export"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("organization/", include("thiduakhenthuong.organization.urls")),
    path("documents/", include("thiduakhenthuong.documents.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("awards/", include("awards.urls")),
    path("council/", include("council.urls")),
    path("exemplars/", include("exemplars.urls")),
    path("admin/", admin.site.urls),
]

"""The Django admin's app, with this project's site (see ``admin_site.SchoolAdminSite``)."""

from django.contrib.admin.apps import AdminConfig


class SchoolAdminConfig(AdminConfig):
    default_site = "thiduakhenthuong.core.admin_site.SchoolAdminSite"

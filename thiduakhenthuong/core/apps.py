from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thiduakhenthuong.core"
    label = "core"
    verbose_name = "Hệ thống"

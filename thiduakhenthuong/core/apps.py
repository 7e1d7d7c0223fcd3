from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "thiduakhenthuong.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        # Each app declares its audit action codes in its own ``audit_actions`` module (like admin.py).
        autodiscover_modules("audit_actions")

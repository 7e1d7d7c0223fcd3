from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "exemplars"
    verbose_name = "Người tốt, việc tốt"

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thiduakhenthuong.documents"
    label = "documents"
    verbose_name = "Văn bản"

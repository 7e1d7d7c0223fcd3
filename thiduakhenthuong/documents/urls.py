from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_update, name="document_update"),
    path("<int:pk>/issue/", views.document_issue, name="document_issue"),
    path("<int:pk>/scan/", views.document_upload_scan, name="document_upload_scan"),
    path("<int:pk>/scan/download/", views.document_scan, name="document_scan"),
    path("<int:pk>/cancel/", views.document_cancel, name="document_cancel"),
    path("<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
]

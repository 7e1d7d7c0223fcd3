from django.urls import path

from . import public, views

app_name = "exemplars"
urlpatterns = [
    path("", views.deed_list, name="deed_list"),
    path("bao/", views.deed_report, name="deed_report"),
    path("<int:pk>/", views.deed_detail, name="deed_detail"),
    path("<int:pk>/sua/", views.deed_edit, name="deed_edit"),
    path("<int:pk>/xac-minh/", views.deed_verify, name="deed_verify"),
    path("<int:pk>/khong-xac-minh/", views.deed_reject, name="deed_reject"),
    path("<int:pk>/an/", views.deed_hide, name="deed_hide"),
    path("<int:pk>/khen-thuong/", views.deed_commend, name="deed_commend"),
    path("anh/<int:pk>/", views.image_view, name="image"),
    path("anh/<int:pk>/xoa/", views.image_remove, name="image_remove"),
    path("cuoc-thi/", views.contest_list, name="contest_list"),
    path("cuoc-thi/moi/", views.contest_create, name="contest_create"),
    path("cuoc-thi/<int:pk>/", views.contest_detail, name="contest_detail"),
    path("cuoc-thi/<int:pk>/sua/", views.contest_edit, name="contest_edit"),
    path("cuoc-thi/<int:pk>/nop-bai/", views.entry_create, name="entry_create"),
    path("cuoc-thi/<int:pk>/danh-sach.pdf", views.contest_print, name="contest_print"),
    path("bai/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("bai/<int:pk>/sua/", views.entry_edit, name="entry_edit"),
    path("bai/<int:pk>/chon/", views.entry_select, name="entry_select"),
    path("bai/tep/<int:pk>/", views.entry_attachment, name="entry_attachment"),
    path("bao-cao/", views.year_report, name="year_report"),
    # public, without login: the school's page of verified deeds, its Atom feed and the deeds' photos
    path("cong-khai/<slug:school>/", public.public_deeds, name="public_deeds"),
    path("cong-khai/<slug:school>/atom.xml", public.public_feed, name="public_feed"),
    path("cong-khai/<slug:school>/anh/<uuid:key>.jpg", public.public_image, name="public_image"),
]

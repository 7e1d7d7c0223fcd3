from django.urls import path

from . import scoring_views as views

urlpatterns = [
    path("meetings/<int:pk>/scoring/", views.scoring_page, name="scoring"),
    path("meetings/<int:pk>/scoring/open/", views.scoring_open, name="scoring_open"),
    path("meetings/<int:pk>/scoring/close/", views.scoring_close, name="scoring_close"),
    path("score-sheets/<int:pk>/", views.score_sheet, name="score_sheet"),
    path("rubrics/", views.rubric_list, name="rubric_list"),
    path("rubrics/defaults/", views.rubric_defaults, name="rubric_defaults"),
    path("rubrics/<int:pk>/", views.rubric_edit, name="rubric_edit"),
    path("rubrics/<int:pk>/copy/", views.rubric_copy, name="rubric_copy"),
]

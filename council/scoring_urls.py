"""Scoring's routes, under their own prefix (``/council/scoring/…``) so that no route of the council's meetings
(``meetings/<id>/<verb>/``) can shadow them."""

from django.urls import path

from . import scoring_views as views

urlpatterns = [
    path("scoring/meetings/<int:pk>/", views.scoring_page, name="scoring"),
    path("scoring/meetings/<int:pk>/open/", views.scoring_open, name="scoring_open"),
    path("scoring/meetings/<int:pk>/close/", views.scoring_close, name="scoring_close"),
    path("scoring/sheets/<int:pk>/", views.score_sheet, name="score_sheet"),
    path("scoring/rubrics/", views.rubric_list, name="rubric_list"),
    path("scoring/rubrics/defaults/", views.rubric_defaults, name="rubric_defaults"),
    path("scoring/rubrics/<int:pk>/", views.rubric_edit, name="rubric_edit"),
    path("scoring/rubrics/<int:pk>/copy/", views.rubric_copy, name="rubric_copy"),
]

from django.urls import path

from . import views
from .scoring_urls import urlpatterns as scoring_urlpatterns

app_name = "council"
# scoring first: its fixed words (meetings/<id>/scoring/) come before the meetings' generic verbs
urlpatterns = [
    *scoring_urlpatterns,  # rubrics, score sheets, the chair's view of the scoring
    path("", views.council_list, name="council_list"),
    path("mine/", views.my_councils, name="my_councils"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/establish/", views.council_establish, name="council_establish"),
    path("<int:pk>/reopen/", views.council_reopen, name="council_reopen"),
    path("<int:pk>/<str:verb>/", views.council_act, name="council_act"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/roll/", views.meeting_roll, name="meeting_roll"),
    path("meetings/<int:pk>/vote/", views.ballot_vote, name="ballot_vote"),
    path("meetings/<int:pk>/close-ballot/", views.ballot_close, name="ballot_close"),
    path("meetings/<int:pk>/<str:verb>/", views.meeting_act, name="meeting_act"),
]

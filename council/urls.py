from .scoring_urls import urlpatterns as scoring_urlpatterns

app_name = "council"
urlpatterns: list = []
urlpatterns += scoring_urlpatterns  # rubrics, score sheets, the chair's view of the scoring

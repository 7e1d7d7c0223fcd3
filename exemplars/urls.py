app_name = "exemplars"
urlpatterns: list = []

from django.urls import path

from . import api, views
from .feeds import SearchFeed

app_name = "archive"

urlpatterns = [
    path("", views.search, name="search"),
    path("", views.search, name="home"),  # the old name, kept for links made before search
    path("api/search", api.api_search, name="api_search"),
    path("api/facet", api.api_facet, name="api_facet"),
    path("export.csv", api.export_csv, name="export"),
    path("feed", SearchFeed(), name="feed"),
    path("searches/save", views.save_search, name="save_search"),
    path("searches/<int:pk>/open", views.open_saved_search, name="open_saved_search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/original", views.article_original, name="original"),
    path("articles/<int:pk>/changes/", views.article_changes, name="changes"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet"),
]

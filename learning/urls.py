from django.urls import path

from learning import network_views, views

app_name = "learning"

urlpatterns = [
    # The district digest and its exports
    path("district/digest/", views.district_digest, name="district_digest"),
    path("district/digest.pdf", views.district_digest_pdf, name="district_digest_pdf"),
    path("district/insights.csv", views.insights_csv, name="insights_csv"),
    # Which schools learned from which, and how one story or insight travelled
    path("district/spread/", views.district_spread, name="district_spread"),
    path("spread/stories/<int:pk>/", views.story_spread, name="story_spread"),
    path("spread/insights/<int:pk>/", views.insight_spread, name="insight_spread"),
    # A collective from a rising theme
    path("district/collective/new/", views.collective_from_theme, name="collective_from_theme"),
    # The knowledge bank
    path("knowledge/", views.knowledge_bank, name="knowledge"),
    # What was shared with a network: its stories, knowledge bank and digest
    path("networks/<int:pk>/stories/", network_views.network_stories, name="network_stories"),
    path("networks/<int:pk>/knowledge/", network_views.network_knowledge,
         name="network_knowledge"),
    path("networks/<int:pk>/digest/", network_views.network_digest, name="network_digest"),
]

from django.urls import path

from feedback import views

urlpatterns = [
    path("", views.report, name="feedback_report"),
    path("thanks/", views.thanks, name="feedback_thanks"),
    path("track/", views.track, name="feedback_track"),
    path("track/logout/", views.log_out, name="feedback_logout"),
]

from django.urls import path

from news.safeguarding import views

urlpatterns = [
    path("help/<int:pk>/<str:placement>/seen.gif", views.seen, name="help_message_seen"),
    path("help/<int:pk>/<str:placement>/", views.follow, name="help_message_follow"),
]

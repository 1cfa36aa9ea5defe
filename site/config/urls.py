from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.caching import public_view
from home import views as home_views
from news.comments import views as comment_views
from news.comments.feeds import LatestCommentsFeed

urlpatterns = [
    path(f"{settings.DJANGO_ADMIN_PATH}/", admin.site.urls),
    path(f"{settings.WAGTAIL_ADMIN_PATH}/", include(wagtailadmin_urls)),
    re_path(r"^documents/\d{20,}/", home_views.document_id_out_of_range),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("comments/feed/", public_view(LatestCommentsFeed()), name="latest_comments_feed"),
    path("comments/unsubscribe/<str:token>/", comment_views.unsubscribe, name="comments_unsubscribe"),
    path("comments/confirm/<str:token>/", comment_views.confirm, name="comments_confirm"),
    path("", include("news.safeguarding.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree; this must come last.
urlpatterns += [path("", include(wagtail_urls))]

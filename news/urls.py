from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, views
from .press import views as press_views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path(pgettext_lazy("url", "sala-de-premsa/"), views.press_room, name="press_room"),
    path(pgettext_lazy("url", "rss/"), feeds.LatestNewsRss(), name="feed_rss"),
    path(pgettext_lazy("url", "atom/"), feeds.LatestNewsAtom(), name="feed_atom"),
    path(pgettext_lazy("url", "tipus/<str:kind>/rss/"), feeds.LatestNewsRss(), name="feed_kind_rss"),
    path(pgettext_lazy("url", "tipus/<str:kind>/atom/"), feeds.LatestNewsAtom(), name="feed_kind_atom"),
    path(pgettext_lazy("url", "etiqueta/<slug:tag>/rss/"), feeds.LatestNewsRss(), name="feed_tag_rss"),
    path(pgettext_lazy("url", "etiqueta/<slug:tag>/atom/"), feeds.LatestNewsAtom(), name="feed_tag_atom"),
    path(
        pgettext_lazy("url", "premsa/baixa/<str:token>/"), press_views.unsubscribe, name="press_unsubscribe"
    ),
    path("<slug:slug>/", views.news_detail, name="detail"),
]

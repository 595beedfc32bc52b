"""The catalogue's public addresses, under /ca/tramits/ (/es/tramites/)."""

from .guides import urls as guides
from .offices import urls as offices
from .opendata import urls as opendata
from .services import urls as services

app_name = "catalog"

urlpatterns = [*services.urlpatterns, *offices.urlpatterns, *guides.urlpatterns, *opendata.urlpatterns]

from django.http import HttpResponse
from django.urls import include, path


def ceiling(request):
    """The least a Django view can do: the benchmark's upper bound for requests per second."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), path("", include("cms.urls"))]

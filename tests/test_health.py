from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_reports_database_and_task_queue(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["task_queue"]["queued"] == 0
    assert body["task_queue"]["status"] in {"ok", "no workers"}


@pytest.mark.django_db
def test_health_is_503_when_the_database_cannot_be_reached(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_health_says_when_the_task_queue_is_down(client):
    with mock.patch("cms.core.views.get_broker", side_effect=ConnectionError("no redis")):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["task_queue"] == {"status": "down"}

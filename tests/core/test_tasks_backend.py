"""Django's task framework (Wagtail's own background work) runs on django-q2."""

from unittest import mock

import pytest
from django.test import override_settings
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.models import Task as QTask
from django_q.signing import SignedPackage
from django_tasks import TaskResultStatus, task_backends
from wagtail.models import ReferenceIndex
from wagtail.tasks import update_reference_index_task

from cms.core.tasks_backend import DjangoQ2Backend, run_django_task
from cms.home.models import StandardPage

Q2_TASKS = {"default": {"BACKEND": "cms.core.tasks_backend.DjangoQ2Backend"}}


@pytest.fixture
def queued_not_run():
    """The test settings run django-q2 tasks at once (sync); here they wait in the queue."""
    # django-q2 reads its settings once, at import, so override_settings cannot change them.
    with mock.patch.object(Conf, "SYNC", False):
        yield


@pytest.fixture
def linking_page(home_page):
    """A page whose body links to the home page, so the reference index has work to do."""
    page = StandardPage(
        title="Links home",
        slug="links-home",
        body=[("action_link", {"text": "Home", "internal_page": home_page})],
    )
    home_page.add_child(instance=page)
    ReferenceIndex.objects.all().delete()
    return page


def _references_from(page):
    return ReferenceIndex.get_references_for_object(page)


@pytest.mark.django_db
@override_settings(TASKS=Q2_TASKS)
def test_wagtail_tasks_are_queued_on_the_django_q2_broker(
    linking_page, queued_not_run, django_capture_on_commit_callbacks
):
    assert isinstance(task_backends["default"], DjangoQ2Backend)

    with django_capture_on_commit_callbacks(execute=True):
        result = update_reference_index_task.enqueue("home", "standardpage", linking_page.pk)

    assert result.status == TaskResultStatus.READY
    queued = list(OrmQ.objects.all())
    assert len(queued) == 1
    package = SignedPackage.loads(queued[0].payload)
    assert package["func"] is run_django_task
    assert package["args"][0] == "wagtail.tasks.update_reference_index_task"
    assert package["args"][1] == result.id
    assert not _references_from(linking_page).exists(), "nothing runs until a worker takes it"


@pytest.mark.django_db
@override_settings(TASKS=Q2_TASKS)
def test_a_queued_task_does_its_work_when_a_worker_runs_it_even_twice(
    linking_page, queued_not_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update_reference_index_task.enqueue("home", "standardpage", linking_page.pk)
    package = SignedPackage.loads(OrmQ.objects.get().payload)

    # Delivery is at least once: a worker may run the same package twice.
    package["func"](*package["args"], **package["kwargs"])
    package["func"](*package["args"], **package["kwargs"])

    assert _references_from(linking_page).count() == 1


@pytest.mark.django_db
@override_settings(TASKS=Q2_TASKS)
def test_django_q2_records_the_outcome_of_each_task(
    linking_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        update_reference_index_task.enqueue("home", "standardpage", linking_page.pk)

    recorded = QTask.objects.get()
    assert recorded.success is True
    assert recorded.name.startswith("update_reference_index_task:")
    assert _references_from(linking_page).count() == 1


@pytest.mark.django_db
@override_settings(TASKS=Q2_TASKS)
def test_a_task_waits_for_the_transaction_that_queued_it(
    linking_page, queued_not_run, django_capture_on_commit_callbacks
):
    """A worker (Redis hands tasks over at once) must find the rows the task is about."""
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        update_reference_index_task.enqueue("home", "standardpage", linking_page.pk)
        assert not OrmQ.objects.exists()

    assert len(waiting) == 1
    waiting[0]()
    assert OrmQ.objects.count() == 1


def test_run_django_task_refuses_anything_that_is_not_a_task():
    with pytest.raises(TypeError):
        run_django_task("os.getcwd", "result-id", [], {})

"""Route Django's task framework (used by Wagtail 8 itself) onto django-q2.

Wagtail enqueues its own background work (reference index updates, file
deletion, image renditions) through ``django_tasks``. Production runs one kind
of worker, django-q2's ``qcluster``, so this backend hands every such task to
django-q2, which runs it through :func:`run_django_task`.

Delivery is at least once: a worker that dies mid-task has its task re-queued,
so every task sent through here must be safe to run twice.

Tasks are handed over once the transaction that queued them commits: with Redis as the
broker a worker can start a task within milliseconds, before the row it works on (a
document just uploaded, a page just saved) is visible to it.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.tasks import async_task
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskContext, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class DjangoQ2Backend(BaseTaskBackend):
    """A django-tasks backend that enqueues onto django-q2's broker."""

    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        # Only JSON-safe values cross the queue (TaskResult has normalised them), so a
        # task queued by one version of the code can be run by the next.
        transaction.on_commit(
            partial(
                async_task,
                run_django_task,
                task.module_path,
                result.id,
                result.args,
                result.kwargs,
                task_name=f"{task.name}:{result.id}",
            )
        )
        return result


def run_django_task(module_path: str, result_id: str, args: list, kwargs: dict):
    """Run one django-tasks task inside a django-q2 worker."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a django-tasks task")
    if task.takes_context:
        now = timezone.now()
        context_result = TaskResult(
            task=task,
            id=result_id,
            status=TaskResultStatus.RUNNING,
            enqueued_at=None,
            started_at=now,
            last_attempted_at=now,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=task.backend,
            errors=[],
            worker_ids=["django-q2"],
        )
        return task.call(TaskContext(task_result=context_result), *args, **kwargs)
    return task.call(*args, **kwargs)

"""Marking a training module's knowledge check.

Plain functions on plain values: the page and its form only call them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cms.core.dates import add_months


@dataclass(frozen=True)
class Question:
    """One knowledge-check question, numbered from 1 as people see it."""

    number: int
    text: str
    options: tuple[str, ...]
    correct_index: int | None
    explanation: str

    @property
    def correct_answer(self) -> str:
        if self.correct_index is None:
            return ""
        return self.options[self.correct_index]


@dataclass(frozen=True)
class QuestionResult:
    """How one question was answered."""

    question: Question
    chosen_index: int | None

    @property
    def is_correct(self) -> bool:
        return self.chosen_index is not None and self.chosen_index == self.question.correct_index

    @property
    def chosen_answer(self) -> str:
        if self.chosen_index is None or not 0 <= self.chosen_index < len(self.question.options):
            return ""
        return self.question.options[self.chosen_index]


@dataclass(frozen=True)
class KnowledgeCheckResult:
    """The marked knowledge check: a score, and whether it reaches the pass mark."""

    question_results: tuple[QuestionResult, ...]
    pass_mark: int

    @property
    def score(self) -> int:
        """How many questions were answered correctly."""
        return sum(1 for result in self.question_results if result.is_correct)

    @property
    def total(self) -> int:
        return len(self.question_results)

    @property
    def percentage(self) -> int:
        """The score as a whole-number percentage (rounded half up), for showing people."""
        if not self.total:
            return 0
        return (200 * self.score + self.total) // (2 * self.total)

    @property
    def passed(self) -> bool:
        """True when the exact score reaches the pass mark: 4 out of 5 passes at 80%."""
        return self.total > 0 and self.score * 100 >= self.pass_mark * self.total


def knowledge_check_questions(module) -> list[Question]:
    """The questions of a training module's knowledge check, in order, numbered from 1."""
    questions = []
    for child in module.knowledge_check:
        if child.block_type != "question":
            continue
        value = child.value
        options = [(option["text"], bool(option["is_correct"])) for option in value["options"]]
        correct = [index for index, (_text, is_correct) in enumerate(options) if is_correct]
        questions.append(
            Question(
                number=len(questions) + 1,
                text=value["question"],
                options=tuple(text for text, _is_correct in options),
                correct_index=correct[0] if len(correct) == 1 else None,
                explanation=value["explanation"],
            )
        )
    return questions


def mark_knowledge_check(*, module, answers: Mapping[int, int | None]) -> KnowledgeCheckResult:
    """Mark answers to ``module``'s knowledge check against its pass mark.

    ``answers`` maps each question's number (1 for the first) to the index of the
    answer chosen (0 for the first answer listed). A question left out, or answered
    with an index that does not exist, counts as wrong. A module with no questions
    gives a result with nothing to pass.
    """
    question_results = tuple(
        QuestionResult(question=question, chosen_index=answers.get(question.number))
        for question in knowledge_check_questions(module)
    )
    return KnowledgeCheckResult(question_results=question_results, pass_mark=module.pass_mark)


def renewal_date(completed_on: dt.date, renewal_months: int | None) -> dt.date | None:
    """When a completion on ``completed_on`` must be renewed by: ``renewal_months`` later
    (the month's last day when that month is shorter), or None if it never needs renewing."""
    return add_months(completed_on, renewal_months) if renewal_months else None


class TrainingError(Exception):
    """A completion that cannot be recorded, with a message to show the coordinator."""


def record_completion(*, user, module, percentage: int, today: dt.date | None = None):
    """Record that ``user`` passed ``module``'s knowledge check online today.

    Passing again the same day changes nothing. The completion is due for renewal after
    the module's renewal period, if it has one.
    """
    from .models import CompletionMethod, TrainingCompletion

    today = today or timezone.localdate()
    completion, _ = TrainingCompletion.objects.get_or_create(
        user=user,
        module=module,
        completed_on=today,
        defaults={
            "expires_on": renewal_date(today, module.renewal_months),
            "score_percentage": percentage,
            "method": CompletionMethod.KNOWLEDGE_CHECK,
        },
    )
    return completion


ATTENDANCE_FORMATS = ("face_to_face", "mixed")


def record_attendance(*, users, module, completed_on: dt.date, by, today: dt.date | None = None):
    """Record that each of ``users`` attended a face-to-face session of ``module``.

    ``by`` is the coordinator recording it. A person who already has a completion of this
    module on that day keeps it as it is. Refuses modules taught only online and dates in
    the future. Returns the new completions.
    """
    from .models import CompletionMethod, TrainingCompletion

    today = today or timezone.localdate()
    if module.format not in ATTENDANCE_FORMATS:
        raise TrainingError(
            f"'{module.title}' is taken online: people complete it by passing its knowledge check."
        )
    if completed_on > today:
        raise TrainingError("The date they attended cannot be in the future.")
    created = []
    for user in users:
        completion, made = TrainingCompletion.objects.get_or_create(
            user=user,
            module=module,
            completed_on=completed_on,
            defaults={
                "expires_on": renewal_date(completed_on, module.renewal_months),
                "method": CompletionMethod.ATTENDANCE,
                "recorded_by": by,
            },
        )
        if made:
            created.append(completion)
    return created


def current_completions(*, user_ids, modules, today: dt.date | None = None) -> dict[int, set[int]]:
    """For each of these people, the ids of ``modules`` they have a current (unexpired)
    completion for: one query however many people."""
    from .models import TrainingCompletion

    today = today or timezone.localdate()
    current: dict[int, set[int]] = {}
    rows = (
        TrainingCompletion.objects.filter(user_id__in=list(user_ids), module__in=modules)
        .exclude(expires_on__lt=today)
        .values_list("user_id", "module_id")
    )
    for user_id, module_id in rows:
        current.setdefault(user_id, set()).add(module_id)
    return current


# --- Compliance: where each module stands for one person ------------------------------------

# A completion whose renewal date falls within this many days is "expiring soon".
EXPIRING_WITHIN_DAYS = 30
# Induction modules are due this many months after the person became active.
INDUCTION_MONTHS = 1


class ModuleStatus(StrEnum):
    DONE = "done"
    EXPIRING = "expiring"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    ModuleStatus.DONE: "Done",
    ModuleStatus.EXPIRING: "Renew in the next 30 days",
    ModuleStatus.DUE: "To do",
    ModuleStatus.OVERDUE: "Overdue",
}


@dataclass(frozen=True)
class ModuleRecord:
    """Where one module stands for one person on a given day."""

    module: object
    status: ModuleStatus
    mandatory: bool
    completion: object | None = None
    due_on: dt.date | None = None

    @property
    def needs_attention(self) -> bool:
        """A module their role needs that is not done, or needs renewing soon. Optional
        modules never need attention: nobody is chased for training they chose."""
        return self.mandatory and self.status != ModuleStatus.DONE


def induction_due_on(became_active_on: dt.date | None) -> dt.date | None:
    """Induction modules are due within a month of the day someone became active."""
    if became_active_on is None:
        return None
    return add_months(became_active_on, INDUCTION_MONTHS)


def module_record(
    *,
    module,
    completion,
    mandatory: bool,
    became_active_on: dt.date | None,
    today: dt.date,
) -> ModuleRecord:
    """Classify one module for one person.

    ``completion`` is their latest completion of it (or None). A completion counts up to
    and including its renewal date. Within ``EXPIRING_WITHIN_DAYS`` of that date it is
    expiring; after it, a mandatory module is overdue and an optional one is to do again.
    A mandatory module never completed is overdue once its due date has passed: a month
    after becoming active for induction modules; other modules have no date and are to do.
    """
    if completion is not None:
        renew_on = completion.expires_on
        if renew_on is None or renew_on >= today:
            soon = renew_on is not None and renew_on <= today + dt.timedelta(
                days=EXPIRING_WITHIN_DAYS
            )
            status = ModuleStatus.EXPIRING if soon else ModuleStatus.DONE
            return ModuleRecord(module, status, mandatory, completion, renew_on)
        status = ModuleStatus.OVERDUE if mandatory else ModuleStatus.DUE
        return ModuleRecord(module, status, mandatory, completion, renew_on)
    due_on = induction_due_on(became_active_on) if module.mandatory_at_induction else None
    status = ModuleStatus.OVERDUE if due_on is not None and due_on < today else ModuleStatus.DUE
    return ModuleRecord(module, status, mandatory, None, due_on)


def is_mandatory(module, role_ids: set[int]) -> bool:
    """Whether ``module`` must be completed by someone holding the roles ``role_ids``.

    Reads ``module.mandatory_for_roles.all()``: prefetch it on lists.
    """
    return any(role.pk in role_ids for role in module.mandatory_for_roles.all())


def training_records(
    *,
    modules,
    completions,
    role_ids: set[int],
    became_active_on: dt.date | None,
    today: dt.date,
) -> list[ModuleRecord]:
    """Every module that matters to one person: each mandatory module for their roles,
    and any other module they have completed, each classified by ``module_record``.

    ``completions`` are the person's completions, in any order: the latest per module
    counts. Sorted with the most urgent first, then by due date and title.
    """
    latest: dict[int, object] = {}
    for completion in completions:
        held = latest.get(completion.module_id)
        if held is None or (completion.completed_on, completion.pk) > (
            held.completed_on,
            held.pk,
        ):
            latest[completion.module_id] = completion
    records = []
    for module in modules:
        mandatory = is_mandatory(module, role_ids)
        completion = latest.get(module.pk)
        if not mandatory and completion is None:
            continue
        records.append(
            module_record(
                module=module,
                completion=completion,
                mandatory=mandatory,
                became_active_on=became_active_on,
                today=today,
            )
        )
    return sorted(records, key=_urgency)


STATUS_ORDER = {
    ModuleStatus.OVERDUE: 0,
    ModuleStatus.EXPIRING: 1,
    ModuleStatus.DUE: 2,
    ModuleStatus.DONE: 3,
}


def _urgency(record: ModuleRecord):
    return (
        STATUS_ORDER[record.status],
        record.due_on or dt.date.max,
        record.module.title,
    )


def _day(day: dt.date) -> str:
    return date_format(day, "j F Y")


# --- Reminders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """One message to send about one module, with the key that makes it go once."""

    key: str
    subject: str
    body: str


def reminder_for(record: ModuleRecord) -> Reminder | None:
    """The reminder a record calls for, if any.

    Mandatory modules that are expiring or overdue get one. The key names the
    module and the date it is due, so running the reminders again (or twice at once)
    sends nothing new, while a later renewal date gets its own reminder.
    """
    module = record.module
    if not record.mandatory:
        return None
    if record.status == ModuleStatus.EXPIRING and record.due_on is not None:
        return Reminder(
            key=f"training-expiring:{module.pk}:{record.due_on.isoformat()}",
            subject=f"Time to renew your training: {module.title}",
            body=(
                f"Your '{module.title}' training needs renewing by "
                f"{_day(record.due_on)}. You can take it again at any time before then. "
                "Your training record shows what is due."
            ),
        )
    if record.status == ModuleStatus.OVERDUE:
        due = record.due_on.isoformat() if record.due_on else "none"
        when = f" It was due on {_day(record.due_on)}." if record.due_on else ""
        return Reminder(
            key=f"training-overdue:{module.pk}:{due}",
            subject=f"Training to do: {module.title}",
            body=(
                f"Your role needs the '{module.title}' training.{when} "
                "Please complete it as soon as you can, or tell the involvement team if "
                "you need help or a different format."
            ),
        )
    return None


def send_training_reminders(*, today: dt.date | None = None) -> int:
    """Tell each active member about training expiring within 30 days or overdue; not
    members who have paused their involvement (they hear once the pause ends).

    Safe to run twice: ``notify`` sends once per key. Returns how many reminders were
    due (sent now or before).
    """
    from cms.notifications.models import Topic
    from cms.notifications.services import notify
    from cms.wellbeing.selectors import paused_member_ids

    from . import selectors

    today = today or timezone.localdate()
    url = reverse("members:training:index")
    paused = set(paused_member_ids(on=today).values_list("member_id", flat=True))
    count = 0
    for member, records in selectors.active_members_training(today=today):
        if member.pk in paused:
            continue
        for record in records:
            reminder = reminder_for(record)
            if reminder is None:
                continue
            notify(
                recipient=member.user,
                topic=Topic.TRAINING,
                key=reminder.key,
                subject=reminder.subject,
                body=reminder.body,
                url=url,
            )
            count += 1
    return count

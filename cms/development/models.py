"""A member's personal development plan: goals with actions, reflections, and reviews
held with a supervisor or a mentor.

The member owns it and is the only one who changes it (apart from reviews, which a
supervisor or mentor may add). It is read by the member's supervisor, their mentors in
active pairs and coordinators; :func:`plan_members_for` decides that in one place and
every ``for_user`` method below uses it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.users.access import is_coordinator


def plan_members_for(user):
    """The members whose plans ``user`` may read.

    Their own; their supervisees'; their mentees' while the pair is active; everyone's
    for coordinators. Editors, finance staff and visitors get none.
    """
    from cms.mentoring.models import PairStatus

    if not user.is_authenticated or not user.is_active:
        return MemberProfile.objects.none()
    if is_coordinator(user):
        return MemberProfile.objects.all()
    return MemberProfile.objects.filter(
        Q(user=user)
        | Q(supervisor=user)
        | Q(pairs_as_mentee__mentor__user=user, pairs_as_mentee__status=PairStatus.ACTIVE)
    ).distinct()


class PlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Records of the plans ``user`` may read (see :func:`plan_members_for`)."""
        return self.filter(member__in=plan_members_for(user).values("pk"))


class DevelopmentGoal(models.Model):
    """Something the member wants to learn or do, why, and by when."""

    member = models.ForeignKey(
        MemberProfile, on_delete=models.CASCADE, related_name="development_goals"
    )
    what = models.CharField(max_length=200)
    why = models.TextField(blank=True)
    by_when = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["by_when", "created_at", "pk"]

    def __str__(self):
        return self.what


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(goal__member__in=plan_members_for(user).values("pk"))


class DevelopmentAction(models.Model):
    """One step towards a goal."""

    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description


class Reflection(models.Model):
    """A dated note in the member's own words: what went well, what they learned."""

    member = models.ForeignKey(
        MemberProfile, on_delete=models.CASCADE, related_name="development_reflections"
    )
    written_on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return f"Reflection on {self.written_on:%d %B %Y}"


class PlanReview(models.Model):
    """A review of the plan with a supervisor or mentor: when, with whom, what was agreed."""

    class With(models.TextChoices):
        SUPERVISOR = "supervisor", "Supervisor"
        MENTOR = "mentor", "Mentor"

    member = models.ForeignKey(
        MemberProfile, on_delete=models.CASCADE, related_name="development_reviews"
    )
    held_on = models.DateField()
    held_with = models.CharField(max_length=20, choices=With.choices)
    reviewer_name = models.CharField(max_length=200)
    agreed = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Plan review on {self.held_on:%d %B %Y}"

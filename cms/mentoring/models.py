"""Mentoring: who is willing to mentor, the pairs coordinators propose, and what each pair
shares: goals and the sessions they log.

A pair's status moves only through ``services.move_pair`` (see ``services.TRANSITIONS``),
each move kept as a ``PairChange``. What anyone may see goes through the ``for_user``
queryset methods here: a member sees the pairs they are in, coordinators see all, and
editors, finance staff and visitors see nothing.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cms.users.access import is_coordinator


class MentorProfileQuerySet(models.QuerySet):
    def for_user(self, user) -> "MentorProfileQuerySet":
        """Coordinators see every mentor's record; a member only their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(member__user=user)


class MentorProfile(models.Model):
    """A member who is willing to mentor, and how many mentees they can take on at once."""

    member = models.OneToOneField(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="mentor_profile"
    )
    is_willing = models.BooleanField(
        "willing to mentor",
        default=True,
        help_text="Untick if they would rather not be suggested as a mentor for now.",
    )
    capacity = models.PositiveSmallIntegerField(
        "most mentees at once",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How many mentees they can support at the same time, counting paused pairs.",
    )
    note = models.TextField(
        blank=True,
        help_text="For coordinators: what they would like to help with, or anything to bear in mind.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        ordering = ["member__user__first_name", "member__user__last_name"]

    def __str__(self):
        return f"Mentor: {self.member}"


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"
    DECLINED = "declined", "Declined"


# Pairs that count against a mentor's capacity.
OPEN_STATUSES = [PairStatus.PROPOSED, PairStatus.ACTIVE, PairStatus.PAUSED]


class PairQuerySet(models.QuerySet):
    def for_user(self, user) -> "PairQuerySet":
        """The pairs ``user`` may see: the ones they are in, or all for coordinators.

        Editors and finance staff are not in any pair, so they see none; visitors none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(Q(mentor__user=user) | Q(mentee__user=user))

    def open(self) -> "PairQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class MentoringPair(models.Model):
    """A mentor and a mentee, proposed by a coordinator and accepted by both."""

    mentor = models.ForeignKey(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="pairs_as_mentor"
    )
    mentee = models.ForeignKey(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="pairs_as_mentee"
    )
    status = models.CharField(
        max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reasons = models.TextField(
        blank=True, help_text="Why the coordinator suggested this pair, shown to both of them."
    )
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="mentoring_pair_not_self"
            )
        ]

    def __str__(self):
        return f"{self.mentor} mentoring {self.mentee}"

    def role_of(self, user) -> str:
        """'mentor', 'mentee' or '' for ``user`` in this pair."""
        if self.mentor.user_id == user.pk:
            return "mentor"
        if self.mentee.user_id == user.pk:
            return "mentee"
        return ""

    def other_person(self, user):
        """The other member of the pair, seen from ``user``."""
        return self.mentee if self.mentor.user_id == user.pk else self.mentor

    def has_accepted(self, user) -> bool:
        role = self.role_of(user)
        return bool(getattr(self, f"{role}_accepted_at", None)) if role else False


class PairChange(models.Model):
    """One move of a pair: dated, attributed and kept."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=PairStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PairStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or 'New'} → {self.get_to_status_display()}"


class SharedQuerySet(models.QuerySet):
    def for_user(self, user):
        """Records of the pairs ``user`` may see; a mentor sees only their own mentees'."""
        return self.filter(pair__in=MentoringPair.objects.for_user(user))


class SharedGoal(models.Model):
    """A goal the mentor and mentee agreed to work on together."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    achieved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class MeetingMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"


class SessionQuerySet(SharedQuerySet):
    def awaiting_confirmation_by(self, user):
        """Sessions the other person logged that ``user`` has not confirmed yet."""
        return (
            self.filter(Q(pair__mentor__user=user) | Q(pair__mentee__user=user))
            .filter(confirmed_at__isnull=True)
            .exclude(logged_by=user)
        )


class MentoringSession(models.Model):
    """A meeting of the pair, logged by one of them and confirmed by the other."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    method = models.CharField(max_length=20, choices=MeetingMethod.choices)
    notes = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Mentoring session on {self.held_on:%d %B %Y}"

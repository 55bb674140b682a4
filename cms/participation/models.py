"""Taking part: expressions of interest, selection, attendance and feedback both ways."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.badges.storage import private_storage
from cms.core.crypto import EncryptedTextField
from cms.members.models import MemberProfile
from cms.opportunities.models import OpportunityPage, OpportunitySession


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    WAITING = "waiting", "On the waiting list"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INVITED = "invited", "Invited"
    SELECTED = "selected", "Selected"
    CONFIRMED = "confirmed", "Confirmed"
    NOT_SELECTED = "not_selected", "Not selected this time"
    WITHDRAWN = "withdrawn", "Withdrawn"


class InterestQuerySet(models.QuerySet):
    def for_user(self, user) -> "InterestQuerySet":
        """A member's own interests; coordinators and administrators see everyone's."""
        return self.filter(member__in=MemberProfile.objects.for_user(user))

    def taking_part(self) -> "InterestQuerySet":
        return self.filter(status__in=[InterestStatus.SELECTED, InterestStatus.CONFIRMED])


class Interest(models.Model):
    """One member's expression of interest in one opportunity, and where it stands."""

    member = models.ForeignKey(MemberProfile, on_delete=models.CASCADE, related_name="interests")
    opportunity = models.ForeignKey(
        OpportunityPage, on_delete=models.CASCADE, related_name="interests"
    )
    status = models.CharField(
        max_length=20, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    message = models.TextField(blank=True)
    adjustments = EncryptedTextField(
        blank=True, help_text="What this person needs to take part in this opportunity."
    )
    formats = models.JSONField(default=list, blank=True)
    sessions = models.ManyToManyField(OpportunitySession, blank=True, related_name="interests")
    waiting_since = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(
        blank=True, help_text="Shown to the person: say kindly why, and what else they could do."
    )
    invited_by_coordinator = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "opportunity"], name="one_interest_each")
        ]
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.member} – {self.opportunity.title}"


class InterestChange(models.Model):
    """One move of an interest: dated, attributed, and told to the person once."""

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=InterestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=InterestStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


def new_check_in_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class SessionCheckIn(models.Model):
    """The code members enter (or scan) at the door to record that they came."""

    session = models.OneToOneField(
        OpportunitySession, on_delete=models.CASCADE, related_name="check_in"
    )
    code = models.CharField(max_length=12, unique=True, default=new_check_in_code)

    def __str__(self):
        return f"Check-in code for {self.session}"


class Attendance(models.Model):
    """Whether a selected member came to a session, and the hours it counts for."""

    class Method(models.TextChoices):
        COORDINATOR = "coordinator", "Recorded by a coordinator"
        CHECK_IN = "check_in", "Checked in with the session code"

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(
        OpportunitySession, on_delete=models.CASCADE, related_name="attendance"
    )
    attended = models.BooleanField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    method = models.CharField(max_length=20, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interest", "session"], name="one_attendance_each")
        ]

    def __str__(self):
        return f"{'Attended' if self.attended else 'Did not attend'}: {self.session}"


class SessionPaper(models.Model):
    """A paper for a session, shown only to the people selected for it."""

    session = models.ForeignKey(OpportunitySession, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200, help_text="What the paper is, in a few words.")
    file = models.FileField(upload_to="session-papers/", storage=private_storage)
    published_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return self.title


class Feedback(models.Model):
    """A member's feedback on a session they attended, and the coordinator's reply.

    When ``anonymous`` is set, coordinators' views never show who gave it; the link to
    the person is kept only so they can read the reply themselves.
    """

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    attendance = models.OneToOneField(Attendance, on_delete=models.CASCADE, related_name="feedback")
    felt_valued = models.CharField(max_length=10, choices=Answer.choices)
    papers_in_time = models.CharField(max_length=10, choices=Answer.choices)
    adjustments_met = models.CharField(max_length=10, choices=Answer.choices)
    knows_what_happens_next = models.CharField(max_length=10, choices=Answer.choices)
    comments = models.TextField(blank=True)
    anonymous = models.BooleanField(default=False)
    given_at = models.DateTimeField(default=timezone.now)
    reply = models.TextField(blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]

    def __str__(self):
        return f"Feedback on {self.attendance.session}"


class SentReminder(models.Model):
    """A reminder that has gone out, so a task run twice sends it once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key

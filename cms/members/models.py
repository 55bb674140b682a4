"""The members area's records: roles, each person's application and profile, their history."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.core.crypto import EncryptedCharField, EncryptedTextField
from cms.users.access import is_coordinator

from .choices import (
    LivedExperience,
    NoticeNeeded,
    PaymentPreference,
    RolePreference,
    Status,
)


class InvolvementRole(index.Indexed, models.Model):
    """A role an expert by experience can hold: it decides checks and mandatory training."""

    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="For example 'Expert by experience (volunteer)' or 'Interview panel member'.",
    )
    description = models.TextField(
        blank=True, help_text="What someone in this role does, in plain English."
    )
    is_paid = models.BooleanField(
        default=False, help_text="Tick if people in this role are paid for their involvement."
    )
    needs_dbs_check = models.BooleanField(
        "needs a DBS check",
        default=False,
        help_text="Tick if this role works with children or adults at risk and needs a DBS check.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("is_paid"),
        FieldPanel("needs_dbs_check"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "involvement role"

    def __str__(self):
        return self.name


def new_calendar_feed_key() -> str:
    return secrets.token_urlsafe(24)


class MemberQuerySet(models.QuerySet):
    def for_user(self, user) -> "MemberQuerySet":
        """The records ``user`` may see: their own, or everyone's for coordinators.

        Every member-record view and export goes through this; an id in a URL is looked
        up inside it, so another member, an editor or finance staff get nothing.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(user=user)

    def in_bank(self) -> "MemberQuerySet":
        """Active members: the involvement bank."""
        return self.filter(status=Status.ACTIVE)


class MemberProfile(models.Model):
    """One person's record in the programme: their application, then their profile.

    It starts as a draft application when someone begins applying, moves through
    recruitment (see ``services.TRANSITIONS``) and, once active, is their entry in the
    involvement bank. Equality monitoring answers are kept apart, in
    ``EqualityMonitoring``, and never shown against a name.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(default=timezone.now)
    completed_sections = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    # About you
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)

    # Lived experience and expertise
    lived_experience = models.CharField(max_length=20, choices=LivedExperience.choices, blank=True)
    expertise = models.ManyToManyField("taxonomy.ServiceArea", blank=True, related_name="experts")
    lived_experience_note = EncryptedTextField(blank=True)

    # Skills
    skills = models.TextField(blank=True)
    biography = models.TextField(blank=True)

    # How you would like to be involved
    involvement_types = models.JSONField(default=list, blank=True)
    involvement_levels = models.JSONField(default=list, blank=True)
    role_preference = models.CharField(max_length=20, choices=RolePreference.choices, blank=True)

    # Availability
    available_days = models.JSONField(default=list, blank=True)
    available_times = models.JSONField(default=list, blank=True)
    notice_needed = models.CharField(max_length=20, choices=NoticeNeeded.choices, blank=True)

    # Communication and access needs
    formats = models.JSONField(default=list, blank=True)
    # Health and access needs: encrypted at rest (docs/privacy.md).
    meeting_support = EncryptedTextField(blank=True)
    reasonable_adjustments = EncryptedTextField(blank=True)
    needs_replacement_care = models.BooleanField(null=True, blank=True)

    # Contact and payment
    contact_methods = models.JSONField(default=list, blank=True)
    payment_preference = models.CharField(
        max_length=20, choices=PaymentPreference.choices, blank=True
    )

    # Emergency contact
    emergency_contact_name = models.CharField(max_length=120, blank=True)
    emergency_contact_relationship = models.CharField(max_length=60, blank=True)
    emergency_contact_phone = models.CharField(max_length=40, blank=True)

    # Consent
    agreed_to_privacy_notice = models.BooleanField(default=False)
    consented_to_health_data = models.BooleanField(default=False)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)

    # Recruitment checklist, kept by coordinators
    roles = models.ManyToManyField(InvolvementRole, blank=True, related_name="members")
    references_received_on = models.DateField(null=True, blank=True)
    dbs_certificate_number = EncryptedCharField(
        "DBS certificate number",
        max_length=20,
        blank=True,
        help_text="The number only: never store an image of the certificate.",
    )
    dbs_checked_on = models.DateField("DBS checked on", null=True, blank=True)
    induction_completed_on = models.DateField(null=True, blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervisees",
    )
    trial_period_ends_on = models.DateField(null=True, blank=True)

    # The secret part of the member's personal calendar address; a new one revokes the old.
    calendar_feed_key = models.CharField(max_length=40, default=new_calendar_feed_key)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_at"]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            # The coordinators' applications list opens newest first: without this it
            # sorts every member on each view.
            models.Index(fields=["submitted_at"], name="members_applications_by_sent"),
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    @property
    def needs_dbs_check(self) -> bool:
        return any(role.needs_dbs_check for role in self.roles.all())


class StatusChange(models.Model):
    """One move through recruitment: dated, attributed, kept as history."""

    member = models.ForeignKey(MemberProfile, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=30, choices=Status.choices)
    to_status = models.CharField(max_length=30, choices=Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why staff moved the application (it can name health or personal circumstances).
    reason = EncryptedTextField(blank=True)
    # Set by the notification task once the person has been told, so a task run twice
    # sends one message.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class SupervisionReview(models.Model):
    """A supervision or support review with a member; the next is due within two months."""

    member = models.ForeignKey(
        MemberProfile, on_delete=models.CASCADE, related_name="supervision_reviews"
    )
    held_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What was said in a supervision or support review: about the person's wellbeing.
    notes = EncryptedTextField(blank=True)
    next_due_on = models.DateField()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Supervision review on {self.held_on:%d %B %Y}"


class EqualityMonitoring(models.Model):
    """Optional equality monitoring answers, kept apart and reported only in aggregate."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="equality_monitoring"
    )
    age_band = models.CharField(max_length=30, blank=True)
    sex = models.CharField(max_length=30, blank=True)
    gender_same_as_at_birth = models.CharField(max_length=30, blank=True)
    sexual_orientation = models.CharField(max_length=30, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=30, blank=True)
    disability = models.CharField(max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        # Never the person's name: these answers are only ever counted.
        return f"Equality monitoring answers #{self.pk}"


class HowApplied(models.TextChoices):
    PAPER = "paper", "Paper form"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person"


class OfflineRegistration(models.Model):
    """How a person without a sign-in came to us, and their consent as they gave it.

    A coordinator registers them from a paper form, a phone call or a conversation, and
    manages them on their behalf (see ``cms.members.on_behalf``). When a coordinator
    later adds an email address and invites them to sign in, ``sign_in_given_at`` and
    ``sign_in_given_by`` say when and who; the person keeps their record and history.
    """

    member = models.OneToOneField(
        MemberProfile, on_delete=models.CASCADE, related_name="offline_registration"
    )
    how_applied = models.CharField(
        max_length=20,
        choices=HowApplied.choices,
        help_text="How their application reached us.",
    )
    consent_given_how = models.CharField(
        max_length=20,
        choices=HowApplied.choices,
        help_text="How they gave their consent: signed on a paper form, said on the phone, "
        "or in person.",
    )
    consent_given_on = models.DateField(help_text="The date they gave their consent.")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who registered them.",
    )
    registered_at = models.DateTimeField(
        default=timezone.now, help_text="When they were registered on Involve."
    )
    sign_in_given_at = models.DateTimeField(
        null=True, blank=True, help_text="When a coordinator invited them to sign in."
    )
    sign_in_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who gave them a sign-in.",
    )
    sign_in_invited_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the email inviting them to choose a password was last sent.",
    )

    class Meta:
        verbose_name = "registration from a paper or phone application"

    def __str__(self):
        return f"{self.member} ({self.get_how_applied_display()})"


class OnBehalfAction(models.Model):
    """One thing a coordinator did for a person who cannot do it online themselves.

    Shown on the person's record as "done for them by <coordinator> on <date>".
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", "Registered"
        INTEREST = "interest", "Said they are interested"
        ATTENDANCE = "attendance", "Attendance recorded"
        FEEDBACK = "feedback", "Feedback taken by phone"
        CLAIM = "claim", "Claim sent from a paper form"
        SIGN_IN = "sign_in", "Given a sign-in"
        PAUSE = "pause", "Paused at their request"
        RESUME = "resume", "Back from a pause"

    member = models.ForeignKey(
        MemberProfile, on_delete=models.CASCADE, related_name="on_behalf_actions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="What was done.")
    summary = models.CharField(
        max_length=200, help_text="What was done, in a few words, such as the opportunity."
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who did it for them.",
    )
    done_at = models.DateTimeField(default=timezone.now, help_text="When it was done.")

    class Meta:
        ordering = ["-done_at", "-pk"]
        verbose_name = "action done on someone's behalf"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

"""The fixed lists the application and the involvement bank share."""

from django.db import models


class Status(models.TextChoices):
    """Where someone is, from first starting an application to being an active member."""

    DRAFT = "draft", "Application not sent yet"
    SUBMITTED = "submitted", "Application received"
    IN_REVIEW = "in_review", "Being reviewed"
    CONVERSATION_BOOKED = "conversation_booked", "Conversation booked"
    CHECKS = "checks", "Checks under way"
    INDUCTION = "induction", "Induction"
    ACTIVE = "active", "Active member"
    ON_HOLD = "on_hold", "On hold"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class LivedExperience(models.TextChoices):
    SERVICE_USER = "service_user", "I use, or have used, health or social care services"
    CARER = "carer", "I care for, or have cared for, someone who uses services"
    BOTH = "both", "Both"


class RolePreference(models.TextChoices):
    PAID = "paid", "Paid roles"
    VOLUNTARY = "voluntary", "Voluntary roles (expenses only)"
    EITHER = "either", "Either"


class Day(models.TextChoices):
    MONDAY = "monday", "Monday"
    TUESDAY = "tuesday", "Tuesday"
    WEDNESDAY = "wednesday", "Wednesday"
    THURSDAY = "thursday", "Thursday"
    FRIDAY = "friday", "Friday"
    SATURDAY = "saturday", "Saturday"
    SUNDAY = "sunday", "Sunday"


class TimeOfDay(models.TextChoices):
    MORNING = "morning", "Mornings"
    AFTERNOON = "afternoon", "Afternoons"
    EVENING = "evening", "Evenings"


class NoticeNeeded(models.TextChoices):
    ONE_DAY = "one_day", "A day or two"
    ONE_WEEK = "one_week", "About a week"
    TWO_WEEKS = "two_weeks", "Two weeks or more"
    ONE_MONTH = "one_month", "A month or more"


class Format(models.TextChoices):
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy Read"
    BSL = "bsl", "British Sign Language"
    AUDIO = "audio", "Audio"
    PLAIN_TEXT_EMAIL = "plain_text_email", "Plain-text email"
    BRAILLE = "braille", "Braille"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    POST = "post", "Letter by post"
    TEXT = "text", "Text message"


class PaymentPreference(models.TextChoices):
    PAID = "paid", "Be paid for paid roles"
    EXPENSES_ONLY = "expenses_only", "Expenses only"
    NO_PAYMENT = "no_payment", "No payment at all"


PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")

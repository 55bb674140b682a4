"""Asking for an account to be deleted, and carrying it out once a coordinator confirms.

Deletion anonymises rather than removes the user row: records the law says we must
keep (payment records, once there are any) stay linked to an anonymous stub. Every
other row that belongs to the person is deleted, found by the same model walk as the
data export, so new models are covered too.
"""

import contextlib
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cms.members.choices import Status
from cms.members.models import MemberProfile

from .models import DeletionRequest
from .relations import personal_data_relations

# Rows that belong to the person but must be kept (anonymised through the user stub),
# with the reason. The retention schedule removes payment records when their period ends.
PAYMENT_RECORD = (
    "A payment or expenses record: HMRC and the organisation's auditors need it for six "
    "years after the tax year, so it is kept against the anonymous stub until then."
)
KEEP_ON_DELETION: dict[str, str] = {
    "privacy.deletionrequest": "The record that the deletion was asked for and carried out.",
    "claims.claim": PAYMENT_RECORD,
    "claims.expenseline": PAYMENT_RECORD + " Receipts are the evidence for each expense.",
    "claims.claimchange": PAYMENT_RECORD + " Who approved and paid it is part of the record.",
}

# MemberProfile fields kept on the stub: dates and state, nothing that identifies anyone.
PROFILE_FIELDS_KEPT = {"id", "user", "status", "status_changed_at", "created_at", "updated_at"}


class DeletionNotAllowed(Exception):
    """This deletion cannot go ahead; the message says why."""


def request_deletion(*, user) -> DeletionRequest:
    """Record that ``user`` asked to be deleted; asking again returns the same request."""
    with transaction.atomic():
        existing = DeletionRequest.objects.pending().filter(user=user).first()
        if existing:
            return existing
        return DeletionRequest.objects.create(user=user)


def pending_request_for(user) -> DeletionRequest | None:
    return DeletionRequest.objects.pending().filter(user=user).first()


def _delete_files(obj, files: list) -> None:
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname, None)
        if hasattr(value, "storage") and getattr(value, "name", None):
            files.append((value.storage, value.name))


def anonymise_user(user) -> None:
    """Remove everything that identifies ``user``, keeping an anonymous stub."""
    profile = MemberProfile.objects.filter(user=user).first()
    files: list = []
    # Someone they were helping must not be left thinking they still have a supporter.
    from cms.supporters.services import end_for_deleted_supporter

    end_for_deleted_supporter(user)

    # One hop out first, so files on those rows are found before a cascade removes them.
    relations = sorted(personal_data_relations(), key=lambda relation: relation.parent is None)
    for relation in relations:
        if relation.label in KEEP_ON_DELETION:
            continue
        rows = relation.queryset(user, profile)
        if relation.owned:
            for obj in rows:
                _delete_files(obj, files)
            if relation.field.many_to_many:
                for obj in rows:
                    getattr(obj, relation.field.name).remove(
                        user if relation.field.related_model is type(user) else profile
                    )
            else:
                rows.delete()
        elif relation.field.null and not relation.field.many_to_many:
            rows.update(**{relation.field.name: None})

    # Wagtail's history names objects by their title: take the person's name out of it.
    from wagtail.models import ModelLogEntry

    content_types = ContentType.objects.get_for_models(type(user), MemberProfile)
    ModelLogEntry.objects.filter(
        content_type=content_types[type(user)], object_id=str(user.pk)
    ).update(label="Deleted person")
    if profile is not None:
        ModelLogEntry.objects.filter(
            content_type=content_types[MemberProfile], object_id=str(profile.pk)
        ).update(label="Deleted person")

    if profile is not None:
        for field in profile._meta.concrete_fields:
            if field.name not in PROFILE_FIELDS_KEPT:
                setattr(profile, field.attname, field.get_default())
        profile.status = Status.WITHDRAWN
        profile.save()
        profile.expertise.clear()
        profile.roles.clear()

    user.email = f"deleted-{user.pk}-{secrets.token_hex(4)}@deleted.invalid"
    user.first_name = ""
    user.last_name = ""
    if hasattr(user, "preferred_name"):
        user.preferred_name = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    def remove_files():
        for storage, name in files:
            with contextlib.suppress(OSError):
                storage.delete(name)

    transaction.on_commit(remove_files)


def confirm_deletion(*, deletion_request: DeletionRequest, by) -> DeletionRequest:
    """A coordinator confirms: the person's data is removed now. Safe to call twice."""
    with transaction.atomic():
        deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
        if deletion_request.completed_at:
            return deletion_request
        user = deletion_request.user
        if user.is_superuser:
            raise DeletionNotAllowed(
                "Administrators' accounts cannot be deleted here. Remove their "
                "administrator rights first."
            )
        if by is not None and by.pk == user.pk:
            raise DeletionNotAllowed("You cannot confirm the deletion of your own account.")
        now = timezone.now()
        deletion_request.confirmed_by = by
        deletion_request.confirmed_at = now
        anonymise_user(user)
        deletion_request.completed_at = timezone.now()
        deletion_request.save(update_fields=["confirmed_by", "confirmed_at", "completed_at"])
    return deletion_request

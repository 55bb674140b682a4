"""Writing to the audit log. Views and services call ``record`` at the moment someone
looks at or changes something personal; nothing else writes audit events."""

from .models import Action, AuditEvent, SubjectType

__all__ = ["Action", "SubjectType", "record"]


def record(
    *,
    actor,
    action: str,
    subject_type: str,
    subject_id: object = "",
    member=None,
    summary: str = "",
) -> AuditEvent:
    """Add one event: ``actor`` did ``action`` to the ``subject_type`` row ``subject_id``.

    ``member`` is the MemberProfile it concerns, if any. ``summary`` says what happened
    in a few words and must not contain the personal data itself ("moved to Active",
    never the new address). An anonymous ``actor`` is stored as nobody.
    """
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    if subject_type not in SubjectType.values:
        raise ValueError(f"Unknown audit subject type {subject_type!r}")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id="" if subject_id is None else str(subject_id),
        member=member,
        summary=summary[:200],
    )

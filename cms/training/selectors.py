"""Reading training records: one person's, the member dashboard's, and the compliance list.

The rules (what is done, due, overdue or expiring) are the pure functions in
``services``; these functions only load what those rules need, in a fixed number of
queries however many members and modules there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from cms.members.choices import Status
from cms.members.models import MemberProfile, StatusChange

from .models import TrainingCompletion, TrainingModulePage
from .services import ModuleRecord, ModuleStatus, training_records


def live_modules() -> list[TrainingModulePage]:
    """Every live module, in the order editors put them, with the roles that need them."""
    return list(
        TrainingModulePage.objects.live().order_by("path").prefetch_related("mandatory_for_roles")
    )


def became_active_dates(members: Iterable[MemberProfile]) -> dict[int, dt.date]:
    """The day each member last became active, by member id.

    Read from the latest move to active in their history; a record that is active with
    no history (made by a coordinator before history was kept) falls back to the day its
    status last changed.
    """
    members = list(members)
    moves = (
        StatusChange.objects.filter(member__in=members, to_status=Status.ACTIVE)
        .values("member_id")
        .annotate(latest=Max("changed_at"))
    )
    dates = {row["member_id"]: timezone.localdate(row["latest"]) for row in moves}
    for member in members:
        if member.pk not in dates and member.status == Status.ACTIVE:
            dates[member.pk] = timezone.localdate(member.status_changed_at)
    return dates


def _completions_by_user(user_ids) -> dict[int, list[TrainingCompletion]]:
    by_user: dict[int, list[TrainingCompletion]] = defaultdict(list)
    completions = TrainingCompletion.objects.filter(user_id__in=list(user_ids)).select_related(
        "recorded_by"
    )
    for completion in completions:
        by_user[completion.user_id].append(completion)
    return by_user


def members_training(
    members: Iterable[MemberProfile], *, today: dt.date, modules=None
) -> Iterator[tuple[MemberProfile, list[ModuleRecord]]]:
    """Each member with their training records, loaded together.

    Prefetch ``roles`` on ``members``. Completions refer to modules from ``modules`` (the
    live modules by default), so a completion of a module taken down is left out.
    """
    members = list(members)
    modules = live_modules() if modules is None else modules
    modules_by_id = {module.pk: module for module in modules}
    completions = _completions_by_user(member.user_id for member in members)
    active_dates = became_active_dates(members)
    for member in members:
        held = [c for c in completions.get(member.user_id, []) if c.module_id in modules_by_id]
        for completion in held:
            completion.module = modules_by_id[completion.module_id]
        yield (
            member,
            training_records(
                modules=modules,
                completions=held,
                role_ids={role.pk for role in member.roles.all()},
                became_active_on=active_dates.get(member.pk),
                today=today,
            ),
        )


def member_training(member: MemberProfile, *, today: dt.date | None = None) -> list[ModuleRecord]:
    """One member's training records, most urgent first."""
    today = today or timezone.localdate()
    [(_member, records)] = members_training([member], today=today)
    return records


def active_members_training(*, today: dt.date, members=None):
    """Every active member (or those of ``members`` who are active) with their records."""
    queryset = MemberProfile.objects.all() if members is None else members
    queryset = queryset.in_bank().select_related("user").prefetch_related("roles")
    return members_training(
        queryset.order_by("user__last_name", "user__first_name", "pk"), today=today
    )


@dataclass
class TrainingDashboard:
    """What the member dashboard shows about training: counts and the next few items."""

    overdue: int = 0
    expiring: int = 0
    due: int = 0
    next_items: list[ModuleRecord] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.expiring or self.due)


def training_dashboard(
    member: MemberProfile, *, today: dt.date | None = None, limit: int = 3
) -> TrainingDashboard:
    """What needs the member's attention: overdue, expiring and mandatory to-do modules,
    counted, and the most urgent ``limit`` of them."""
    attention = [
        record for record in member_training(member, today=today) if record.needs_attention
    ]
    return TrainingDashboard(
        overdue=sum(1 for r in attention if r.status == ModuleStatus.OVERDUE),
        expiring=sum(1 for r in attention if r.status == ModuleStatus.EXPIRING),
        due=sum(1 for r in attention if r.status == ModuleStatus.DUE),
        next_items=attention[:limit],
    )


@dataclass(frozen=True)
class ComplianceRow:
    member: MemberProfile
    record: ModuleRecord


def compliance_rows(
    members,
    *,
    today: dt.date,
    module_id: int | None = None,
    role_id: int | None = None,
    statuses: Iterable[str] = (ModuleStatus.OVERDUE, ModuleStatus.EXPIRING),
) -> list[ComplianceRow]:
    """Active members' mandatory training that is in one of ``statuses``.

    ``members`` is already scoped to the viewer (``MemberProfile.objects.for_user``).
    Filter by module and by role; sorted by module title, then most urgent first.
    """
    if role_id is not None:
        members = members.filter(roles__pk=role_id).distinct()
    wanted = set(statuses)
    rows = []
    for member, records in active_members_training(today=today, members=members):
        for record in records:
            if record.status not in wanted or not record.mandatory:
                continue
            if module_id is not None and record.module.pk != module_id:
                continue
            rows.append(ComplianceRow(member=member, record=record))
    rows.sort(
        key=lambda row: (
            row.record.module.title,
            row.record.status != ModuleStatus.OVERDUE,
            row.record.due_on or dt.date.max,
            str(row.member),
        )
    )
    return rows

"""The application journey: a task list, one page a section, check answers, send.

Every view works on the signed-in person's own record (there are no ids in these
addresses), so nobody can open anyone else's application here, staff included.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cms.audit.services import record

from .. import services
from ..choices import Status
from ..models import MemberProfile
from .sections import SECTION_KEYS, SECTIONS, SECTIONS_BY_SLUG, display_value, has_answers


def _own_application(user) -> MemberProfile | None:
    return MemberProfile.objects.for_user(user).filter(user=user).first()


def _is_draft(member: MemberProfile | None) -> bool:
    return member is None or member.status == Status.DRAFT


def _sent_redirect():
    return redirect("members:application:status")


def _section_rows(user, member: MemberProfile | None):
    done = set(member.completed_sections) if member else set()
    rows = []
    for number, section in enumerate(SECTIONS, start=1):
        completed = section.key in done
        rows.append(
            {
                "section": section,
                "number": number,
                "completed": completed,
                "in_progress": (
                    not completed
                    and member is not None
                    and has_answers(section.make_form(user, member))
                ),
                "url": reverse("members:application:section", args=[section.slug]),
            }
        )
    return rows


@login_required
def task_list(request):
    member = _own_application(request.user)
    if not _is_draft(member):
        return _sent_redirect()
    rows = _section_rows(request.user, member)
    completed = sum(row["completed"] for row in rows)
    return render(
        request,
        "members/apply/task_list.html",
        {
            "page_title": "Apply to join",
            "rows": rows,
            "completed_count": completed,
            "all_done": completed == len(rows),
        },
    )


@login_required
def section(request, slug):
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such section")
    member = _own_application(request.user)
    if not _is_draft(member):
        messages.info(request, "Your application has been sent, so it cannot be changed here.")
        return _sent_redirect()
    returning_to_check = request.GET.get("return") == "check"

    if request.method == "POST":
        member = services.start_application(request.user)
        later = request.POST.get("action") == "later"
        with transaction.atomic():
            member = MemberProfile.objects.select_for_update().get(pk=member.pk)
            if not _is_draft(member):  # sent from another tab meanwhile
                return _sent_redirect()
            form = section.make_form(request.user, member, data=request.POST)
            valid = form.is_valid()
            if valid:
                form.save()
                if section.key not in member.completed_sections:
                    member.completed_sections = [*member.completed_sections, section.key]
            else:
                form.save_valid_parts()
                member.completed_sections = [
                    key for key in member.completed_sections if key != section.key
                ]
            member.save(update_fields=["completed_sections", "updated_at"])
            if section.key == "equality" and form.instance.pk:
                # Kept apart from the record and never shown against a name; only the
                # fact that the answers changed is logged.
                record(
                    actor=request.user,
                    action="changed",
                    subject_type="equality_monitoring",
                    subject_id=form.instance.pk,
                    member=member,
                    summary="Equality monitoring answers saved",
                )
        if later:
            messages.success(
                request,
                "Your answers are saved. You can come back and finish your application at any time.",
            )
            return redirect("members:application:task_list")
        if valid:
            return _next_step(member, section, returning_to_check)
    else:
        form = section.make_form(request.user, member or MemberProfile(user=request.user))

    number = SECTION_KEYS.index(section.key) + 1
    return render(
        request,
        "members/apply/section.html",
        {
            "page_title": section.title,
            "section": section,
            "form": form,
            "number": number,
            "total": len(SECTIONS),
            "returning_to_check": returning_to_check,
        },
    )


def _next_step(member, section, returning_to_check):
    done = set(member.completed_sections)
    if returning_to_check and done.issuperset(SECTION_KEYS):
        return redirect("members:application:check")
    later_sections = SECTIONS[SECTION_KEYS.index(section.key) + 1 :]
    for candidate in later_sections:
        if candidate.key not in done:
            return redirect("members:application:section", slug=candidate.slug)
    if done.issuperset(SECTION_KEYS):
        return redirect("members:application:check")
    return redirect("members:application:task_list")


@login_required
def check_answers(request):
    member = _own_application(request.user)
    if not _is_draft(member):
        return _sent_redirect()
    missing = [key for key in SECTION_KEYS if not member or key not in member.completed_sections]
    if missing:
        messages.info(request, "Finish every section before you check your answers.")
        return redirect("members:application:task_list")
    groups = []
    for section in SECTIONS:
        form = section.make_form(request.user, member)
        change_url = reverse("members:application:section", args=[section.slug]) + "?return=check"
        rows = [
            {
                "label": bound_field.label,
                "value": display_value(bound_field),
                "id": bound_field.auto_id,
            }
            for bound_field in form
        ]
        groups.append({"section": section, "rows": rows, "change_url": change_url})
    return render(
        request,
        "members/apply/check_answers.html",
        {"page_title": "Check your answers", "groups": groups},
    )


@login_required
@require_POST
def submit(request):
    member = _own_application(request.user)
    if not _is_draft(member):
        return _sent_redirect()
    if member is None:
        return redirect("members:application:task_list")
    try:
        services.submit_application(member, sections_required=SECTION_KEYS)
    except services.TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("members:application:task_list")
    return redirect(reverse("members:application:status") + "?sent=1")


@login_required
def status(request):
    member = _own_application(request.user)
    if _is_draft(member):
        return redirect("members:application:task_list")
    return render(
        request,
        "members/apply/status.html",
        {
            "page_title": "Application sent" if request.GET.get("sent") else "Your application",
            "member": member,
            "just_sent": bool(request.GET.get("sent")),
            "can_withdraw": Status.WITHDRAWN in services.TRANSITIONS.get(member.status, set()),
            "can_apply_again": member.status == Status.WITHDRAWN,
        },
    )


@login_required
@require_POST
def apply_again(request):
    member = _own_application(request.user)
    if member is None or member.status != Status.WITHDRAWN:
        return redirect("members:account")
    services.apply_again(member)
    messages.success(request, "Your application is open again. Check each section, then send it.")
    return redirect("members:application:task_list")


@login_required
def withdraw(request):
    member = _own_application(request.user)
    if member is None or Status.WITHDRAWN not in services.TRANSITIONS.get(member.status, set()):
        return redirect("members:account")
    if request.method == "POST":
        try:
            services.move_member(member, Status.WITHDRAWN, by=request.user)
        except services.TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("members:account")
        messages.success(request, "Your application has been withdrawn.")
        return redirect("members:account")
    return render(
        request, "members/apply/withdraw.html", {"page_title": "Withdraw your application"}
    )

"""Mentoring in the Wagtail admin, for coordinators: the pairs, proposing a pair from ranked
suggestions, moving a pair on, and who is willing to mentor.

Every view uses ``CoordinatorRequiredMixin`` and refuses before it looks anything up.
Pairs are found through ``MentoringPair.objects.for_user``; changes go through ``services``.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.members.models import MemberProfile
from cms.users.access import CoordinatorRequiredMixin

from . import selectors, services
from .forms import ChooseMenteeForm, MentorProfileForm, MovePairForm, NewMentorForm
from .models import MentorProfile, PairStatus

# The moves a coordinator makes from a pair's page, with the button labels.
COORDINATOR_MOVES = [
    (PairStatus.PAUSED, "Pause"),
    (PairStatus.ACTIVE, "Restart"),
    (PairStatus.ENDED, "End"),
    (PairStatus.DECLINED, "Withdraw the suggestion"),
]


class MentoringAdminView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        pass

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != "Mentoring":
            items.append({"url": reverse("mentoring_admin:index"), "label": "Mentoring"})
        return [*items, {"url": "", "label": self.get_page_title()}]


class PairListView(MentoringAdminView):
    template_name = "mentoring/admin/index.html"
    page_title = "Mentoring"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairs = selectors.pairs_for(self.request.user)
        status = self.request.GET.get("status", "")
        if status in PairStatus.values:
            pairs = pairs.filter(status=status)
        context["status"] = status
        context["statuses"] = PairStatus.choices
        context["page_obj"] = Paginator(pairs, 50).get_page(self.request.GET.get("p"))
        return context


class ProposePairView(MentoringAdminView):
    """Choose a mentee, then a mentor from the ranked suggestions, with the reasons."""

    template_name = "mentoring/admin/propose.html"
    page_title = "Propose a mentoring pair"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ChooseMenteeForm(self.request.GET or None)
        context["form"] = form
        if form.is_valid():
            mentee = form.cleaned_data["mentee"]
            context["mentee"] = mentee
            try:
                services.refuse_if_paused(mentee)
            except services.MentoringError as error:
                context["mentee_paused"] = str(error)
            context["suggestions"] = selectors.mentor_suggestions(mentee)
        return context

    def post(self, request):
        members = MemberProfile.objects.for_user(request.user).in_bank()
        posted = request.POST.get("mentee", "")
        # Not a number: "not found", as for an id that does not exist.
        mentee_id = int(posted) if posted.isascii() and posted.isdigit() else 0
        mentee = get_object_or_404(members, pk=mentee_id)
        chosen = request.POST.get("mentor") or ""
        back = f"{reverse('mentoring_admin:propose')}?mentee={mentee.pk}"
        try:
            services.refuse_if_paused(mentee)
        except services.MentoringError as error:
            messages.error(request, str(error))
            return redirect(back)
        suggestion = next(
            (s for s in selectors.mentor_suggestions(mentee) if str(s.member.pk) == chosen), None
        )
        if suggestion is None:
            messages.error(request, "Choose one of the suggested mentors.")
            return redirect(back)
        try:
            pair = services.propose_pair(
                mentor=suggestion.member,
                mentee=mentee,
                by=request.user,
                reasons="\n".join(suggestion.reasons),
            )
        except services.MentoringError as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(
            request, f"{pair.mentor} and {pair.mentee} are asked if they would like to go ahead."
        )
        return redirect("mentoring_admin:pair", pair_id=pair.pk)


class PairDetailView(MentoringAdminView):
    template_name = "mentoring/admin/pair.html"

    def setup_objects(self, *, pair_id, **kwargs):
        self.pair = selectors.pair_for(self.request.user, pair_id)
        if self.pair is None:
            raise Http404

    def get_page_title(self):
        return f"{self.pair.mentor} mentoring {self.pair.mentee}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = services.TRANSITIONS[self.pair.status]
        context.update(
            pair=self.pair,
            moves=[
                (value, label)
                for value, label in COORDINATOR_MOVES
                if value in allowed
                and not (value == PairStatus.ACTIVE and self.pair.status == PairStatus.PROPOSED)
            ],
            form=kwargs.get("form") or MovePairForm(),
        )
        return context

    def post(self, request, pair_id):
        form = MovePairForm(request.POST)
        to_status = request.POST.get("to_status", "")
        if to_status not in dict(COORDINATOR_MOVES) or not form.is_valid():
            messages.error(request, "Choose what to do.")
            return redirect("mentoring_admin:pair", pair_id=self.pair.pk)
        try:
            change = services.move_pair(
                pair=self.pair,
                to_status=to_status,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.MentoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The pair is now '{change.get_to_status_display()}'.")
        return redirect("mentoring_admin:pair", pair_id=self.pair.pk)


class MentorListView(MentoringAdminView):
    template_name = "mentoring/admin/mentors.html"
    page_title = "Mentors"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        taken = selectors.mentees_taken()
        mentors = list(
            MentorProfile.objects.for_user(self.request.user)
            .select_related("member__user")
            .prefetch_related("member__expertise")
        )
        for mentor in mentors:
            mentor.taken = taken.get(mentor.member_id, 0)
        context["mentors"] = mentors
        return context


class MentorEditView(MentoringAdminView):
    """Add a mentor (no id) or change one (the member's id, looked up among mentors)."""

    template_name = "mentoring/admin/mentor_form.html"

    def setup_objects(self, *, member_id=None, **kwargs):
        self.mentor = None
        if member_id is not None:
            self.mentor = get_object_or_404(
                MentorProfile.objects.for_user(self.request.user).select_related("member__user"),
                member_id=member_id,
            )

    def get_page_title(self):
        return f"Mentor: {self.mentor.member}" if self.mentor else "Add a mentor"

    def get_form(self, data=None):
        if self.mentor:
            return MentorProfileForm(data, instance=self.mentor)
        return NewMentorForm(data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.get_form()
        context["mentor"] = self.mentor
        return context

    def post(self, request, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        member = self.mentor.member if self.mentor else form.cleaned_data["member"]
        try:
            services.set_mentor_profile(
                member=member,
                is_willing=form.cleaned_data["is_willing"],
                capacity=form.cleaned_data["capacity"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"{member} is saved as a mentor.")
        return redirect("mentoring_admin:mentors")


urlpatterns = [
    path("", PairListView.as_view(), name="index"),
    path("propose/", ProposePairView.as_view(), name="propose"),
    path("pairs/<int:pair_id>/", PairDetailView.as_view(), name="pair"),
    path("mentors/", MentorListView.as_view(), name="mentors"),
    path("mentors/add/", MentorEditView.as_view(), name="mentor_add"),
    path("mentors/<int:member_id>/", MentorEditView.as_view(), name="mentor_edit"),
]

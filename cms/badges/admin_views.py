"""Coordinators' badge list and revoke action in the Wagtail admin.

Only coordinators and superusers get in; everyone else is refused whatever id is in
the address, before any record is looked up.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import CoordinatorRequiredMixin

from .forms import RevokeBadgeForm
from .models import Badge
from .services import revoke_badge


class BadgeIndexView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "badges/admin/index.html"
    page_title = "Badges and parking permits"
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        badges = Badge.objects.select_related("member__user", "revoked_by").order_by(
            "-issued_at", "-pk"
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            badges = badges.filter(
                Q(code__iexact=query.replace(" ", ""))
                | Q(member__user__first_name__icontains=query)
                | Q(member__user__last_name__icontains=query)
                | Q(member__user__email__icontains=query)
            )
        context["query"] = query
        context["page_obj"] = Paginator(badges, 50).get_page(self.request.GET.get("p"))
        return context


class RevokeBadgeView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "badges/admin/revoke.html"
    page_title = "Revoke badge"
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("badges_admin:index"), "label": "Badges and parking permits"},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        self.badge = get_object_or_404(
            Badge.objects.select_related("member__user"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["badge"] = self.badge
        context.setdefault("form", RevokeBadgeForm())
        return context

    def post(self, request, *args, **kwargs):
        form = RevokeBadgeForm(request.POST)
        if self.badge.revoked_at:
            messages.info(request, f"{self.badge} was already revoked.")
            return redirect("badges_admin:index")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        revoke_badge(badge=self.badge, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"{self.badge} has been revoked.")
        return redirect("badges_admin:index")

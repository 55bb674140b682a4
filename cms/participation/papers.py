"""Session papers: coordinators upload them in the admin; selected people download them.

Files live on private storage and are served only by :func:`download`, which lets in
coordinators and the people selected or confirmed for the session's opportunity (once
the paper is published). Everyone else gets "not found", so nothing is given away.
"""

import os

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput

from cms.core import uploads
from cms.opportunities.models import OpportunitySession
from cms.users.access import CoordinatorRequiredMixin, is_coordinator

from .models import Interest, SessionPaper

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def file_problem(upload) -> str | None:
    """Why this upload is not an acceptable paper, in plain words; None if it is fine.

    The content must be a real PDF, Word or OpenDocument file (and pass the virus scanner
    when one is configured), and match the file's extension, which the download keeps."""
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in CONTENT_TYPES:
        return "Choose a PDF, Word (.docx) or OpenDocument (.odt) file."
    try:
        uploads.check_upload(
            upload,
            allowed=(CONTENT_TYPES[extension],),
            max_bytes=MAX_BYTES,
            what="file",
            wrong_type_message=(
                "This file is not a real PDF, Word or OpenDocument file. Save it again and retry."
            ),
        )
    except ValidationError as error:
        return error.messages[0]
    return None


def can_download(user, paper: SessionPaper) -> bool:
    if is_coordinator(user):
        return True
    if not user.is_authenticated or paper.published_at > timezone.now():
        return False
    return (
        Interest.objects.taking_part()
        .filter(member__user=user, opportunity_id=paper.session.page_id)
        .exists()
    )


def papers_for(user, session: OpportunitySession):
    """The published papers this person may read for a session (none if not selected)."""
    papers = SessionPaper.objects.filter(session=session, published_at__lte=timezone.now())
    allowed = is_coordinator(user) or (
        Interest.objects.taking_part()
        .filter(member__user=user, opportunity_id=session.page_id)
        .exists()
    )
    return papers if allowed else SessionPaper.objects.none()


@never_cache
@login_required
@require_GET
def download(request, pk: int):
    paper = get_object_or_404(SessionPaper.objects.select_related("session"), pk=pk)
    if not can_download(request.user, paper):
        raise Http404("No such paper")
    extension = os.path.splitext(paper.file.name)[1].lower()
    try:
        handle = paper.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404("No such paper") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(paper.title) or 'paper'}{extension}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    return uploads.harden_file_response(response)


# --- Coordinators' admin ----------------------------------------------------------------


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, help_text="What the paper is, in a few words."
    )
    file = forms.FileField(
        label="File", help_text="A PDF, Word (.docx) or OpenDocument (.odt) file, up to 10 MB."
    )
    published_at = forms.DateTimeField(
        label="Send out on",
        required=False,
        widget=AdminDateTimeInput,
        help_text="Leave empty to send it out now. People are emailed when it is sent out.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = file_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload


class SessionListView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/papers/admin_sessions.html"
    page_title = "Session papers"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_past = self.request.GET.get("show") == "past"
        sessions = OpportunitySession.objects.select_related("page").prefetch_related("papers")
        now = timezone.now()
        if show_past:
            sessions = sessions.filter(starts_at__lt=now).order_by("-starts_at")
        else:
            sessions = sessions.filter(starts_at__gte=now).order_by("starts_at")
        context["sessions"] = sessions[:200]
        context["show_past"] = show_past
        return context


class SessionPapersView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/papers/admin_session.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        self.session = get_object_or_404(
            OpportunitySession.objects.select_related("page"), pk=kwargs["pk"]
        )
        self.form = PaperForm(request.POST or None, request.FILES or None)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Papers for {self.session.page.title}: {self.session.title}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("papers_admin:index"), "label": "Session papers"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            form=self.form,
            papers=self.session.papers.all(),
            now=timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            data = self.form.cleaned_data
            SessionPaper.objects.create(
                session=self.session,
                title=data["title"],
                file=data["file"],
                published_at=data["published_at"] or timezone.now(),
                uploaded_by=request.user,
            )
            messages.success(request, f"“{data['title']}” is uploaded.")
            return redirect("papers_admin:session", pk=self.session.pk)
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400)

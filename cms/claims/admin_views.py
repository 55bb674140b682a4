"""Claims in the Wagtail admin: finance's queue, review (approve, query, reject),
bulk "mark as paid", the CSV export, and receipts; coordinators' read-only list of states.

Every view checks who is asking before it looks anything up: finance views ask
``is_finance``, the states list ``can_see_claim_states``. Editors are refused everywhere.
Moves go through ``services``.
"""

import csv

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.audit.services import record
from cms.core import uploads

from . import selectors, services
from .access import can_see_claim_states, is_finance, refuse_unless
from .models import Claim, ClaimStatus, ExpenseLine, PaymentChoice
from .money import ZERO, pounds

QUEUE_TABS = [
    (ClaimStatus.SUBMITTED, "To review"),
    (ClaimStatus.QUERIED, "Waiting for the member"),
    (ClaimStatus.APPROVED, "Approved, to pay"),
    (ClaimStatus.PAID, "Paid"),
    (ClaimStatus.REJECTED, "Not approved"),
]


class ClaimsAdminView(WagtailAdminTemplateMixin, View):
    header_icon = "doc-full"
    finance_only = True

    def dispatch(self, request, *args, **kwargs):
        allowed = (
            is_finance(request.user) if self.finance_only else can_see_claim_states(request.user)
        )
        if refusal := refuse_unless(request, allowed):
            return refusal
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        pass

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != "Claims":
            items.append({"url": reverse("claims_admin:index"), "label": "Claims"})
        items.append({"url": "", "label": self.get_page_title()})
        return items


class QueueView(ClaimsAdminView):
    """Finance see amounts and open each claim; coordinators see only where claims stand."""

    template_name = "claims/admin/queue.html"
    page_title = "Claims"
    finance_only = False

    def get(self, request):
        status = request.GET.get("status", ClaimStatus.SUBMITTED)
        if status not in ClaimStatus.values or status == ClaimStatus.DRAFT:
            status = ClaimStatus.SUBMITTED
        claims = selectors.finance_queue(user=request.user, status=status)
        page_obj = Paginator(claims, 50).get_page(request.GET.get("p"))
        return TemplateResponse(
            request,
            self.template_name,
            self.get_context_data(
                tabs=QUEUE_TABS,
                status=status,
                page_obj=page_obj,
                show_amounts=is_finance(request.user),
            ),
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Question or reason",
        help_text="For a question or a refusal: the member reads this, so write it plainly.",
    )


class ReviewView(ClaimsAdminView):
    template_name = "claims/admin/review.html"

    def setup_objects(self, *, claim_id, **kwargs):
        self.claim = get_object_or_404(
            Claim.objects.for_user(self.request.user).with_lines(), pk=claim_id
        )

    def get_page_title(self):
        return f"Claim {self.claim.reference}"

    def render(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            self.get_context_data(
                claim=self.claim,
                lines=list(self.claim.lines.all()),
                history=list(self.claim.history.select_related("changed_by")),
                form=form,
                can_decide=self.claim.status == ClaimStatus.SUBMITTED,
                can_reject=self.claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.QUERIED),
            ),
            status=status,
        )

    def get(self, request, claim_id):
        self.audit("viewed", "Claim opened")
        return self.render(DecisionForm())

    def audit(self, action, summary):
        record(
            actor=self.request.user,
            action=action,
            subject_type="claim",
            subject_id=self.claim.pk,
            member=self.claim.member,
            summary=summary,
        )

    def post(self, request, claim_id):
        form = DecisionForm(request.POST)
        action = request.POST.get("action")
        if not form.is_valid():
            return self.render(form, status=400)
        note = form.cleaned_data["note"]
        try:
            if action == "approve":
                services.approve_claim(claim=self.claim, by=request.user)
                messages.success(request, f"Claim {self.claim.reference} approved.")
            elif action == "query":
                services.query_claim(claim=self.claim, question=note, by=request.user)
                messages.success(request, f"Your question about {self.claim.reference} was sent.")
            elif action == "reject":
                services.reject_claim(claim=self.claim, reason=note, by=request.user)
                messages.success(request, f"Claim {self.claim.reference} was not approved.")
            else:
                form.add_error(None, "Choose approve, ask a question or do not approve.")
                return self.render(form, status=400)
        except services.ClaimError as error:
            form.add_error("note" if action in ("query", "reject") else None, str(error))
            return self.render(form, status=400)
        self.audit("decided", f"Claim {self.claim.reference}: {action}")
        return redirect("claims_admin:index")


class MarkPaidForm(forms.Form):
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Claims paid",
        help_text="Tick every approved claim this payment run paid.",
        error_messages={"required": "Tick at least one claim."},
    )
    paid_on = forms.DateField(
        label="Date paid",
        help_text="The day the money left the account, for example 2026-11-27.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reference = forms.CharField(
        max_length=100,
        label="Payment reference",
        help_text="The reference from the finance system for this payment run.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = Claim.objects.for_user(user).filter(
            status=ClaimStatus.APPROVED
        )


class MarkPaidView(ClaimsAdminView):
    template_name = "claims/admin/mark_paid.html"
    page_title = "Mark claims as paid"

    def render(self, form, status=200):
        approved = list(
            selectors.finance_queue(user=self.request.user, status=ClaimStatus.APPROVED)
        )
        return TemplateResponse(
            self.request,
            self.template_name,
            self.get_context_data(form=form, approved=approved),
            status=status,
        )

    def get(self, request):
        return self.render(
            MarkPaidForm(user=request.user, initial={"paid_on": timezone.localdate()})
        )

    def post(self, request):
        form = MarkPaidForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            paid = services.mark_claims_paid(
                claims=list(form.cleaned_data["claims"]),
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
        except services.ClaimError as error:
            form.add_error(None, str(error))
            return self.render(form, status=400)
        for claim in paid:
            record(
                actor=request.user,
                action="changed",
                subject_type="claim",
                subject_id=claim.pk,
                member=claim.member,
                summary=f"Claim {claim.reference} marked as paid",
            )
        messages.success(
            request, f"{len(paid)} claim{'s' if len(paid) != 1 else ''} marked as paid."
        )
        return redirect(f"{reverse('claims_admin:index')}?status={ClaimStatus.PAID}")


EXPORT_COLUMNS = [
    "claim",
    "member",
    "email",
    "activity",
    "activity_date",
    "payment_choice",
    "payment_worked_out",
    "pay_to_member",
    "voucher",
    "charity",
    "to_charity",
    "expenses",
    "total_to_member_bank",
]


def export_row(claim: Claim) -> list:
    """One approved claim as the finance system reads it: the payment choice as such."""
    choice = claim.payment_choice if claim.payment_offered else "none"
    cash = ZERO
    voucher = ZERO
    if claim.payment_offered and claim.payment_choice == PaymentChoice.PAY_ME:
        cash = claim.payment_amount
    elif claim.payment_offered and claim.payment_choice == PaymentChoice.REDUCED:
        cash = claim.reduced_amount or ZERO
    elif claim.payment_offered and claim.payment_choice == PaymentChoice.VOUCHER:
        voucher = claim.payment_amount
    expenses = claim.expenses_total
    return [
        claim.reference,
        str(claim.member),
        claim.member.user.email,
        claim.activity_title,
        claim.activity_date.isoformat(),
        choice,
        f"{pounds(claim.payment_amount) if claim.payment_offered else ZERO}",
        f"{pounds(cash)}",
        f"{pounds(voucher)}",
        claim.charity_name,
        f"{claim.to_charity}",
        f"{expenses}",
        f"{pounds(cash + expenses)}",
    ]


class ExportView(ClaimsAdminView):
    page_title = "Export approved claims"

    def get(self, request):
        response = uploads.harden_file_response(
            HttpResponse(content_type="text/csv; charset=utf-8")
        )
        filename = f"approved-claims-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        claims = list(selectors.finance_queue(user=request.user, status=ClaimStatus.APPROVED))
        for claim in claims:
            writer.writerow(export_row(claim))
        record(
            actor=request.user,
            action="exported",
            subject_type="claim",
            summary=f"{len(claims)} approved claims exported as CSV",
        )
        return response


class ReceiptView(ClaimsAdminView):
    """A receipt from private storage, shown inline to finance staff only."""

    def get(self, request, line_id):
        line = get_object_or_404(
            ExpenseLine.objects.filter(claim__in=Claim.objects.for_user(request.user)).exclude(
                receipt=""
            ),
            pk=line_id,
        )
        try:
            with line.receipt.open("rb") as handle:
                data = handle.read()
        except (OSError, ValueError) as error:
            raise Http404("No receipt") from error
        record(
            actor=request.user,
            action="viewed",
            subject_type="claim",
            subject_id=line.claim_id,
            summary=f"Receipt for expense line {line.pk} opened",
        )
        extension = line.receipt.name.rsplit(".", 1)[-1]
        return uploads.private_file_response(
            data, content_type=line.receipt_content_type, filename=f"receipt-{line.pk}.{extension}"
        )


urlpatterns = [
    path("", QueueView.as_view(), name="index"),
    path("<int:claim_id>/", ReviewView.as_view(), name="review"),
    path("mark-paid/", MarkPaidView.as_view(), name="mark_paid"),
    path("export/", ExportView.as_view(), name="export"),
    path("receipts/<int:line_id>/", ReceiptView.as_view(), name="receipt"),
]

"""The member's claims pages: start, fill in, check and send a claim; answer questions;
see totals per tax year and download a statement. Claims are looked up only among the
signed-in member's own (``Claim.objects.for_user``)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.core import uploads
from cms.core.models import OrganisationSettings
from cms.members.models import MemberProfile

from . import selectors, services
from .forms import PAYMENT_CHOICE_HINTS, AnswerForm, ExpenseForm, PaymentChoiceForm, SubmitForm
from .models import Claim, ClaimStatus, ExpenseLine, ExpenseType, PaymentChoice
from .pdf import render_statement_pdf, statement_filename


def _own_member(request) -> MemberProfile | None:
    return MemberProfile.objects.filter(user=request.user).first()


def _not_available(request):
    return render(
        request,
        "claims/not_available.html",
        {"page_title": "Claims are for members"},
        status=403,
    )


def _posted(request):
    # An empty POST still binds the form, so "nothing chosen" shows its error.
    return request.POST if request.method == "POST" else None


def _own_claim(request, claim_id: int) -> Claim:
    """One of the signed-in member's own claims, or 404: never another member's."""
    return get_object_or_404(
        Claim.objects.filter(member__user=request.user).with_lines(), pk=claim_id
    )


@never_cache
@login_required
@require_GET
def index(request):
    member = _own_member(request)
    if member is None:
        return _not_available(request)
    return render(
        request,
        "claims/index.html",
        {
            "page_title": "Payments and expenses",
            "claims": selectors.claims_for_member(member),
            "claimable": selectors.claimable_attendance(member),
            "years": selectors.tax_year_totals(member),
        },
    )


@never_cache
@login_required
@require_POST
def start(request, session_id: int):
    member = _own_member(request)
    if member is None:
        return _not_available(request)
    attendance = next(
        (a for a in selectors.claimable_attendance(member) if a.session_id == session_id), None
    )
    if attendance is None:
        existing = (
            Claim.objects.filter(member=member, session_id=session_id)
            .exclude(status=ClaimStatus.REJECTED)
            .first()
        )
        if existing is not None:
            messages.info(request, "You have already claimed for this session.")
            return redirect("members:claims:detail", claim_id=existing.pk)
        raise Http404("No session to claim for")
    try:
        claim = services.start_claim(member=member, session=attendance.session, by=request.user)
    except services.ClaimError as error:
        messages.error(request, str(error))
        return redirect("members:claims:index")
    return redirect("members:claims:detail", claim_id=claim.pk)


@never_cache
@login_required
@require_GET
def detail(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    return render(
        request,
        "claims/detail.html",
        {
            "page_title": f"Claim for {claim.activity_title}",
            "claim": claim,
            "lines": list(claim.lines.all()),
            "history": list(claim.history.all()),
            "answer_form": AnswerForm() if claim.status == ClaimStatus.QUERIED else None,
            "ClaimStatus": ClaimStatus,
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def payment(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    if not claim.is_editable or not claim.payment_offered:
        return redirect("members:claims:detail", claim_id=claim.pk)
    initial = {
        "choice": claim.payment_choice or PaymentChoice.PAY_ME,
        "reduced_amount": claim.reduced_amount,
        "charity_name": claim.charity_name,
    }
    form = PaymentChoiceForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_payment_choice(
                claim=claim,
                choice=form.cleaned_data["choice"],
                reduced_amount=form.cleaned_data["reduced_amount"],
                charity_name=form.cleaned_data["charity_name"],
            )
        except services.ClaimError as error:
            field = {
                PaymentChoice.REDUCED: "reduced_amount",
                PaymentChoice.CHARITY: "charity_name",
            }.get(form.cleaned_data["choice"], "choice")
            form.add_error(field, str(error))
        else:
            messages.success(request, "Your payment choice has been saved.")
            return redirect("members:claims:detail", claim_id=claim.pk)
    return render(
        request,
        "claims/payment.html",
        {
            "page_title": "Your payment",
            "claim": claim,
            "form": form,
            "hints": PAYMENT_CHOICE_HINTS,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def add_expense_view(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    if not claim.is_editable:
        return redirect("members:claims:detail", claim_id=claim.pk)
    form = ExpenseForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_expense(
                claim=claim,
                expense_type=data["expense_type"],
                amount=data["amount"],
                miles=data["miles"],
                description=data["description"],
                receipt=data["receipt"],
            )
        except services.ClaimError as error:
            message = str(error)
            if "receipt" in message.lower():
                form.add_error("receipt", message)
            elif data["expense_type"] == ExpenseType.MILEAGE:
                form.add_error("miles", message)
            else:
                form.add_error("amount", message)
        else:
            messages.success(request, "The expense has been added to your claim.")
            return redirect("members:claims:detail", claim_id=claim.pk)
    return render(
        request,
        "claims/add_expense.html",
        {"page_title": "Add an expense", "claim": claim, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def remove_expense_view(request, claim_id: int, line_id: int):
    claim = _own_claim(request, claim_id)
    try:
        services.remove_expense(claim=claim, line_id=line_id)
    except services.ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The expense has been taken off your claim.")
    return redirect("members:claims:detail", claim_id=claim.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def check_answers(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    if not claim.is_editable:
        return redirect("members:claims:detail", claim_id=claim.pk)
    form = SubmitForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_claim(claim=claim, by=request.user)
        except services.ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your claim has been sent to finance.")
            return redirect("members:claims:detail", claim_id=claim.pk)
    return render(
        request,
        "claims/check.html",
        {
            "page_title": "Check your claim before you send it",
            "claim": claim,
            "lines": list(claim.lines.all()),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_POST
def answer(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_query(claim=claim, answer=form.cleaned_data["answer"], by=request.user)
        except services.ClaimError as error:
            form.add_error("answer", str(error))
        else:
            messages.success(request, "Thank you. Your answer has been sent to finance.")
            return redirect("members:claims:detail", claim_id=claim.pk)
    return render(
        request,
        "claims/detail.html",
        {
            "page_title": f"Claim for {claim.activity_title}",
            "claim": claim,
            "lines": list(claim.lines.all()),
            "history": list(claim.history.all()),
            "answer_form": form,
            "ClaimStatus": ClaimStatus,
        },
        status=400,
    )


@never_cache
@login_required
@require_POST
def delete(request, claim_id: int):
    claim = _own_claim(request, claim_id)
    try:
        services.delete_draft(claim=claim)
    except services.ClaimError as error:
        messages.error(request, str(error))
        return redirect("members:claims:detail", claim_id=claim.pk)
    messages.success(request, "The claim has been deleted.")
    return redirect("members:claims:index")


@never_cache
@login_required
@require_GET
def receipt(request, line_id: int):
    """A receipt from private storage, for the member who uploaded it only (finance staff
    read receipts in the admin, behind two-factor sign-in)."""
    line = get_object_or_404(
        ExpenseLine.objects.filter(claim__member__user=request.user).exclude(receipt=""),
        pk=line_id,
    )
    try:
        with line.receipt.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        raise Http404("No receipt") from error
    extension = line.receipt.name.rsplit(".", 1)[-1]
    return uploads.private_file_response(
        data, content_type=line.receipt_content_type, filename=f"receipt-{line.pk}.{extension}"
    )


@never_cache
@login_required
@require_GET
def statement(request, year: int):
    """The PDF statement of one tax year (starting 6 April ``year``) for the member."""
    member = _own_member(request)
    if member is None:
        return _not_available(request)
    if not 2000 <= year <= 2100:
        raise Http404("No such tax year")
    year_totals = selectors.tax_year_statement(member, dt.date(year, 4, 6))
    organisation = OrganisationSettings.for_request(request)
    pdf = render_statement_pdf(member=member, year=year_totals, organisation=organisation)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement_filename(year_totals)}"'
    return uploads.harden_file_response(response)

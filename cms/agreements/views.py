"""Members' agreements: what they have signed, and a page to read and sign each one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from . import services
from .forms import SignAgreementForm
from .models import AgreementDocument

NOT_YET = (
    "You can sign the programme's agreements once your application has reached the checks "
    "stage. If you think this is wrong, please contact the involvement team."
)


def _refuse(request):
    messages.info(request, NOT_YET)
    return redirect("members:account")


@login_required
def agreement_list(request):
    if not services.may_sign(request.user):
        return _refuse(request)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "page_title": "Your agreements",
            "statuses": services.agreement_statuses(request.user),
        },
    )


@login_required
def agreement_detail(request, kind):
    if not services.may_sign(request.user):
        return _refuse(request)
    document = get_object_or_404(AgreementDocument, kind=kind)
    latest = document.latest_version()
    if latest is None:
        raise Http404("This agreement has not been published yet.")
    status = next(
        (s for s in services.agreement_statuses(request.user) if s.document.pk == document.pk),
        None,
    )
    form = None
    if status.needs_signing:
        if request.method == "POST":
            form = SignAgreementForm(request.POST, user=request.user)
            if form.is_valid():
                if form.cleaned_data["version"] != latest.number:
                    messages.warning(
                        request,
                        "This agreement changed while you were reading it. "
                        "Please read the new version, then sign it.",
                    )
                    return redirect(request.path)
                try:
                    services.sign(request.user, latest, form.cleaned_data["typed_name"])
                except services.SigningRefused as error:
                    form.add_error("typed_name", error.messages[0])
                else:
                    messages.success(
                        request, f"Thank you. You have signed the {document.title.lower()}."
                    )
                    return redirect(reverse("members:agreements:list"))
        else:
            form = SignAgreementForm(initial={"version": latest.number}, user=request.user)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "page_title": document.title,
            "document": document,
            "version": latest,
            "status": status,
            "form": form,
        },
    )

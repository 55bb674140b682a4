"""The member's own bank details: shown masked, changed only with their password.

There is no id in any address: every page uses the signed-in person's own record.
Nothing here ever decrypts the details; members only see the last digits.
"""

from allauth.core import ratelimit
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cms.members.access import own_member_required

from . import selectors, services
from .forms import BankDetailsForm, RemoveBankDetailsForm


def _too_many_tries(request) -> bool:
    # allauth's own limit for re-entering a password, so guessing is as slow here.
    if request.method != "POST":
        return False
    return not ratelimit.consume(request, action="reauthenticate", user=request.user)


@own_member_required
@require_GET
def index(request, member):
    return render(
        request,
        "banking/index.html",
        {
            "page_title": "Your bank details",
            "details": selectors.own_bank_details(request.user),
        },
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def change(request, member):
    details = selectors.own_bank_details(request.user)
    form = BankDetailsForm(
        request.POST or None, user=request.user, too_many_tries=_too_many_tries(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_bank_details(
            member=member,
            account_holder=data["account_holder"],
            sort_code=data["sort_code"],
            account_number=data["account_number"],
            roll_number=data["roll_number"],
            by=request.user,
        )
        messages.success(request, "Your bank details have been saved.")
        return redirect("members:banking:index")
    return render(
        request,
        "banking/change.html",
        {
            "page_title": "Change your bank details" if details else "Add your bank details",
            "form": form,
            "details": details,
        },
        status=400 if form.errors else 200,
    )


@own_member_required
@require_http_methods(["GET", "POST"])
def remove(request, member):
    details = selectors.own_bank_details(request.user)
    if details is None:
        return redirect("members:banking:index")
    form = RemoveBankDetailsForm(
        request.POST or None, user=request.user, too_many_tries=_too_many_tries(request)
    )
    if request.method == "POST" and form.is_valid():
        services.remove_bank_details(member=member, by=request.user)
        messages.success(request, "Your bank details have been removed.")
        return redirect("members:banking:index")
    return render(
        request,
        "banking/remove.html",
        {"page_title": "Remove your bank details", "form": form, "details": details},
        status=400 if form.errors else 200,
    )

"""The e-bulletin in the members area: mounted at /members/bulletin/.

A member's address is verified by allauth when they sign up, so subscribing here needs
no confirmation email. There is no id in any address: the page only ever shows the
signed-in person's own subscription.
"""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import Subscriber, SubscriptionChange


def _has_verified_email(user) -> bool:
    return bool(user.email) and (
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def subscription(request):
    can_subscribe = _has_verified_email(request.user)
    subscriber = selectors.subscription_for_user(request.user, verified_address=can_subscribe)
    if subscriber is not None:
        subscriber = services.sync_member_email(subscriber=subscriber)
    initial = {"email_format": Subscriber.EmailFormat.HTML}
    if subscriber is not None:
        initial = {
            "service_areas": list(subscriber.service_areas.all()),
            "email_format": subscriber.email_format,
        }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and can_subscribe and form.is_valid():
        was_receiving = subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED
        services.subscribe_member(
            user=request.user,
            service_areas=form.cleaned_data["service_areas"],
            email_format=form.cleaned_data["email_format"],
        )
        messages.success(
            request,
            "Your choices have been saved."
            if was_receiving
            else "You are subscribed. We will send you the next e-bulletin.",
        )
        return redirect("members:bulletin:subscription")
    return render(
        request,
        "subscriptions/member/subscription.html",
        {
            "page_title": "The e-bulletin",
            "form": form,
            "subscriber": subscriber,
            "receiving": subscriber is not None
            and subscriber.status == Subscriber.Status.CONFIRMED,
            "can_subscribe": can_subscribe,
        },
    )


@login_required
@require_POST
def unsubscribe(request):
    subscriber = selectors.subscription_for_user(
        request.user, verified_address=_has_verified_email(request.user)
    )
    if subscriber is not None:
        services.unsubscribe(
            subscriber=subscriber, how=SubscriptionChange.How.MEMBER, by=request.user
        )
    messages.success(request, "You have unsubscribed. We will not send you any more e-bulletins.")
    return redirect("members:bulletin:subscription")

"""Public pages for the e-bulletin list: subscribe, confirm, preferences, unsubscribe.

Nobody signs in here. Every page about one subscriber is reached through a signed link
(see ``links.py``) and finds the subscriber only from that token, so changing the
address gives "this link does not work", never someone else's subscription. Opening a
link changes nothing: confirming and unsubscribing need a button press (POST), because
mail scanners open every link in an email. The one exception is the RFC 8058 one-click
address, which only mail programs POST to.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cms.core import ratelimit

from . import links, services
from .forms import PreferencesForm, SubscribeForm
from .links import Purpose
from .models import SubscriptionChange

# Valid subscribe requests from one IP address an hour: enough for a shared computer in a
# library, too few to use the form to flood strangers' inboxes.
SUBSCRIBE_LIMIT = 20
SUBSCRIBE_WINDOW_SECONDS = 60 * 60


def _within_subscribe_rate(request) -> bool:
    return not ratelimit.over_limit(
        request,
        scope="bulletin-subscribe",
        limit=SUBSCRIBE_LIMIT,
        seconds=SUBSCRIBE_WINDOW_SECONDS,
    )


def _link_not_valid(request):
    return render(request, "subscriptions/link_not_valid.html", status=404)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _within_subscribe_rate(request):
            return render(
                request,
                "subscriptions/subscribe.html",
                {"form": form, "too_many": True},
                status=429,
            )
        if not form.is_spam:
            services.subscribe(
                email=form.cleaned_data["email"],
                service_areas=form.cleaned_data["service_areas"],
                email_format=form.cleaned_data["email_format"],
            )
        # The same page whether the address was new, waiting, subscribed or unsubscribed,
        # or the honeypot caught a bot (which so learns nothing).
        return redirect("subscriptions:check_your_email")
    return render(request, "subscriptions/subscribe.html", {"form": form})


def check_your_email(request):
    return render(request, "subscriptions/check_your_email.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscriber = links.subscriber_from_token(token, Purpose.CONFIRM)
    if subscriber is None:
        return _link_not_valid(request)
    context = {"subscriber": subscriber}
    if request.method == "POST":
        try:
            services.confirm(subscriber=subscriber)
        except services.SubscriptionError as error:
            context["error"] = str(error)
            return render(request, "subscriptions/confirm.html", context, status=409)
        context["preferences_url"] = links.preferences_url(subscriber)
        return render(request, "subscriptions/confirmed.html", context)
    return render(request, "subscriptions/confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    subscriber = links.subscriber_from_token(token, Purpose.PREFERENCES)
    if subscriber is None:
        return _link_not_valid(request)
    form = PreferencesForm(
        request.POST or None,
        initial={
            "service_areas": list(subscriber.service_areas.all()),
            "email_format": subscriber.email_format,
        },
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            subscriber=subscriber,
            service_areas=form.cleaned_data["service_areas"],
            email_format=form.cleaned_data["email_format"],
        )
        saved = True
    return render(
        request,
        "subscriptions/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_token": links.make_token(subscriber, Purpose.UNSUBSCRIBE),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = links.subscriber_from_token(token, Purpose.UNSUBSCRIBE)
    if subscriber is None:
        return _link_not_valid(request)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber, how=SubscriptionChange.How.EMAIL_LINK)
        return render(
            request,
            "subscriptions/unsubscribed.html",
            {"subscriber": subscriber, "token": token},
        )
    return render(
        request, "subscriptions/unsubscribe.html", {"subscriber": subscriber, "token": token}
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token: str):
    """RFC 8058: a mail program POSTs ``List-Unsubscribe=One-Click`` here; no page, no
    cookies, no CSRF token, so the signed token is the only proof (and it suffices).

    A mail program that opens the address instead (RFC 2369) gets the page with the
    button, so opening it still changes nothing.
    """
    subscriber = links.subscriber_from_token(token, Purpose.UNSUBSCRIBE)
    if subscriber is None:
        return _link_not_valid(request)
    if request.method == "GET":
        return redirect("subscriptions:unsubscribe", token=token)
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponseBadRequest("Expected List-Unsubscribe=One-Click.")
    services.unsubscribe(subscriber=subscriber, how=SubscriptionChange.How.ONE_CLICK)
    return HttpResponse("You have been unsubscribed.", content_type="text/plain")


@never_cache
@require_POST
def resubscribe(request, token: str):
    subscriber = links.subscriber_from_token(token, Purpose.UNSUBSCRIBE)
    if subscriber is None:
        return _link_not_valid(request)
    subscriber = services.resubscribe(subscriber=subscriber)
    return render(
        request,
        "subscriptions/resubscribed.html",
        {"subscriber": subscriber, "preferences_url": links.preferences_url(subscriber)},
    )

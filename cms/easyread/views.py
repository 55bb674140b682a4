from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .display import current_settings, save_settings
from .forms import DisplaySettingsForm


@require_http_methods(["GET", "HEAD", "POST"])
def display_settings(request):
    """Larger text and higher contrast, for this browser and, once signed in, everywhere."""
    if request.method == "POST":
        form = DisplaySettingsForm(request.POST)
        if form.is_valid():
            response = redirect("easyread:display_settings")
            save_settings(request=request, response=response, chosen=form.chosen())
            messages.success(request, "Your display settings are saved.")
            return response
    else:
        form = DisplaySettingsForm(
            initial=DisplaySettingsForm.initial_for(current_settings(request))
        )
    return render(request, "easyread/display_settings.html", {"form": form})

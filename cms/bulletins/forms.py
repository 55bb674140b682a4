"""The editor's form for an issue: it refuses a new spotlight on a closed or unpublished
opportunity.

The check is made here, not in the block, so that an issue sent months ago can still be
corrected: a spotlight already saved in the issue stays, even once its opportunity has closed.
Only an opportunity newly put in the spotlight must be live, public and open.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from .blocks import spotlight_problem

SPOTLIGHT = "opportunity_spotlight"


def spotlighted_ids(raw_items) -> set[int]:
    """The ids of the opportunities in the spotlight items of raw StreamField data."""
    return {
        item["value"].get("opportunity")
        for item in raw_items or []
        if item.get("type") == SPOTLIGHT and isinstance(item.get("value"), dict)
    } - {None}


class BulletinPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        items = cleaned_data.get("items")
        if items is None:
            return cleaned_data
        # Until _post_clean, the instance holds what was saved before this edit.
        already_saved = spotlighted_ids(self.instance.items.raw_data) if self.instance.pk else set()
        block_errors = {}
        for position, child in enumerate(items):
            if child.block_type != SPOTLIGHT:
                continue
            opportunity = child.value.get("opportunity")
            if opportunity is None or opportunity.pk in already_saved:
                continue
            problem = spotlight_problem(opportunity)
            if problem:
                block_errors[position] = StructBlockValidationError(
                    block_errors={"opportunity": ValidationError(problem)}
                )
        if block_errors:
            self.add_error("items", StreamBlockValidationError(block_errors=block_errors))
        return cleaned_data

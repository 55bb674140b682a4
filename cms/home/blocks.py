from wagtail import blocks

from cms.core.blocks import BodyStreamBlock


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(help_text="The main message, in a few words.")
    text = blocks.TextBlock(help_text="One or two short sentences under the heading.")
    link_page = blocks.PageChooserBlock(required=False, help_text="Where the button goes.")
    link_text = blocks.CharBlock(
        required=False, help_text="The button's words, such as 'Find an opportunity'."
    )

    class Meta:
        template = "home/blocks/hero.html"
        icon = "title"
        description = "A large banner at the top of the page."


class PromiseBlock(blocks.StructBlock):
    heading = blocks.CharBlock()
    text = blocks.TextBlock()

    class Meta:
        icon = "tick"


class PromisesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(help_text="For example 'What we promise'.")
    promises = blocks.ListBlock(PromiseBlock(), min_num=1, max_num=6)

    class Meta:
        template = "home/blocks/promises.html"
        icon = "list-ul"
        description = "Short promises shown side by side as cards."


class CardLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    heading = blocks.CharBlock(required=False, help_text="Leave empty to use the page's title.")
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "link"


class CardLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    cards = blocks.ListBlock(CardLinkBlock(), min_num=1, max_num=6)

    class Meta:
        template = "home/blocks/card_links.html"
        icon = "grip"
        description = "Links to other pages, shown as clickable cards."


class LatestOpportunitiesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Opportunities open now")
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=6, help_text="How many to show.")

    class Meta:
        template = "home/blocks/latest_opportunities.html"
        icon = "calendar"
        description = "The opportunities closing soonest, kept up to date automatically."

    def get_context(self, value, parent_context=None):
        # Imported here: the opportunities app's models load after this module.
        from cms.opportunities.models import OpportunitiesIndexPage
        from cms.opportunities.selectors import opportunities_closing_soon

        context = super().get_context(value, parent_context=parent_context)
        context["opportunities"] = opportunities_closing_soon(limit=value["count"])
        context["opportunities_index"] = OpportunitiesIndexPage.objects.live().first()
        return context


class HomeStreamBlock(BodyStreamBlock):
    hero = HeroBlock()
    promises = PromisesBlock()
    card_links = CardLinksBlock()
    latest_opportunities = LatestOpportunitiesBlock()

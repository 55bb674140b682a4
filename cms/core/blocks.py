"""Content blocks shared by every page type's body.

Each block has a ``description`` and ``preview_value`` so editors see what it is
for in the block picker. Rich text goes through the jargon buster, so a glossary
term is explained the first time it appears on a page.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailnhsukfrontend import blocks as nhsuk_blocks


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        template = "blocks/rich_text.html"
        icon = "pilcrow"
        description = (
            "Paragraphs, lists and links. Keep sentences short: aim for a reading age of 9."
        )
        preview_value = (
            "<p>Experts by experience help us design, buy and check the services they use.</p>"
        )


class InsetTextBlock(nhsuk_blocks.InsetTextBlock):
    class Meta:
        description = "Text set apart from the rest, for something people should not miss."
        preview_value = {"body": "<p>You can bring someone with you to any meeting.</p>"}


class WarningCalloutBlock(nhsuk_blocks.WarningCalloutBlock):
    class Meta:
        description = "A warning with a heading: use it sparingly."
        preview_value = {"title": "Important", "body": "<p>Closing date is Friday.</p>"}


class DetailsBlock(nhsuk_blocks.DetailsBlock):
    class Meta:
        description = "A short summary that opens to show more detail."


class ActionLinkBlock(nhsuk_blocks.ActionLinkBlock):
    class Meta:
        description = "A prominent link to the next thing to do, such as applying."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        help_text="Choose a picture. Its description is used as the alt text."
    )
    caption = blocks.CharBlock(required=False, help_text="Shown under the picture.")

    class Meta:
        template = "blocks/image.html"
        icon = "image"
        description = "A picture with an optional caption."


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo address. Videos must have captions.")
    title = blocks.CharBlock(help_text="What the video is about, read out by screen readers.")
    transcript = blocks.RichTextBlock(
        help_text="Everything said and shown in the video, for people who cannot watch it."
    )

    class Meta:
        template = "blocks/video.html"
        icon = "media"
        description = "A video with its transcript underneath."


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="The file to download.")
    title = blocks.CharBlock(required=False, help_text="Leave empty to use the document's title.")
    description = blocks.TextBlock(required=False, help_text="What is in it, in a sentence.")

    class Meta:
        template = "blocks/download.html"
        icon = "doc-full"
        description = "A document people can download, with its type and size."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="What the person said.")
    attribution = blocks.CharBlock(
        required=False, help_text="Who said it. Only name people who have agreed."
    )

    class Meta:
        template = "blocks/quote.html"
        icon = "openquote"
        description = "Words from an expert by experience."


class BodyStreamBlock(blocks.StreamBlock):
    """The body of most pages."""

    text = RichTextBlock()
    inset_text = InsetTextBlock()
    warning = WarningCalloutBlock()
    details = DetailsBlock()
    action_link = ActionLinkBlock()
    image = ImageBlock()
    video = VideoBlock()
    download = DownloadBlock()
    quote = QuoteBlock()

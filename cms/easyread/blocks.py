"""The Easy Read version of a page: short sentences, each with a picture beside it."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

SENTENCE_MAX_LENGTH = 120


class EasyReadPointBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=SENTENCE_MAX_LENGTH,
        help_text=(
            "One short sentence, about 15 words at most. Use everyday words and say one thing only."
        ),
    )
    image = ImageChooserBlock(
        help_text="A clear picture of what the sentence says. It is shown beside the sentence."
    )
    alt_text = blocks.CharBlock(
        required=False,
        max_length=125,
        help_text=(
            "What the picture shows, for people who cannot see it. Leave empty if it only "
            "shows what the sentence already says: screen readers then skip it."
        ),
    )

    class Meta:
        icon = "image"
        label = "Point with a picture"


class EasyReadHeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "Heading"
        help_text = "A few words that say what the next points are about."


class EasyReadBlock(blocks.StreamBlock):
    heading = EasyReadHeadingBlock(max_length=80)
    point = EasyReadPointBlock()

    class Meta:
        block_counts = {"point": {"min_num": 0}}


def sections(stream) -> list[dict]:
    """The Easy Read content as sections: each heading with the points after it (the first
    section has no heading when the content starts with points)."""
    result: list[dict] = []
    for child in stream:
        if child.block_type == "heading":
            result.append({"heading": child.value, "points": []})
            continue
        if not result:
            result.append({"heading": "", "points": []})
        result[-1]["points"].append(child.value)
    return result


EASY_READ_HELP_TEXT = (
    "Optional. An Easy Read version of this page: short sentences, each with a picture beside "
    "it. When it has points, the page shows an 'Easy Read version' link, and members who "
    "asked for Easy Read see it first."
)
EASY_READ_GUIDANCE = (
    "<p><strong>Easy Read</strong> helps people with a learning disability, and many others. "
    "Say only what people need to know, one idea a sentence, in everyday words. Choose a "
    "picture for each sentence that shows what it says. Use headings to split it into short "
    "parts. Aim for a reading age of 7 or below.</p>"
)

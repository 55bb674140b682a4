"""The ``easy_read`` field and its editor tab, the same on every page type that has one."""

from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.fields import StreamField

from .blocks import EASY_READ_GUIDANCE, EASY_READ_HELP_TEXT, EasyReadBlock


def easy_read_field(**kwargs) -> StreamField:
    kwargs.setdefault("help_text", EASY_READ_HELP_TEXT)
    return StreamField(EasyReadBlock(), blank=True, verbose_name="Easy Read version", **kwargs)


def easy_read_panels() -> list:
    return [HelpPanel(content=EASY_READ_GUIDANCE), FieldPanel("easy_read")]


def easy_read_tab() -> ObjectList:
    return ObjectList(easy_read_panels(), heading="Easy Read")

import factory
from wagtail.images import get_image_model

from .models import DisplayPreference
from .pictures import picture_file


class EasyReadImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Easy Read picture {n}")
    file = factory.LazyFunction(lambda: picture_file("people"))


class DisplayPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisplayPreference

    user = factory.SubFactory("cms.users.factories.UserFactory")
    large_text = False
    high_contrast = False

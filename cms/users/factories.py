import factory
from django.contrib.auth import get_user_model
from faker import Faker

from . import roles

_names = Faker("en_GB")


def _plain_name(name: str) -> str:
    # Without apostrophes ("O'Brien"), which HTML escapes: tests that look for a person's
    # name in a page would otherwise fail now and then, whenever Faker picks one.
    return name.replace("'", "")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.LazyFunction(lambda: _plain_name(_names.first_name()))
    last_name = factory.LazyFunction(lambda: _plain_name(_names.last_name()))
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Record the address as verified in allauth, so the person can sign in."""
        if not create or extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


class StaffUserFactory(UserFactory):
    """A member of staff in a role group: ``StaffUserFactory(role=roles.EDITORS)``."""

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(roles.ensure_role_groups()[extracted])


class AdministratorFactory(UserFactory):
    is_staff = True
    is_superuser = True


class PersonWithoutEmailFactory(UserFactory):
    """Someone a coordinator manages on their behalf: no email, no usable password."""

    class Meta:
        django_get_or_create = ()

    email = None
    password = factory.PostGeneration(lambda user, create, extracted, **kwargs: None)
    # No address to verify in allauth.
    verified_email = factory.PostGeneration(lambda user, create, extracted, **kwargs: None)

    @factory.post_generation
    def unusable_password(self, create, extracted, **kwargs):
        self.set_unusable_password()
        if create:
            self.save(update_fields=["password"])

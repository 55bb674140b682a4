from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def create_person_without_email(self, *, first_name, last_name, **extra_fields):
        """Someone a coordinator registered from a paper or phone application.

        They have no email address and an unusable password, so they cannot sign in
        until a coordinator gives them a sign-in (``cms.members.on_behalf.give_sign_in``).
        """
        user = self.model(email=None, first_name=first_name, last_name=last_name, **extra_fields)
        user.set_unusable_password()
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # No address is not a key: ``email__iexact=None`` would match people without email.
        if not email:
            raise self.model.DoesNotExist("An email address is required.")
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who signs in with their email address.

    First and last name stay separate because the Wagtail admin shows and edits
    them; ``preferred_name`` is what we call people in messages.

    People registered from a paper or phone application have no email address (it is
    stored as NULL, so any number of them can exist) and cannot sign in; they keep the
    same row, and all their history, when a coordinator later gives them a sign-in.
    """

    username = None
    email = models.EmailField(
        "email address",
        unique=True,
        null=True,
        blank=True,
        help_text=(
            "What they sign in with. Empty for someone a coordinator manages on their "
            "behalf: they cannot sign in until one is added."
        ),
    )
    preferred_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="What the person likes to be called in messages and on the site.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def save(self, *args, **kwargs):
        # An empty address is stored as NULL: unique allows many NULLs, not many "".
        if not self.email:
            self.email = None
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.email or f"Person {self.pk}"

    @property
    def has_email(self) -> bool:
        return bool(self.email)

    @property
    def display_name(self) -> str:
        if self.preferred_name or self.first_name:
            return self.preferred_name or self.first_name
        return self.email.split("@")[0] if self.email else str(self)

"""Where a person's data lives: found by walking the models, so new models are included.

A model holds someone's data if it has a foreign key, one-to-one or many-to-many field
to the user model or to ``MemberProfile`` (level 1), or a cascading foreign key to a
row they own at level 1 (level 2, "one hop").

A level-1 relation that cascades (``on_delete=CASCADE``), is protected (``PROTECT``) or
is many-to-many means the row *belongs* to the person (their badge, their email address): it is exported in full
and removed on deletion. Any other relation (``SET_NULL``, ``DO_NOTHING``...) only
*names* them, usually as the person who did something (``changed_by``, ``revoked_by``):
the export lists those rows without other people's details, and deletion clears the
link where it can. Only owned rows lead one hop further.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

# Models holding someone's data that are deliberately not exported, with the reason.
# The export completeness test fails for any other model it finds missing.
EXPORT_ALLOW_LIST: dict[str, str] = {}

# Fields never put in an export: secrets that would let someone take over the account.
REDACTED_FIELDS: dict[str, set[str]] = {
    "users.user": {"password"},
    "mfa.authenticator": {"data"},
    "account.emailconfirmation": {"key"},
    # The member sees their bank details masked on screen; the export does the same.
    "banking.bankdetails": {"ciphertext"},
}


def root_models() -> tuple[type[models.Model], type[models.Model]]:
    from cms.members.models import MemberProfile

    return get_user_model(), MemberProfile


@dataclass(frozen=True)
class Relation:
    model: type[models.Model]
    field: models.Field
    owned: bool
    parent: "Relation | None" = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def queryset(self, user, profile=None) -> models.QuerySet:
        """The rows of ``model`` this relation ties to ``user`` (and their profile)."""
        manager = self.model._base_manager
        if self.parent is not None:
            parent_rows = self.parent.queryset(user, profile).values("pk")
            return manager.filter(**{f"{self.field.name}__in": parent_rows})
        target = user if self.field.related_model is get_user_model() else profile
        if target is None:
            return manager.none()
        return manager.filter(**{self.field.name: target})


def _local_relation_fields(model):
    for field in model._meta.get_fields(include_parents=False):
        if (
            field.is_relation
            and field.concrete
            and (field.many_to_one or field.one_to_one or field.many_to_many)
            and field.model is model
        ):
            yield field


def _owns(field) -> bool:
    if field.many_to_many:
        return True
    # PROTECT marks a row that is the person's but must outlive their account (a payment
    # claim): it is exported in full, and deletion keeps it only if KEEP_ON_DELETION says why.
    return field.remote_field.on_delete in (models.CASCADE, models.PROTECT)


def _candidate_models():
    roots = root_models()
    for model in apps.get_models():
        if model._meta.proxy or model in roots:
            continue
        yield model


def personal_data_relations() -> list[Relation]:
    """Every relation from a model to a person, level 1 then level 2."""
    roots = root_models()
    level_one: list[Relation] = []
    for model in _candidate_models():
        for field in _local_relation_fields(model):
            if field.related_model in roots:
                level_one.append(Relation(model=model, field=field, owned=_owns(field)))
    owned_parents = {}
    for relation in level_one:
        if relation.owned:
            owned_parents.setdefault(relation.model, relation)
    level_two: list[Relation] = []
    seen_level_one = {relation.model for relation in level_one}
    for model in _candidate_models():
        if model in seen_level_one:
            continue
        for field in _local_relation_fields(model):
            if field.many_to_many or field.related_model not in owned_parents:
                continue
            if field.remote_field.on_delete is not models.CASCADE:
                continue
            for parent in level_one:
                if parent.owned and parent.model is field.related_model:
                    level_two.append(Relation(model=model, field=field, owned=True, parent=parent))
    return level_one + level_two


def models_holding_personal_data() -> set[type[models.Model]]:
    return {relation.model for relation in personal_data_relations()}

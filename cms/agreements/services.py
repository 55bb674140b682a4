"""Reading and signing agreements. Views, admin hooks and demo data call these."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.members.choices import Status
from cms.members.models import MemberProfile

from .models import AgreementDocument, AgreementSignature, AgreementVersion

# People who may sign: from checks onwards (signing is part of the recruitment checklist).
SIGNING_STATUSES = {Status.CHECKS, Status.INDUCTION, Status.ACTIVE, Status.ON_HOLD}


NAME_MISMATCH = (
    "Type your name as we have it: your first and last name, or the name you like to be called"
)


class SigningRefused(ValidationError):
    """Signing was refused; the message says why, in words a member can act on."""


@dataclass
class AgreementStatus:
    """Where one person stands with one agreement."""

    document: AgreementDocument
    latest: AgreementVersion | None
    signature: AgreementSignature | None  # their most recent signature, of any version

    @property
    def signed_latest(self) -> bool:
        return bool(self.latest and self.signature and self.signature.version_id == self.latest.pk)

    @property
    def needs_new_version(self) -> bool:
        return bool(self.latest and self.signature and not self.signed_latest)

    @property
    def needs_signing(self) -> bool:
        return bool(self.latest) and not self.signed_latest


def may_sign(user) -> bool:
    """Whether ``user`` is a member far enough through recruitment to sign agreements."""
    if not user.is_authenticated:
        return False
    return MemberProfile.objects.filter(user=user, status__in=SIGNING_STATUSES).exists()


def latest_versions() -> dict[int, AgreementVersion]:
    """The latest published version of each document, by document id."""
    latest: dict[int, AgreementVersion] = {}
    for version in AgreementVersion.objects.published().select_related("document"):
        current = latest.get(version.document_id)
        if current is None or version.number > current.number:
            latest[version.document_id] = version
    return latest


def agreement_statuses(user) -> list[AgreementStatus]:
    """Every agreement that has a published version, with ``user``'s latest signature."""
    latest = latest_versions()
    signatures: dict[int, AgreementSignature] = {}
    for signature in (
        AgreementSignature.objects.filter(user=user)
        .select_related("version")
        .order_by("version__number")
    ):
        signatures[signature.version.document_id] = signature
    return [
        AgreementStatus(document=version.document, latest=version, signature=signatures.get(doc))
        for doc, version in sorted(latest.items(), key=lambda item: item[1].document.title)
    ]


def agreements_to_sign(user) -> list[AgreementVersion]:
    """The latest published version of each agreement ``user`` has not signed."""
    return [status.latest for status in agreement_statuses(user) if status.needs_signing]


def _normalise(name: str) -> str:
    name = re.sub(r"[^\w\s'-]", " ", name.casefold())
    return " ".join(name.split())


def names_on_record(user) -> set[str]:
    """The names a person may sign with: first and last name, or their preferred name."""
    candidates = {
        f"{user.first_name} {user.last_name}",
        user.preferred_name,
        f"{user.preferred_name} {user.last_name}" if user.preferred_name else "",
    }
    return {_normalise(name) for name in candidates if _normalise(name)}


def name_matches(user, typed_name: str) -> bool:
    """True if ``typed_name`` is the person's name, ignoring case, spacing and full stops."""
    return _normalise(typed_name) in names_on_record(user)


def sign(user, version: AgreementVersion, typed_name: str) -> AgreementSignature:
    """Record ``user`` signing ``version`` with ``typed_name``; safe to call twice.

    Refused (``SigningRefused``) if the person may not sign, the version is not the
    latest published one, or the typed name is not theirs.
    """
    if not may_sign(user):
        raise SigningRefused("Only members of the programme can sign agreements.")
    latest = version.document.latest_version()
    if latest is None or latest.pk != version.pk:
        raise SigningRefused(
            "This agreement has changed since you opened it. Read the new version, then sign it."
        )
    if not names_on_record(user):
        raise SigningRefused(
            "We do not have your name on record yet. Please ask the involvement team to add it."
        )
    if not name_matches(user, typed_name):
        raise SigningRefused(NAME_MISMATCH, code="typed_name")
    try:
        with transaction.atomic():
            signature, _created = AgreementSignature.objects.get_or_create(
                user=user,
                version=version,
                defaults={"typed_name": typed_name.strip(), "signed_at": timezone.now()},
            )
    except IntegrityError:  # signed at the same moment in another tab
        signature = AgreementSignature.objects.get(user=user, version=version)
    return signature


@dataclass
class ReportRow:
    member: MemberProfile
    statuses: list[AgreementStatus]


def signatures_report(members) -> tuple[list[AgreementDocument], list[ReportRow]]:
    """For coordinators: each member against each agreement with a published version."""
    latest = latest_versions()
    documents = sorted((v.document for v in latest.values()), key=lambda d: d.title)
    members = list(members)
    by_user: dict[int, dict[int, AgreementSignature]] = {}
    for signature in (
        AgreementSignature.objects.filter(user__in=[m.user_id for m in members])
        .select_related("version")
        .order_by("version__number")
    ):
        by_user.setdefault(signature.user_id, {})[signature.version.document_id] = signature
    rows = []
    for member in members:
        signed = by_user.get(member.user_id, {})
        rows.append(
            ReportRow(
                member=member,
                statuses=[
                    AgreementStatus(
                        document=document,
                        latest=latest[document.pk],
                        signature=signed.get(document.pk),
                    )
                    for document in documents
                ],
            )
        )
    return documents, rows

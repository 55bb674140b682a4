"""Staff roles as Django groups, each with the least it needs.

Editors publish pages; coordinators run the programme; finance handles claims.
Members, mentors and applicants are not staff: what they may see is decided by
the member-side scoping layer, never by admin permissions. Administrators are
superusers.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"
COORDINATORS = "Coordinators"
FINANCE = "Finance"

# Snippet and settings permissions by role, as "app_label.codename".
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "glossary.add_glossaryterm",
        "glossary.change_glossaryterm",
        "glossary.delete_glossaryterm",
        "taxonomy.add_servicearea",
        "taxonomy.change_servicearea",
        "members.add_involvementrole",
        "members.change_involvementrole",
        "formpages.change_chartersignature",
        "core.change_organisationsettings",
        "agreements.add_agreementdocument",
        "agreements.change_agreementdocument",
        "agreements.add_agreementversion",
        "agreements.change_agreementversion",
        "subscriptions.view_subscriber",
        "annual_report.add_annualreport",
        "annual_report.change_annualreport",
    ],
    COORDINATORS: [
        "wagtailadmin.access_admin",
        "members.view_memberprofile",
        "members.change_memberprofile",
        "agreements.view_agreementdocument",
        "agreements.view_agreementversion",
        "agreements.view_agreementsignature",
        "subscriptions.view_subscriber",
        "subscriptions.delete_subscriber",
        "annual_report.add_annualreport",
        "annual_report.change_annualreport",
    ],
    FINANCE: [
        "wagtailadmin.access_admin",
        "banking.reveal_bankdetails",
        "claims.view_claim",
        "claims.change_claim",
        "claims.add_paymentrate",
        "claims.change_paymentrate",
        "claims.view_paymentrate",
        "claims.add_mileagerate",
        "claims.change_mileagerate",
        "claims.view_mileagerate",
        "claims.add_expensecap",
        "claims.change_expensecap",
        "claims.view_expensecap",
    ],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ]
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_role_groups() -> dict[str, Group]:
    """Create or update the staff groups and their permissions; safe to run again."""
    groups = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name in (EDITORS, COORDINATORS, FINANCE):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(p) for p in MODEL_PERMISSIONS.get(name, [])])
        for codename in PAGE_PERMISSIONS.get(name, []):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for dotted in COLLECTION_PERMISSIONS.get(name, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )
        groups[name] = group
    return groups

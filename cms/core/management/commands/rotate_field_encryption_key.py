from django.core.management.base import BaseCommand

from cms.core.crypto import rotate_all_fields


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field (health and access needs, DBS numbers) with the "
        "first key in FIELD_ENCRYPTION_KEY. Keep the old key after it (comma-separated) until "
        "this has run. Bank details have their own command, rotate_bank_details_key."
    )

    def handle(self, *args, **options):
        count = rotate_all_fields()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} values."))

from django.core.management.base import BaseCommand

from cms.banking.services import rotate_all_bank_details


class Command(BaseCommand):
    help = (
        "Re-encrypt every member's bank details with the first key in BANK_DETAILS_KEY. "
        "Keep the old key after it (comma-separated) until this has run."
    )

    def handle(self, *args, **options):
        count = rotate_all_bank_details()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} bank details."))

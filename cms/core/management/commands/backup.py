from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.core.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite or PostgreSQL, from DATABASE_URL) and the media and "
        "private media folders into one archive under backups/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.BASE_DIR) / "backups"),
            help="Where to write the archive (default: backups/ in the project).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            archive = backup(output_dir=Path(output_dir))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {archive}"))

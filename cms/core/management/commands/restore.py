from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.core.backups import BackupError, database_settings, restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup`: REPLACES everything in the database "
        "and adds the media files back. Stop the site and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file made by `manage.py backup`.")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the site's own (it must exist).",
        )
        parser.add_argument("--no-files", action="store_true", help="Restore the database only.")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, archive, database_url=None, no_files=False, no_input=False, **options):
        archive = Path(archive)
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}")
        db = database_settings(database_url)
        if not no_input:
            answer = input(
                f"This replaces everything in the database {db['NAME']}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(archive=archive, db=db, files=not no_files)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made at {manifest['created_at']}. "
                "Run `manage.py migrate` if the code is newer than the backup."
            )
        )

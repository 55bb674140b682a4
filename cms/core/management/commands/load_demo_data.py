from django.core.management.base import BaseCommand
from django.db import transaction

from cms.agreements import demo as agreements_demo
from cms.annual_report import demo as annual_report_demo
from cms.badges import demo as badges_demo
from cms.banking import demo as banking_demo
from cms.benefits import demo as benefits_demo
from cms.bulletins import demo as bulletins_demo
from cms.claims import demo as claims_demo
from cms.development import demo as development_demo
from cms.formpages import demo as formpages_demo
from cms.glossary import demo as glossary_demo
from cms.home import demo as home_demo
from cms.members import demo as members_demo
from cms.mentoring import demo as mentoring_demo
from cms.notifications import demo as notifications_demo
from cms.opportunities import demo as opportunities_demo
from cms.participation import demo as participation_demo
from cms.resources import demo as resources_demo
from cms.subscriptions import demo as subscriptions_demo
from cms.supporters import demo as supporters_demo
from cms.taxonomy import demo as taxonomy_demo
from cms.training import demo as training_demo
from cms.users.demo import DEMO_PEOPLE, load_demo_users
from cms.wellbeing import demo as wellbeing_demo


class Command(BaseCommand):
    help = (
        "Load realistic demo content and one sign-in per role. Safe to run again: "
        "a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for every demo sign-in. Random (and printed once) if not given.",
        )

    def handle(self, *args, password=None, **options):
        with transaction.atomic():
            generated_password, created_people = load_demo_users(password=password)
            home = home_demo.load_home_page()
            taxonomy_demo.load_demo()
            # Created in menu order: each new page goes after its siblings.
            sections = {"opportunities": opportunities_demo.load_demo(home_page=home)}
            general_pages = home_demo.load_general_pages(home_page=home)
            sections["get_involved"] = general_pages["get_involved"]
            sections["training"] = training_demo.load_demo(home_page=home)
            opportunities_demo.link_required_training(
                index=sections["opportunities"], training_index=sections["training"]
            )
            sections["jargon_buster"] = glossary_demo.load_demo(home_page=home)
            sections["bulletins"] = bulletins_demo.load_demo(home_page=home)
            sections["resources"] = resources_demo.load_demo(home_page=home)
            formpages_demo.load_demo(home_page=home, parent_page=general_pages["get_involved"])
            home_demo.load_organisation_settings(general_pages=general_pages)
            home_demo.fill_home_page(home_page=home, sections=sections)
            # People in the members area, once the roles, service areas and training exist.
            members_demo.load_demo()
            agreements_demo.load_demo()
            badges_demo.load_demo_badges()
            participation_demo.load_demo()
            claims_demo.load_demo()
            banking_demo.load_demo()
            benefits_demo.load_demo()
            notifications_demo.load_demo()
            mentoring_demo.load_demo()
            development_demo.load_demo()
            supporters_demo.load_demo(password=password or generated_password)
            wellbeing_demo.load_demo()
            subscriptions_demo.load_demo()
            bulletins_demo.load_demo_sends()
            training_demo.load_demo_records()
            annual_report_demo.load_demo()

        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if created_people:
            self.stdout.write("Demo sign-ins created:")
            for email, *_rest, role in DEMO_PEOPLE:
                if email in created_people:
                    self.stdout.write(f"  {email:<26} {role or 'member area only'}")
        if generated_password:
            self.stdout.write(
                self.style.WARNING(
                    f"Their password is {generated_password} (shown once: note it now)."
                )
            )

"""Loads the demo newsroom: the Idlib article, its records, explainers and an admin user."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conflicts.links import site_address
from newsroom.demo.loader import ADMIN_USERNAME, EDITOR_USERNAME, STANDARDS_USERNAME, demo_load

DEV_DEMO_PASSWORD = "conflict-desk-demo"


class Command(BaseCommand):
    help = "Builds the demo site. Safe to run again: existing records are kept, nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default=os.environ.get("DEMO_ADMIN_PASSWORD", ""),
            help="Password for the demo users (default: DEMO_ADMIN_PASSWORD, or a fixed one with DEBUG on).",
        )
        parser.add_argument(
            "--site-url",
            default=os.environ.get("SITE_URL", ""),
            help="Where the site is served, e.g. https://news.example.org (default: SITE_URL). The default "
            "Wagtail Site is set to it, so every URL the site publishes is on it.",
        )

    def handle(self, *args, admin_password, site_url, **options):
        if not admin_password:
            if not settings.DEBUG:
                raise CommandError(
                    "Give --admin-password (or DEMO_ADMIN_PASSWORD): the fixed demo password "
                    "is only used with DEBUG on."
                )
            admin_password = DEV_DEMO_PASSWORD
        if site_url:
            try:
                site_address(site_url)
            except ValueError as error:
                raise CommandError(f"--site-url / SITE_URL: {error}") from error
        demo_load(admin_password=admin_password, site_url=site_url)
        site_url = (site_url or "http://127.0.0.1:8000").rstrip("/")
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write(f"Site:  {site_url}/")
        self.stdout.write(f"Admin: {site_url}/admin/")
        self.stdout.write(
            f"Partner API: {site_url}/api/v1/docs/ (issue a key with: python manage.py create_partner_key \"Demo Partner\")"
        )
        self.stdout.write(
            f"Log in as {ADMIN_USERNAME} / {admin_password} (or {EDITOR_USERNAME}, an editor without access to "
            f"confidential source fields who submits articles to the Sourcing review, or {STANDARDS_USERNAME}, a "
            "standards editor who approves them; the password was set when the user was first created)."
        )

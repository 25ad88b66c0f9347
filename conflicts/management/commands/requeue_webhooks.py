"""Queues again webhook deliveries whose queue entry was lost; run it every few minutes."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from conflicts.services.webhooks import webhook_deliveries_requeue


class Command(BaseCommand):
    help = (
        "Queue again every pending webhook delivery overdue by more than --minutes (default 5), "
        "for `db_worker` to send. Safe to run at any time: a delivery is never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=5, help="How long overdue a delivery must be.")

    def handle(self, *args, minutes, **options):
        if minutes < 0:
            raise CommandError("--minutes must be 0 or more.")
        count = webhook_deliveries_requeue(overdue_for=timedelta(minutes=minutes))
        self.stdout.write(f"{count} overdue webhook deliver{'y' if count == 1 else 'ies'} queued again.")

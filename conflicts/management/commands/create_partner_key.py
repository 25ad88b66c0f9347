"""Issues an API key for a partner and prints it alone on the last line (it is not stored)."""

from django.core.management.base import BaseCommand, CommandError

from conflicts.models import Partner
from conflicts.services.partners import partner_key_issue


class Command(BaseCommand):
    help = "Create an API key for a partner. The key is printed once, on the last line; only its digest is kept."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="The partner's name, exactly as in the admin.")
        parser.add_argument("--name", default="", help="What the key is for, e.g. the partner's server.")

    def handle(self, *args, partner, name, **options):
        try:
            partner_obj = Partner.objects.get(name=partner)
        except Partner.DoesNotExist:
            known = ", ".join(Partner.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"No partner named {partner!r}. Partners: {known}.") from None
        key, plaintext = partner_key_issue(partner=partner_obj, name=name)
        if not partner_obj.is_active:
            self.stderr.write(f"Warning: {partner_obj} is inactive; the key is refused until it is reactivated.")
        self.stdout.write(f"Key {key.prefix}… for {partner_obj}. Store it now; it cannot be shown again:")
        self.stdout.write(plaintext)

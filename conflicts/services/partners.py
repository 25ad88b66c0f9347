"""Partner API keys: issued once in plain text, kept only as a digest, revocable."""

import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from ..models import Partner, PartnerKey

KEY_PREFIX = "cdk"


@transaction.atomic
def partner_key_issue(*, partner: Partner, by=None, name=""):
    """Creates a key for the partner; returns (PartnerKey, plaintext). The plaintext is not stored."""
    prefix = secrets.token_hex(6)
    plaintext = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = PartnerKey.objects.create(
        partner=partner, name=name, prefix=prefix, digest=PartnerKey.digest_for(plaintext), created_by=by
    )
    return key, plaintext


def partner_key_revoke(*, key: PartnerKey):
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def partner_key_resolve(plaintext):
    """The unrevoked key matching the plaintext, with its partner, or None."""
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or len(plaintext) > 200:
        return None
    key = PartnerKey.objects.active().select_related("partner").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.digest, PartnerKey.digest_for(plaintext)):
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        PartnerKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key

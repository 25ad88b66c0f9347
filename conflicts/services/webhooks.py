"""Webhook events for partners: recorded with the change, delivered in the background, signed."""

import hashlib
import hmac
import ipaddress
import json
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..conf import conflicts_setting
from ..models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent

SIGNATURE_HEADER = "X-Conflict-Desk-Signature"
EVENT_ID_HEADER = "X-Conflict-Desk-Event-Id"
EVENT_TYPE_HEADER = "X-Conflict-Desk-Event"


def webhook_event_emit(*, event: WebhookEvent, conflict_id, data):
    """Records one delivery per subscribed webhook of an active partner allowed the conflict.

    The deliveries are queued once the surrounding transaction commits, so a rolled-back
    change never reaches a partner.
    """
    webhooks = Webhook.objects.filter(
        is_active=True, partner__is_active=True, partner__conflicts__id=conflict_id
    ).distinct()
    deliveries = [
        WebhookDelivery(webhook=webhook, event=event, payload=data)
        for webhook in webhooks
        if webhook.wants(event)
    ]
    WebhookDelivery.objects.bulk_create(deliveries)
    if deliveries:
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: _enqueue(ids))
    return deliveries


def _enqueue(ids, run_after=None):
    from ..tasks import deliver_webhook

    task = deliver_webhook
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    for pk in ids:
        task.enqueue(pk)


def webhook_body(delivery):
    return json.dumps(
        {
            "id": str(delivery.event_id),
            "type": delivery.event,
            "created": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def webhook_signature(secret, timestamp, body):
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, so a receiver can reject replays."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def webhook_signature_verify(secret, header, body, *, tolerance=300, now=None):
    """Receiver-side check, also used by the partner guide's example client."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = webhook_signature(secret, timestamp, body)
    return hmac.compare_digest(expected, header)


def webhook_url_refusal(url):
    """Why a webhook URL must not be called, or "" if it may: only http(s), and unless allowed by
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES, only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Only http(s) URLs receive webhooks."
    if conflicts_setting("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"):
        return ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError as error:
        return f"The host could not be resolved: {error}"[:500]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            return f"Refused: {parts.hostname} resolves to a non-public address ({ip})."
    return ""


def webhook_retry_delay(attempts, base):
    """Exponential backoff: base, 2×base, 4×base … capped at six hours."""
    return min(base * 2 ** (attempts - 1), 6 * 3600)


def webhook_deliveries_due(now=None):
    """Pending deliveries whose next attempt is due."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def webhook_deliveries_requeue(*, overdue_for=timedelta(minutes=5), now=None):
    """Queues again the pending deliveries overdue by more than `overdue_for`; returns how many.

    A delivery is queued once, after its change commits; if that queue entry never runs (the
    enqueue failed, the queue was cleared, a worker died mid-task), the delivery would wait
    forever. Run periodically, this picks it up. A delivery queued twice is still sent once:
    the task locks it and skips anything no longer pending or not yet due.
    """
    cutoff = (now or timezone.now()) - overdue_for
    overdue = webhook_deliveries_due(cutoff).filter(created_at__lte=cutoff)
    ids = list(overdue.order_by("pk").values_list("pk", flat=True))
    _enqueue(ids)
    return len(ids)

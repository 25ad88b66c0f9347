"""Webhook events for partners: recorded with the change, delivered in the background, signed."""

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import ssl
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from ..choices import DeliveryStatus, WebhookEvent
from ..conf import conflicts_setting
from ..models import Webhook, WebhookDelivery

SIGNATURE_HEADER = "X-Conflict-Desk-Signature"
EVENT_ID_HEADER = "X-Conflict-Desk-Event-Id"
EVENT_TYPE_HEADER = "X-Conflict-Desk-Event"

logger = logging.getLogger(__name__)


def webhook_event_emit(*, event: WebhookEvent, audience, data):
    """Records one delivery per subscribed webhook of each active partner `audience(partner)` admits.

    `audience` is built from conflicts.audience, the rules the API itself applies, so a partner is
    told only about what it may receive. The deliveries are queued once the surrounding
    transaction commits, so a rolled-back change never reaches a partner.
    """
    webhooks = [
        webhook
        for webhook in Webhook.objects.filter(is_active=True, partner__is_active=True).select_related("partner")
        if webhook.wants(event)
    ]
    admitted = {}
    for webhook in webhooks:
        if webhook.partner_id not in admitted:
            admitted[webhook.partner_id] = audience(webhook.partner)
    deliveries = [
        WebhookDelivery(webhook=webhook, event=event, payload=data)
        for webhook in webhooks
        if admitted[webhook.partner_id]
    ]
    WebhookDelivery.objects.bulk_create(deliveries)
    if deliveries:
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: _enqueue(ids))
    return deliveries


@task()
def deliver_webhook(delivery_id):
    """The background task (run by `manage.py db_worker`): one attempt at one delivery."""
    return webhook_delivery_attempt(delivery_id)


def _enqueue(ids, run_after=None):
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


def webhook_address_resolve(url):
    """(address, refusal): the IP address to connect to for a webhook URL, or why it must not be
    called: only http(s), and unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES, only public addresses.

    The delivery connects to the very address checked here, so a host whose DNS answer changes
    between the check and the connection (DNS rebinding) cannot reach the newsroom's network.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None, "Only http(s) URLs receive webhooks."
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = [info[4][0] for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)]
    except (OSError, ValueError) as error:
        return None, f"The host could not be resolved: {error}"[:500]
    if not addresses:
        return None, "The host could not be resolved."
    if not conflicts_setting("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"):
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                return None, f"Refused: {parts.hostname} resolves to a non-public address ({ip})."
    return addresses[0], ""


def webhook_url_refusal(url):
    """Why a webhook URL must not be called, or "" if it may (see webhook_address_resolve)."""
    return webhook_address_resolve(url)[1]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a given address while speaking HTTP to the URL's host."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to a given address; TLS still verifies the certificate against the URL's host."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def webhook_post(url, *, address, body, headers, timeout):
    """POSTs to `url` through `address`; returns (status code or None, error text). No redirects."""
    parts = urlsplit(url)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, address=address, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
    except (OSError, http.client.HTTPException) as error:
        return None, (str(error) or type(error).__name__)[:500]
    finally:
        connection.close()
    if 200 <= response.status < 300:
        return response.status, ""
    return response.status, f"HTTP {response.status} {response.reason}"[:500]


def _claim_attempt(delivery_id):
    """Locks the delivery just long enough to take this attempt: while it runs, its next attempt
    is pushed past the request's timeout, so another worker given the same delivery skips it."""
    with transaction.atomic():
        delivery = (
            webhook_deliveries_due().select_for_update().select_related("webhook").filter(pk=delivery_id).first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=2 * conflicts_setting("WEBHOOK_TIMEOUT") + 30)
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _signed_headers(delivery, body):
    return {
        "Content-Type": "application/json",
        "User-Agent": f"{settings.WAGTAIL_SITE_NAME} webhooks",
        EVENT_TYPE_HEADER: delivery.event,
        EVENT_ID_HEADER: str(delivery.event_id),
        SIGNATURE_HEADER: webhook_signature(delivery.webhook.secret, int(time.time()), body),
    }


def webhook_delivery_attempt(delivery_id):
    """Sends one due delivery and records the outcome; on failure schedules the next attempt with
    exponential backoff. Returns the delivery's status, or "skipped" if it was not due.

    The partner's server is called outside any transaction: a slow partner holds no row lock.
    """
    delivery = _claim_attempt(delivery_id)
    if delivery is None:
        return "skipped"
    address, refusal = webhook_address_resolve(delivery.webhook.url)
    if refusal:
        delivery.status, delivery.last_error, delivery.next_attempt_at = DeliveryStatus.FAILED, refusal, None
        delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
        logger.warning("Webhook delivery %s refused: %s", delivery.event_id, refusal)
        return delivery.status
    body = webhook_body(delivery)
    delivery.last_response_code, delivery.last_error = webhook_post(
        delivery.webhook.url, address=address, body=body, headers=_signed_headers(delivery, body),
        timeout=conflicts_setting("WEBHOOK_TIMEOUT"),
    )
    _record_outcome(delivery)
    return delivery.status


def _record_outcome(delivery):
    now = timezone.now()
    if delivery.last_response_code is not None and not delivery.last_error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.DELIVERED, now, None
    elif delivery.attempts >= conflicts_setting("WEBHOOK_MAX_ATTEMPTS"):
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        logger.warning("Webhook delivery %s failed after %s attempts", delivery.event_id, delivery.attempts)
    else:
        delay = webhook_retry_delay(delivery.attempts, conflicts_setting("WEBHOOK_RETRY_BASE_SECONDS"))
        delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.save(update_fields=[
        "status", "delivered_at", "next_attempt_at", "last_response_code", "last_error",
    ])
    if delivery.status == DeliveryStatus.PENDING:
        _enqueue([delivery.pk], run_after=delivery.next_attempt_at)


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

"""Background work, run by `python manage.py db_worker` (django-tasks with its database backend)."""

import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .conf import conflicts_setting
from .models import DeliveryStatus
from .services import webhooks

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(delivery_id):
    """POSTs one signed event; on failure schedules the next attempt with exponential backoff."""
    with transaction.atomic():
        # Locked, and only while pending and due: a delivery queued twice is still sent once.
        delivery = (
            webhooks.webhook_deliveries_due()
            .select_for_update()
            .select_related("webhook")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "skipped"
        refusal = webhooks.webhook_url_refusal(delivery.webhook.url)
        if refusal:
            delivery.status, delivery.last_error = DeliveryStatus.FAILED, refusal
            delivery.save()
            logger.warning("Webhook delivery %s refused: %s", delivery.event_id, refusal)
            return delivery.status
        body = webhooks.webhook_body(delivery)
        request = urllib.request.Request(
            delivery.webhook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": f"{settings.WAGTAIL_SITE_NAME} webhooks",
                webhooks.EVENT_TYPE_HEADER: delivery.event,
                webhooks.EVENT_ID_HEADER: str(delivery.event_id),
                webhooks.SIGNATURE_HEADER: webhooks.webhook_signature(
                    delivery.webhook.secret, int(time.time()), body
                ),
            },
        )
        delivery.attempts += 1
        try:
            with urllib.request.urlopen(request, timeout=conflicts_setting("WEBHOOK_TIMEOUT")) as response:
                delivery.last_response_code = response.status
                delivery.last_error = ""
        except urllib.error.HTTPError as error:
            delivery.last_response_code = error.code
            delivery.last_error = f"HTTP {error.code} {error.reason}"[:500]
        except (urllib.error.URLError, OSError, ValueError) as error:
            delivery.last_response_code = None
            delivery.last_error = str(getattr(error, "reason", error))[:500]

        now = timezone.now()
        retry_at = None
        if delivery.last_response_code is not None and 200 <= delivery.last_response_code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts >= conflicts_setting("WEBHOOK_MAX_ATTEMPTS"):
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
            logger.warning("Webhook delivery %s failed after %s attempts", delivery.event_id, delivery.attempts)
        else:
            delay = webhooks.webhook_retry_delay(delivery.attempts, conflicts_setting("WEBHOOK_RETRY_BASE_SECONDS"))
            retry_at = delivery.next_attempt_at = now + timedelta(seconds=delay)
        delivery.save()
        if retry_at is not None:
            transaction.on_commit(lambda: webhooks._enqueue([delivery.pk], run_after=retry_at))
    return delivery.status

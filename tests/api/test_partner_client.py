"""The partner guide's example client works against a running site."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from conflicts.models import Partner, Webhook
from conflicts.services.partners import partner_key_issue
from conflicts.services.webhooks import webhook_body, webhook_signature
from newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLIENT = Path(__file__).resolve().parents[2] / "docs" / "partner_client.py"


def load_client():
    spec = importlib.util.spec_from_file_location("partner_client", CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_client_syncs_the_demo_and_verifies_signatures(live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # The site is served where the client reaches it, so the links it follows (next pages) work.
    call_command("load_demo", admin_password="correct-horse-battery", site_url=live_server.url, stdout=io.StringIO())
    partner = Partner.objects.get(name="Demo Partner")
    client = load_client()
    desk = client.ConflictDesk(live_server.url, partner_key_issue(partner=partner)[1])

    articles, tombstones = desk.sync()
    assert [item["headlines"][0]["value"] for item in articles] == list(
        ArticlePage.objects.live().values_list("title", flat=True)
    )
    assert tombstones == []
    article_id = ArticlePage.objects.live().first().pk
    assert desk.get(f"/api/v1/articles/{article_id}/")[0] == 200
    assert desk.get(f"/api/v1/articles/{article_id}/")[0] == 304  # the client sends its ETag back

    webhook = Webhook.objects.create(partner=partner, url="https://partner.example/hooks", events=["claim.status_changed"])
    delivery = webhook.deliveries.create(event="claim.status_changed", payload={"claim": {"id": 1}})
    body = webhook_body(delivery)
    import time

    header = webhook_signature(webhook.secret, int(time.time()), body)
    assert client.verify_webhook(webhook.secret, header, body)
    assert not client.verify_webhook(webhook.secret, header, body + b" ")
    stale = webhook_signature(webhook.secret, int(time.time()) - 3600, body)
    assert not client.verify_webhook(webhook.secret, stale, body)

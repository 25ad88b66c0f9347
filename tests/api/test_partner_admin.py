"""Partners in the Wagtail admin: keys shown once and revocable, a read-only delivery log."""

import pytest

from conflicts.models import PartnerKey, Webhook, WebhookDelivery
from tests.api.conftest import api_client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_admin_issues_a_key_shown_once_that_works_and_can_be_revoked(admin_client, partner):
    response = admin_client.post("/admin/partner_keys/new/", {"partner": partner.pk, "name": "cms"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = PartnerKey.objects.get(name="cms")
    plaintext = response.context["plaintext"]
    assert f'value="{plaintext}"' in response.content.decode()
    assert plaintext not in admin_client.get("/admin/partner_keys/").content.decode()
    assert plaintext not in admin_client.get(f"/admin/partner_keys/edit/{key.pk}/").content.decode()
    assert api_client(plaintext).get("/api/v1/conflicts/").status_code == 200

    response = admin_client.post(f"/admin/partner_keys/edit/{key.pk}/", {"name": "cms", "revoke": "on"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert api_client(plaintext).get("/api/v1/conflicts/").status_code == 401


def test_a_rate_limit_that_cannot_be_read_is_refused(admin_client, partner):
    response = admin_client.post(f"/admin/partners/edit/{partner.pk}/", {
        "name": partner.name, "is_active": "on", "rate_limit": "lots", "conflicts": [],
        "webhooks-TOTAL_FORMS": "0", "webhooks-INITIAL_FORMS": "0",
        "webhooks-MIN_NUM_FORMS": "0", "webhooks-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert "120/minute" in response.content.decode()
    partner.refresh_from_db()
    assert partner.rate_limit == "1000/minute"


def test_webhooks_are_added_on_the_partner_with_a_generated_secret(admin_client, partner):
    response = admin_client.post(f"/admin/partners/edit/{partner.pk}/", {
        "name": partner.name, "is_active": "on", "rate_limit": "100/minute", "conflicts": [],
        "webhooks-TOTAL_FORMS": "1", "webhooks-INITIAL_FORMS": "0",
        "webhooks-MIN_NUM_FORMS": "0", "webhooks-MAX_NUM_FORMS": "1000",
        "webhooks-0-url": "https://partner.example/hooks", "webhooks-0-events": ["claim.status_changed"],
        "webhooks-0-is_active": "on", "webhooks-0-ORDER": "1", "webhooks-0-id": "",
    })
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    webhook = Webhook.objects.get(partner=partner)
    assert webhook.events == ["claim.status_changed"] and len(webhook.secret) >= 32
    inspect = admin_client.get(f"/admin/partners/inspect/{partner.pk}/").content.decode()
    assert webhook.secret in inspect and "https://partner.example/hooks" in inspect


def test_the_delivery_log_can_be_read_but_not_changed(admin_client, partner):
    webhook = Webhook.objects.create(partner=partner, url="https://partner.example/hooks", events=["claim.status_changed"])
    delivery = WebhookDelivery.objects.create(webhook=webhook, event="claim.status_changed", payload={"claim": 1})
    assert admin_client.get("/admin/webhook_deliveries/").status_code == 200
    assert admin_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").status_code == 200
    for path in ["new/", f"edit/{delivery.pk}/", f"delete/{delivery.pk}/"]:
        assert admin_client.get(f"/admin/webhook_deliveries/{path}").status_code == 302
    assert admin_client.post(f"/admin/webhook_deliveries/delete/{delivery.pk}/").status_code == 302
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()

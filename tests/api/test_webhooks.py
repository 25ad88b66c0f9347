"""Signed webhook deliveries to a real HTTP receiver on 127.0.0.1, with retries through the task queue."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from conflicts.models import Partner, Webhook, WebhookDelivery
from conflicts.services.claims import claim_change_status
from conflicts.services.webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, webhook_signature_verify
from tests.factories import ConflictFactory, make_article, make_claim, make_explainer

# Deliveries are queued after commit: the tests commit, and restore Wagtail's tree afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Receiver:
    """A partner's endpoint that fails the first `failures` requests with a 503."""

    def __init__(self, failures=0):
        self.failures = failures
        self.requests = []
        self.accepted = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                if len(receiver.requests) <= receiver.failures:
                    self.send_response(503)
                    self.end_headers()
                    return
                event_id = self.headers[EVENT_ID_HEADER]
                if event_id not in {e for e, _ in receiver.accepted}:
                    receiver.accepted.append((event_id, json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/conflict-desk"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receivers = []

    def start(failures=0):
        receivers.append(Receiver(failures))
        return receivers[-1]

    yield start
    for one in receivers:
        one.close()


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def subscribe(url, events):
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    partner = Partner.objects.create(name="Partner Outlet")
    partner.conflicts.set([conflict])
    partner.save()
    webhook = Webhook.objects.create(partner=partner, url=url, events=events)
    return conflict, webhook


def carrying(claim):
    return [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">The claim.</a></p>')]


def test_a_claim_status_change_gives_one_signed_delivery(receiver, site_tree):
    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["claim.status_changed"])
    claim = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(claim))

    claim_change_status(
        claim=claim, to="confirmed", by=None, note="Satellite images show the post empty.",
        internal_note="Checked with the Ankara stringer; do not name him.",
    )

    assert len(endpoint.requests) == 1
    headers, body = endpoint.requests[0]
    assert webhook_signature_verify(webhook.secret, headers[SIGNATURE_HEADER], body)
    assert not webhook_signature_verify("another secret", headers[SIGNATURE_HEADER], body)
    assert not webhook_signature_verify(webhook.secret, headers[SIGNATURE_HEADER], body.replace(b"confirmed", b"denied"))
    event = json.loads(body)
    assert event["type"] == "claim.status_changed"
    assert event["id"] == headers[EVENT_ID_HEADER]
    assert event["data"]["claim"]["id"] == claim.pk
    assert (event["data"]["from"], event["data"]["to"]) == ("unconfirmed", "confirmed")
    assert event["data"]["note"] == "Satellite images show the post empty."
    assert b"Ankara stringer" not in body
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_response_code) == ("delivered", 1, 204)


def test_other_conflicts_and_unsubscribed_events_send_nothing(receiver, site_tree):
    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["article.published"])
    claim_change_status(claim=make_claim(conflict=conflict), to="denied", by=None, note="Denied by the ministry.")
    make_article(site_tree["news"], title="Elsewhere", conflict=ConflictFactory(name="Other", slug="other"))
    assert endpoint.requests == []


def test_article_events_published_updated_corrected_unpublished(receiver, site_tree):
    from newsroom.models import ArticleUpdate

    endpoint = receiver()
    conflict, webhook = subscribe(
        endpoint.url, ["article.published", "article.updated", "article.corrected", "article.unpublished"]
    )
    article = make_article(site_tree["news"], title="Posts withdrawn", conflict=conflict)
    article.title = "Posts withdrawn, ministry says"
    article.save_revision().publish()
    article.update_log.add(ArticleUpdate(kind="correction", text="An earlier version misnamed the village."))
    article.save_revision().publish()
    article.unpublish()
    events = [json.loads(body)["type"] for _, body in endpoint.requests]
    assert events == ["article.published", "article.updated", "article.corrected", "article.unpublished"]


def test_a_receiver_failing_twice_gets_the_event_once_after_retries(receiver, settings, site_tree):
    endpoint = receiver(failures=2)
    conflicts_settings = {**settings.CONFLICTS, "WEBHOOK_RETRY_BASE_SECONDS": 0}
    with override_settings(TASKS=DATABASE_QUEUE, CONFLICTS=conflicts_settings):
        conflict, webhook = subscribe(endpoint.url, ["claim.status_changed"])
        claim = make_claim(conflict=conflict)
        make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(claim))
        claim_change_status(claim=claim, to="disputed", by=None, note="Opposition groups deny it.")
        assert endpoint.requests == []  # queued, not sent inside the editor's request
        for _ in range(5):
            run_worker()
            if len(endpoint.requests) >= 3:
                break

    assert len(endpoint.requests) == 3
    assert len({headers[EVENT_ID_HEADER] for headers, _ in endpoint.requests}) == 1
    assert len(endpoint.accepted) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_response_code) == ("delivered", 3, 204)


def test_a_delivery_whose_queue_entry_was_lost_is_sent_by_the_requeue_command(receiver):
    endpoint = receiver()
    with override_settings(TASKS=DATABASE_QUEUE):
        conflict, webhook = subscribe(endpoint.url, ["claim.status_changed"])
        long_ago = timezone.now() - timedelta(minutes=10)
        lost = WebhookDelivery.objects.create(
            webhook=webhook, event="claim.status_changed", payload={"claim": {"id": 1}}, created_at=long_ago
        )
        recent = WebhookDelivery.objects.create(webhook=webhook, event="claim.status_changed", payload={})
        run_worker()
        assert endpoint.requests == []  # nothing in the queue: the delivery waits

        out = StringIO()
        call_command("requeue_webhooks", stdout=out)
        assert out.getvalue().strip() == "1 overdue webhook delivery queued again."
        run_worker()

        assert [headers[EVENT_ID_HEADER] for headers, _ in endpoint.requests] == [str(lost.event_id)]
        lost.refresh_from_db()
        recent.refresh_from_db()
        assert (lost.status, recent.status) == ("delivered", "pending")  # the recent one is not overdue yet
        call_command("requeue_webhooks", stdout=out)
        assert out.getvalue().strip().endswith("0 overdue webhook deliveries queued again.")


def test_a_delivery_queued_twice_is_sent_once_and_never_before_it_is_due(receiver):
    from conflicts.services.webhooks import _enqueue

    endpoint = receiver()
    with override_settings(TASKS=DATABASE_QUEUE):
        conflict, webhook = subscribe(endpoint.url, ["claim.status_changed"])
        delivery = WebhookDelivery.objects.create(webhook=webhook, event="claim.status_changed", payload={})
        later = WebhookDelivery.objects.create(
            webhook=webhook, event="claim.status_changed", payload={},
            next_attempt_at=timezone.now() + timedelta(hours=1),
        )
        _enqueue([delivery.pk, delivery.pk, later.pk])
        run_worker()

    assert [headers[EVENT_ID_HEADER] for headers, _ in endpoint.requests] == [str(delivery.event_id)]
    later.refresh_from_db()
    assert (later.status, later.attempts) == ("pending", 0)


def test_requeue_refuses_a_negative_age():
    with pytest.raises(CommandError, match="--minutes must be 0 or more"):
        call_command("requeue_webhooks", minutes=-1)


def test_deliveries_to_the_newsrooms_own_network_are_refused(receiver, settings, site_tree):
    endpoint = receiver()
    settings.CONFLICTS = {**settings.CONFLICTS, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": False}
    conflict, webhook = subscribe(endpoint.url, ["claim.status_changed"])
    claim = make_claim(conflict=conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(claim))
    claim_change_status(claim=claim, to="confirmed", by=None, note="Geolocated.")
    assert endpoint.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert "non-public address (127.0.0.1)" in delivery.last_error


@pytest.mark.parametrize("url, refused", [
    ("https://8.8.8.8/hooks", ""),
    ("http://10.0.0.5/hooks", "non-public address"),
    ("http://169.254.169.254/latest/meta-data/", "non-public address"),
    ("http://[::1]:8080/hooks", "non-public address"),
    ("file:///etc/passwd", "Only http(s)"),
    ("ftp://8.8.8.8/hooks", "Only http(s)"),
])
def test_which_webhook_urls_are_called(settings, url, refused):
    from conflicts.services.webhooks import webhook_url_refusal

    settings.CONFLICTS = {**settings.CONFLICTS, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": False}
    reason = webhook_url_refusal(url)
    assert (refused in reason) if refused else reason == ""


def sent(event=None):
    rows = WebhookDelivery.objects.order_by("pk")
    return [(row.event, row.payload) for row in rows if event is None or row.event == event]


def test_a_claim_no_public_page_carries_reaches_no_partner(receiver, site_tree):
    from wagtail.models import PageViewRestriction

    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["claim.status_changed", "claim.published"])
    claim = make_claim(statement="Unpublished: a convoy crossed at Kafr Lusin.", conflict=conflict)
    make_article(site_tree["news"], title="Draft", conflict=conflict, body=carrying(claim), publish=False)
    private = make_article(site_tree["news"], title="Embargoed", conflict=conflict)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    private.body = carrying(claim)
    private.save_revision().publish()

    claim_change_status(claim=claim, to="confirmed", by=None, note="Seen by our reporter.",
                        evidence_url="https://example.org/evidence")

    assert sent() == []
    assert endpoint.requests == []


def test_a_claim_is_announced_once_when_coverage_first_carries_it(receiver, site_tree):
    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["claim.status_changed", "claim.published"])
    claim = make_claim(statement="Troops left Morek.", conflict=conflict)
    other = make_claim(statement="The M5 reopened.", conflict=conflict)
    claim_change_status(claim=claim, to="disputed", by=None, note="Denied by Ankara.")
    assert sent() == []

    article = make_article(site_tree["news"], title="Morek", conflict=conflict, body=carrying(claim))
    [(event, payload)] = sent()
    assert event == "claim.published"
    assert payload["claim"] == {
        "id": claim.pk, "statement": "Troops left Morek.", "status": "disputed",
        "url": f"http://localhost/claims/{claim.pk}/",
        "api_path": f"/api/v1/claims/{claim.pk}/", "api_url": f"http://localhost/api/v1/claims/{claim.pk}/",
    }
    assert payload["carried_by"]["id"] == article.pk

    article.title = "Morek, updated"
    article.save_revision().publish()
    make_article(site_tree["news"], title="Morek again", conflict=conflict, body=carrying(claim))
    make_explainer(site_tree["explainers"], title="The posts", conflict=conflict, claims=[other])
    assert [payload["claim"]["id"] for _, payload in sent("claim.published")] == [claim.pk, other.pk]


def test_a_private_article_gives_no_article_events_and_no_tombstone(receiver, site_tree):
    from wagtail.models import PageViewRestriction

    from conflicts.models import PageTombstone

    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["article.published", "article.updated", "article.unpublished"])
    section = make_article(site_tree["news"], title="Members only", conflict=conflict, publish=False)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    section.save_revision().publish()
    section.unpublish()
    section.save_revision().publish()
    section.delete()

    assert sent() == []
    assert not PageTombstone.objects.exists()


def test_a_deleted_public_article_leaves_a_tombstone_and_an_event(receiver, site_tree):
    from conflicts.models import PageTombstone

    endpoint = receiver()
    conflict, webhook = subscribe(endpoint.url, ["article.unpublished"])
    article = make_article(site_tree["news"], title="Withdrawn story", conflict=conflict)
    page_id = article.pk
    article.delete()

    [(event, payload)] = sent()
    assert (event, payload["reason"], payload["article"]["id"]) == ("article.unpublished", "deleted", page_id)
    assert PageTombstone.objects.get().page_id == page_id


def test_a_delivery_connects_to_the_address_that_was_checked(receiver, site_tree, monkeypatch):
    """A host whose DNS answer changes after the check (rebinding) is still reached at the checked address."""
    import socket

    endpoint = receiver()
    port = endpoint.server.server_port
    answers = iter(["127.0.0.1"] + ["10.255.255.1"] * 10)
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host == "partner.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    conflict, webhook = subscribe(f"http://partner.example:{port}/hooks?outlet=1", ["claim.status_changed"])
    claim = make_claim(conflict=conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(claim))
    claim_change_status(claim=claim, to="confirmed", by=None, note="Geolocated.")

    assert len(endpoint.requests) == 1
    headers, _ = endpoint.requests[0]
    assert headers["Host"] == f"partner.example:{port}"
    assert WebhookDelivery.objects.get().status == "delivered"

"""Example partner client for the Conflict Desk API: sync articles, fetch ninjs, verify webhooks.

Standard library only. Usage:

    CONFLICT_DESK_URL=https://desk.example.org CONFLICT_DESK_KEY=cdk_... python partner_client.py [since]

prints each article changed since the ISO 8601 date-time (default: everything), then the
pages to take down.
"""

import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class ConflictDesk:
    def __init__(self, base_url, key, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout
        self.etags = {}

    def get(self, path_or_url, params=None, *, accept="application/json"):
        """GETs a resource; waits and retries on 429; returns (status, parsed JSON or None)."""
        url = path_or_url if "://" in path_or_url else f"{self.base_url}{path_or_url}"
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params, doseq=True)
        headers = {"Authorization": f"Api-Key {self.key}", "Accept": accept}
        if url in self.etags:
            headers["If-None-Match"] = self.etags[url]
        while True:
            request = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    if response.headers.get("ETag"):
                        self.etags[url] = response.headers["ETag"]
                    return response.status, json.load(response)
            except urllib.error.HTTPError as error:
                if error.code == 304:
                    return 304, None
                if error.code == 429:
                    time.sleep(int(error.headers.get("Retry-After", "1")))
                    continue
                raise

    def walk(self, resource, **filters):
        """Every item of a list resource, following the cursor links."""
        status, page = self.get(f"/api/v1/{resource}/", filters)
        while True:
            yield from page["results"]
            if not page["next"]:
                return
            status, page = self.get(page["next"])

    def article_ninjs(self, article_id):
        return self.get(f"/api/v1/articles/{article_id}/", {"format": "ninjs"})[1]

    def sync(self, since=None):
        """(changed articles as ninjs, tombstones) since an ISO 8601 date-time."""
        filters = {"updated_since": since} if since else {}
        articles = [self.article_ninjs(item["id"]) for item in self.walk("articles", **filters)]
        tombstones = list(self.walk("tombstones", **({"since": since} if since else {})))
        return articles, tombstones


def verify_webhook(secret, signature_header, body, tolerance=300):
    """True if the X-Conflict-Desk-Signature header signs this exact body, recently."""
    try:
        fields = dict(part.split("=", 1) for part in signature_header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("v1", ""))


if __name__ == "__main__":
    desk = ConflictDesk(os.environ["CONFLICT_DESK_URL"], os.environ["CONFLICT_DESK_KEY"])
    articles, tombstones = desk.sync(sys.argv[1] if len(sys.argv) > 1 else None)
    for item in articles:
        print(item["versioncreated"], item["headlines"][0]["value"], item["uri"])
    for tombstone in tombstones:
        print("take down:", tombstone["page_type"], tombstone["page_id"], tombstone["reason"])

"""The client address that admin sign-in throttling counts failed attempts against."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost one saw.

    Without it, every visitor behind a proxy shares the proxy's address, so one attacker would lock
    an account out for everyone; entries a client forges in X-Forwarded-For sit further left and
    are never read.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [address.strip() for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")

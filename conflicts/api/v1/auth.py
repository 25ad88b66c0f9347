"""Who is calling: partner API keys, the partner's standing, and its rate limit."""

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from ...services.partners import partner_key_resolve
from ...throttling import rate_parse, throttle_hit

KEYWORD = "Api-Key"


class PartnerPrincipal:
    """Stands in for request.user on API requests made with a partner key."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, partner):
        self.partner = partner
        self.pk = self.id = None

    def __str__(self):
        return f"partner {self.partner}"

    def has_perm(self, perm, obj=None):
        return False


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>`; a missing header gives 401 with a WWW-Authenticate challenge."""

    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        try:
            scheme, _, key = header.decode("ascii").partition(" ")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The Authorization header must be ASCII.") from None
        if scheme.lower() != KEYWORD.lower():
            return None
        key = key.strip()
        if not key:
            raise exceptions.AuthenticationFailed("No API key after 'Api-Key'.")
        partner_key = partner_key_resolve(key)
        if partner_key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return PartnerPrincipal(partner_key.partner), partner_key

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'


class IsActivePartner(BasePermission):
    message = "This partner's access is suspended. Contact the newsroom."

    def has_permission(self, request, view):
        partner = getattr(request.auth, "partner", None)
        if partner is None:
            raise exceptions.NotAuthenticated("Send your key as 'Authorization: Api-Key <key>'.")
        return partner.is_active


class PartnerRateThrottle(BaseThrottle):
    """Each partner's own limit, e.g. "600/minute", shared by all its keys and all worker processes
    (counted in the shared cache by conflicts.throttling)."""

    def allow_request(self, request, view):
        partner = getattr(request.auth, "partner", None)
        if partner is None:
            return True
        limit, period = rate_parse(partner.rate_limit)
        self.result = throttle_hit(key=f"partner:{partner.pk}", limit=limit, period=period)
        return self.result.allowed

    def wait(self):
        return self.result.retry_after

"""The admin's password reset, limited per client address and per email address, so the form can
neither flood a mailbox nor be used to probe many accounts."""

import hashlib

from django.conf import settings
from django.shortcuts import render
from wagtail.admin.views.account import PasswordResetView

from conflicts.throttling import rate_parse, throttle_hit

from .sign_in import client_address


class LimitedPasswordResetView(PasswordResetView):
    """Wagtail's form; past PASSWORD_RESET_LIMIT requests from one address or for one email in a
    window, a 429 page with Retry-After, and no mail is sent."""

    def post(self, request, *args, **kwargs):
        refused = [result for result in self.count_request(request) if not result.allowed]
        if not refused:
            return super().post(request, *args, **kwargs)
        retry_after = max(result.retry_after for result in refused)
        response = render(request, "429_password_reset.html", {"retry_after_minutes": -(-retry_after // 60)}, status=429)
        response["Retry-After"] = str(retry_after)
        return response

    def count_request(self, request):
        limit, period = rate_parse(settings.PASSWORD_RESET_LIMIT)
        keys = [f"password-reset:address:{client_address(request)}"]
        email = request.POST.get("email", "").strip().lower()
        if email:
            # A digest: the cache never holds the address itself.
            keys.append(f"password-reset:email:{hashlib.sha256(email.encode()).hexdigest()}")
        return [throttle_hit(key=key, limit=limit, period=period) for key in keys]

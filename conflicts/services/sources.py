"""Creating sources, and the audit trail of who opened their confidential fields."""

from django.db import transaction
from wagtail.log_actions import log

from ..models import Source

# Audit-log action written each time a privileged user opens a source's confidential fields.
CONFIDENTIAL_VIEW_ACTION = "conflicts.view_confidential"


@transaction.atomic
def source_create(*, public_label, kind, is_anonymous=False, anonymity_reason="", reliability="F",
                  confidential_identity="", confidential_notes=""):
    """Creates a source after validating it, so an anonymous source always has its public reason."""
    source = Source(
        public_label=public_label.strip(),
        kind=kind,
        is_anonymous=is_anonymous,
        anonymity_reason=anonymity_reason.strip(),
        reliability=reliability,
        confidential_identity=confidential_identity,
        confidential_notes=confidential_notes,
    )
    source.full_clean()
    source.save()
    return source


def source_log_confidential_view(*, source, by):
    """Writes the audit entry for one opening of the source's confidential fields; views call it
    before rendering them, so a failed write means the fields are not shown."""
    return log(instance=source, action=CONFIDENTIAL_VIEW_ACTION, user=by)


def source_find_or_create(*, public_label, kind, is_anonymous=False, anonymity_reason=""):
    """The source readers already know under this label and kind, or a new one: accepting the same
    suggested phrase twice ties both spans to one record."""
    existing = Source.objects.current().filter(public_label__iexact=public_label.strip(), kind=kind).first()
    if existing is not None:
        return existing
    return source_create(public_label=public_label, kind=kind, is_anonymous=is_anonymous,
                         anonymity_reason=anonymity_reason)

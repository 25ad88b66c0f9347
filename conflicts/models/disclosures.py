"""The newsroom's published standards (the Trust Project's disclosures), as Wagtail site settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# (schema.org property of NewsMediaOrganization, what readers are shown)
DISCLOSURES = [
    ("publishingPrinciples", "Publishing principles"),
    ("correctionsPolicy", "Corrections policy"),
    ("unnamedSourcesPolicy", "Unnamed sources policy"),
    ("verificationFactCheckingPolicy", "Verification and fact-checking policy"),
]
FIELD_NAMES = {
    "publishingPrinciples": "publishing_principles",
    "correctionsPolicy": "corrections_policy",
    "unnamedSourcesPolicy": "unnamed_sources_policy",
    "verificationFactCheckingPolicy": "verification_policy",
}


def _policy_fields(label):
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=f"{label} page",
    )
    url = models.URLField(blank=True, verbose_name=f"{label} URL", help_text="When the policy is not a page of this site.")
    return page, url


@register_setting(icon="doc-full")
class DisclosureSettings(BaseSiteSetting):
    """Where each policy is published: a page of the site, or else a URL."""

    publishing_principles_page, publishing_principles_url = _policy_fields("Publishing principles")
    corrections_policy_page, corrections_policy_url = _policy_fields("Corrections policy")
    unnamed_sources_policy_page, unnamed_sources_policy_url = _policy_fields("Unnamed sources policy")
    verification_policy_page, verification_policy_url = _policy_fields("Verification policy")

    # Every page's JSON-LD names the policies: their pages come with the settings, in one query.
    select_related = [f"{FIELD_NAMES[prop]}_page" for prop, _label in DISCLOSURES]

    panels = [
        MultiFieldPanel([FieldPanel(f"{field}_page"), FieldPanel(f"{field}_url")], heading=label)
        for prop, label in DISCLOSURES
        for field in [FIELD_NAMES[prop]]
    ]

    class Meta:
        verbose_name = "disclosures"

    def policies(self):
        """[(schema.org property, label, page or None, URL)]: a live page stands before the URL."""
        rows = []
        for prop, label in DISCLOSURES:
            field = FIELD_NAMES[prop]
            page = getattr(self, f"{field}_page")
            rows.append((prop, label, page if page is not None and page.live else None, getattr(self, f"{field}_url")))
        return rows

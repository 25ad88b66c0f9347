"""Registration of the extension with Wagtail."""

from django.urls import include, path, reverse
from django.utils.html import json_script
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import autocomplete, merge_admin, open_claims_admin, review_admin, suggestion_admin, views, withdrawal_admin
from .assignee_admin import assignee_chooser
from .partner_admin import PartnerGroup
from .rich_text import (
    LINK_HANDLERS,
    AnchorLinkHandler,
    AnnotationFeature,
    BodyPageLinkHandler,
    conversion_rule,
    suggest_control_config,
)
from .services.merges import MERGE_ACTION, MERGED_INTO_ACTION
from .services.sources import CONFIDENTIAL_VIEW_ACTION
from .services.withdrawals import WITHDRAW_ACTION
from .viewsets import ConflictDeskGroup, annotation_choosers

register_snippet(ConflictDeskGroup)

ANNOTATION_FEATURES = [
    # (feature name, Draftail entity type, toolbar description, icon)
    ("claim", "CLAIM", "Annotate as a claim", "info-circle"),
    ("source", "SOURCE", "Annotate as a source", "user"),
    ("place", "PLACE", "Annotate as a place", "site"),
    ("figure", "FIGURE", "Annotate as a figure", "table"),
]


hooks.register("on_serve_page", views.serve_unless_unchanged)


@hooks.register("register_admin_viewset")
def register_annotation_choosers():
    return list(annotation_choosers.values())


@hooks.register("register_admin_viewset")
def register_assignee_chooser():
    return assignee_chooser


@hooks.register("register_admin_urls")
def register_autocomplete_urls():
    return autocomplete.urlpatterns


@hooks.register("register_admin_urls")
def register_open_claims_urls():
    return open_claims_admin.urlpatterns


@hooks.register("register_reports_menu_item")
def register_open_claims_report():
    return open_claims_admin.open_claims_menu_item()


hooks.register("construct_homepage_panels", open_claims_admin.open_claims_panel)


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    return [path("", include(suggestion_admin.urlpatterns))]


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return withdrawal_admin.urlpatterns


@hooks.register("register_admin_urls")
def register_sourcing_review_urls():
    return review_admin.urlpatterns


@hooks.register("register_page_action_menu_item")
def register_withdraw_menu_item():
    return withdrawal_admin.WithdrawMenuItem()


@hooks.register("register_snippet_listing_buttons")
def register_merge_listing_buttons(snippet, user, next_url=None):
    return merge_admin.merge_listing_buttons(snippet, user, next_url)


@hooks.register("register_snippet_action_menu_item")
def register_merge_menu_item(model):
    return merge_admin.merge_menu_item(model)


@hooks.register("register_permissions")
def register_standards_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="conflicts", codename__in=["withdraw_page", "review_sourcing"])


@hooks.register("insert_editor_js")
def suggest_control_config_script():
    return json_script(suggest_control_config(), "conflicts-suggest-config")


@hooks.register("register_admin_viewset")
def register_partner_admin():
    return PartnerGroup()


@hooks.register("register_rich_text_features")
def register_annotation_features(features):
    for name, entity_type, description, icon in ANNOTATION_FEATURES:
        features.register_link_type(LINK_HANDLERS[name])
        features.register_editor_plugin(
            "draftail",
            name,
            AnnotationFeature(
                {
                    "type": entity_type,
                    "icon": icon,
                    "description": description,
                    "chooserUrls": {"annotationChooser": reverse(f"annotation_{name}_chooser:choose")},
                },
                js=[
                    "wagtailadmin/js/chooser-modal.js",
                    "conflicts/js/annotations-editor.js",
                    "conflicts/js/annotation-suggestions.js",
                ],
                css={"all": ["conflicts/css/annotations-editor.css"]},
            ),
        )
        features.register_converter_rule("contentstate", name, conversion_rule(name, entity_type))


# After Wagtail's own (order 0), so these replace its page link handler.
@hooks.register("register_rich_text_features", order=1)
def register_syndicatable_link_types(features):
    features.register_link_type(BodyPageLinkHandler)
    features.register_link_type(AnchorLinkHandler)


@hooks.register("register_log_actions")
def register_confidential_view_action(actions):
    actions.register_action(
        CONFIDENTIAL_VIEW_ACTION,
        "View confidential fields",
        "Opened the confidential identity and notes",
    )
    actions.register_action(WITHDRAW_ACTION, "Withdraw", "Withdrawn (legal or safety)")


@hooks.register("register_log_actions")
def register_merge_actions(actions):
    @actions.register_action(MERGE_ACTION)
    class MergedHere(LogFormatter):
        label = "Merge a duplicate"

        def format_message(self, log_entry):
            duplicate = log_entry.data.get("duplicate", {})
            return f"Merged the duplicate “{duplicate.get('title', '')}” (id {duplicate.get('id')}) into this record"

        def format_comment(self, log_entry):
            return log_entry.data.get("note", "")

    @actions.register_action(MERGED_INTO_ACTION)
    class MergedInto(LogFormatter):
        label = "Merged into another record"

        def format_message(self, log_entry):
            kept = log_entry.data.get("merged_into", {})
            return f"Merged into “{kept.get('title', '')}” (id {kept.get('id')}): this record is now a tombstone"

        def format_comment(self, log_entry):
            return log_entry.data.get("note", "")

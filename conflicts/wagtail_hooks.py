"""Registration of the extension with Wagtail."""

from django.urls import include, path, reverse
from django.utils.html import json_script
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import suggestion_admin, withdrawal_admin
from .partner_admin import PartnerGroup
from .rich_text import (
    LINK_HANDLERS,
    AnchorLinkHandler,
    AnnotationFeature,
    BodyPageLinkHandler,
    conversion_rule,
    suggest_control_config,
)
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


@hooks.register("register_admin_viewset")
def register_annotation_choosers():
    return list(annotation_choosers.values())


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    return [path("", include(suggestion_admin.urlpatterns))]


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return withdrawal_admin.urlpatterns


@hooks.register("register_page_action_menu_item")
def register_withdraw_menu_item():
    return withdrawal_admin.WithdrawMenuItem()


@hooks.register("register_permissions")
def register_withdraw_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="conflicts", codename="withdraw_page")


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

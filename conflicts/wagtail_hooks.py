"""Registration of the extension with Wagtail."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.snippets.models import register_snippet

from .partner_admin import PartnerGroup
from .rich_text import LINK_HANDLERS, AnchorLinkHandler, BodyPageLinkHandler, conversion_rule
from .services.sources import CONFIDENTIAL_VIEW_ACTION
from .viewsets import ConflictDeskGroup, annotation_choosers

register_snippet(ConflictDeskGroup)

ANNOTATION_FEATURES = [
    # (feature name, Draftail entity type, toolbar description, icon)
    ("claim", "CLAIM", "Annotate as a claim", "info-circle"),
    ("source", "SOURCE", "Annotate as a source", "user"),
    ("place", "PLACE", "Annotate as a place", "site"),
]


@hooks.register("register_admin_viewset")
def register_annotation_choosers():
    return list(annotation_choosers.values())


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
            EntityFeature(
                {
                    "type": entity_type,
                    "icon": icon,
                    "description": description,
                    "chooserUrls": {"annotationChooser": reverse(f"annotation_{name}_chooser:choose")},
                },
                js=["wagtailadmin/js/chooser-modal.js", "conflicts/js/annotations-editor.js"],
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

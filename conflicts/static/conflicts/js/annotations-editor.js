/* Draftail plugins for the claim, source and place annotations of article and explainer bodies. */
(function () {
  "use strict";

  var React = window.React;
  var TooltipEntity = window.draftail.TooltipEntity;
  var KINDS = { CLAIM: "Claim", SOURCE: "Source", PLACE: "Place" };
  var ICONS = { CLAIM: "#icon-info-circle", SOURCE: "#icon-user", PLACE: "#icon-site" };

  /* Opens the record chooser (search, or create on the spot) and ties the selected text to the record. */
  class AnnotationSource extends window.draftail.ModalWorkflowSource {
    getChooserConfig(entity, selectedText) {
      var entityType = this.props.entityType;
      var urlParams = selectedText && entityType.type !== "CLAIM" ? { q: selectedText } : {};
      return {
        url: entityType.chooserUrls.annotationChooser,
        urlParams: urlParams,
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(record) {
      return {
        id: String(record.id),
        label: record.label || record.title,
        status: record.status || "",
        edit_url: record.edit_url || "",
      };
    }
  }

  /* Shows an annotated span: a style per kind, the claim's status, and edit/remove in the tooltip. */
  function annotationDecorator(entityType) {
    return function AnnotationDecorator(props) {
      var data = props.contentState.getEntity(props.entityKey).getData();
      var kind = entityType.toLowerCase();
      var label = KINDS[entityType] + ": " + (data.label || "(deleted)") + (data.status ? " — " + data.status : "");
      return React.createElement(
        "span",
        {
          className: "annotation-entity annotation-entity--" + kind + (data.status ? " annotation-entity--" + data.status : ""),
          "data-annotation": kind,
          "data-id": data.id,
          "data-status": data.status || undefined,
          title: label,
        },
        React.createElement(TooltipEntity, Object.assign({}, props, { icon: ICONS[entityType], label: label, url: data.edit_url || null }))
      );
    };
  }

  Object.keys(KINDS).forEach(function (type) {
    window.draftail.registerPlugin(
      { type: type, source: AnnotationSource, decorator: annotationDecorator(type) },
      "entityTypes"
    );
  });
})();

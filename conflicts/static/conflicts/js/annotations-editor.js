/* Draftail plugins for the claim, source, place and figure annotations of article and explainer bodies. */
(function () {
  "use strict";

  var React = window.React;
  var TooltipEntity = window.draftail.TooltipEntity;
  var KINDS = { CLAIM: "Claim", SOURCE: "Source", PLACE: "Place", FIGURE: "Figure" };
  var ICONS = { CLAIM: "#icon-info-circle", SOURCE: "#icon-user", PLACE: "#icon-site", FIGURE: "#icon-table" };

  var CONTEXT_CHARS = 3000;

  /* The page being edited, so the chooser lists its own records first. */
  function editedPageId() {
    var match = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
    return match ? match[1] : null;
  }

  /* The paragraph around the selection, where the assistant looks for who says the selected words. */
  function selectionContext(editorState) {
    var selection = editorState.getSelection();
    var text = editorState.getCurrentContent().getBlockForKey(selection.getStartKey()).getText();
    var start = Math.max(0, Math.min(selection.getStartOffset() - CONTEXT_CHARS / 2, text.length - CONTEXT_CHARS));
    return text.slice(start, start + CONTEXT_CHARS);
  }

  /* Opens the record chooser (search, or create on the spot) and ties the selected text to the record.
     The chooser opens with the selected words as its search, the page's records first, and the
     claim form filled in from the selection. */
  class AnnotationSource extends window.draftail.ModalWorkflowSource {
    getChooserConfig(entity, selectedText) {
      var entityType = this.props.entityType;
      var urlParams = {};
      var page = editedPageId();
      if (page) urlParams.page = page;
      if (selectedText) {
        urlParams.q = selectedText;
        if (entityType.type === "CLAIM" || entityType.type === "FIGURE") urlParams.context = selectionContext(this.props.editorState);
      }
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

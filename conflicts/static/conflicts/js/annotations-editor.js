/* Draftail plugins for the claim, source and place annotations of article and explainer bodies. */
(function () {
  "use strict";

  var React = window.React;
  var DraftJS = window.DraftJS;
  var TooltipEntity = window.draftail.TooltipEntity;
  var KINDS = { CLAIM: "Claim", SOURCE: "Source", PLACE: "Place" };

  function selectedText(editorState) {
    var selection = editorState.getSelection();
    var content = editorState.getCurrentContent();
    if (selection.isCollapsed() || selection.getStartKey() !== selection.getEndKey()) {
      return "";
    }
    return content
      .getBlockForKey(selection.getStartKey())
      .getText()
      .slice(selection.getStartOffset(), selection.getEndOffset());
  }

  /* Opens the record chooser (search or create) and ties the selected text to the chosen record. */
  class AnnotationSource extends React.Component {
    constructor(props) {
      super(props);
      this.onChosen = this.onChosen.bind(this);
      this.onClose = this.onClose.bind(this);
    }

    componentDidMount() {
      var entityType = this.props.entityType;
      var text = selectedText(this.props.editorState);
      var urlParams = text && entityType.type !== "CLAIM" ? { q: text } : {};
      window.jQuery(document.body).on("hidden.bs.modal", this.onClose);
      this.workflow = window.ModalWorkflow({
        url: entityType.chooserUrls.annotationChooser,
        urlParams: urlParams,
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
        onError: function () {
          window.alert("The annotation chooser could not be opened.");
        },
      });
    }

    componentWillUnmount() {
      window.jQuery(document.body).off("hidden.bs.modal", this.onClose);
      this.workflow = null;
    }

    onChosen(record) {
      var editorState = this.props.editorState;
      var selection = editorState.getSelection();
      var content = editorState.getCurrentContent().createEntity(this.props.entityType.type, "MUTABLE", {
        id: String(record.id),
        label: record.label || record.title,
        status: record.status || "",
        edit_url: record.edit_url || "",
      });
      var entityKey = content.getLastCreatedEntityKey();
      if (selection.isCollapsed()) {
        content = DraftJS.Modifier.insertText(content, selection, record.label || record.title, null, entityKey);
      } else {
        content = DraftJS.Modifier.applyEntity(content, selection, entityKey);
      }
      var nextState = DraftJS.EditorState.push(editorState, content, "apply-entity");
      this.workflow.close();
      this.props.onComplete(nextState);
    }

    onClose(event) {
      if (event) {
        event.preventDefault();
      }
      this.props.onClose();
    }

    render() {
      return null;
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
        React.createElement(TooltipEntity, Object.assign({}, props, { label: label, url: data.edit_url || null }))
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

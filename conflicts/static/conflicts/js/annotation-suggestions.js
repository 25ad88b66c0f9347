/* "Suggest annotations" for each annotated rich-text field: the assistant's suggestions, grouped by
   kind, each accepted (as suggested or edited) onto its words, or dismissed for the page.
   The text is never changed and nothing is saved or published here: the editor saves the page. */
(function () {
  "use strict";

  var React = window.React;
  var h = React.createElement;

  var OVERLAP = "These words are already annotated; annotations cannot overlap.";
  var MOVED = "The text changed since the suggestions were made; suggest again.";
  var FIGURES_HELP = "An accepted figure is recorded unconfirmed with its range; add its source and tally in the figure's form.";

  /* The page being edited: suggestions and dismissals belong to it. */
  function pageId() {
    var match = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
    return match ? match[1] : null;
  }

  function endpoint(control, page, action) {
    return control.suggestUrl.replace("/pages/0/", "/pages/" + page + "/") + (action ? action + "/" : "");
  }

  function postJson(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": window.wagtailConfig.CSRF_TOKEN },
      body: JSON.stringify(payload),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          throw new Error(body.error || "The server could not answer (" + response.status + "); try again.");
        }
        return body;
      });
    });
  }

  /* The editor's text as the assistant reads it: block texts joined with "\n". */
  function editorText(editorState) {
    return editorState.getCurrentContent().getBlocksAsArray().map(function (block) { return block.getText(); }).join("\n");
  }

  /* The block and in-block offsets of a [start, end) range of editorText, or null across blocks. */
  function locate(content, start, end) {
    var blocks = content.getBlocksAsArray();
    var offset = 0;
    for (var i = 0; i < blocks.length; i++) {
      var length = blocks[i].getLength();
      if (start >= offset && end <= offset + length) {
        return { block: blocks[i], start: start - offset, end: end - offset };
      }
      offset += length + 1;
    }
    return null;
  }

  function entityTypesIn(content, place) {
    var types = [];
    for (var i = place.start; i < place.end; i++) {
      var key = place.block.getEntityAt(i);
      if (key) types.push(content.getEntity(key).getType());
    }
    return types;
  }

  /* Checks that each wanted span still reads as suggested and is free; returns an error or null. */
  function checkSpans(editorState, spans) {
    var content = editorState.getCurrentContent();
    for (var i = 0; i < spans.length; i++) {
      var place = locate(content, spans[i].start, spans[i].end);
      if (!place || place.block.getText().slice(place.start, place.end) !== spans[i].text) return MOVED;
      if (entityTypesIn(content, place).length) return OVERLAP;
    }
    return null;
  }

  function applySpans(editorState, spans) {
    var DraftJS = window.DraftJS;
    var content = editorState.getCurrentContent();
    spans.forEach(function (span) {
      var place = locate(content, span.start, span.end);
      content = content.createEntity(span.type, "MUTABLE", span.data);
      var selection = DraftJS.SelectionState.createEmpty(place.block.getKey()).merge({
        anchorOffset: place.start, focusOffset: place.end,
      });
      content = DraftJS.Modifier.applyEntity(content, selection, content.getLastCreatedEntityKey());
    });
    return DraftJS.EditorState.push(editorState, content, "apply-entity");
  }

  /* Selects a suggestion's words in the editor, so the editor sees it in place. */
  function showInText(props, span) {
    var editorState = props.getEditorState();
    var place = locate(editorState.getCurrentContent(), span.start, span.end);
    if (!place) return;
    var selection = window.DraftJS.SelectionState.createEmpty(place.block.getKey()).merge({
      anchorOffset: place.start, focusOffset: place.end,
    });
    props.onChange(window.DraftJS.EditorState.forceSelection(editorState, selection));
  }

  /* Suggestions whose words already carry their annotation are not offered again. */
  function alreadyAnnotated(editorState, span, type) {
    var content = editorState.getCurrentContent();
    var place = span && span.end > span.start ? locate(content, span.start, span.end) : null;
    return !!place && entityTypesIn(content, place).indexOf(type) >= 0;
  }

  function initialEdits(kind, item) {
    if (kind === "places") return { name: item.text, kind: item.kind || "city" };
    if (kind !== "attributions") return {};
    var source = item.source || {};
    return {
      statement: item.claim ? item.claim.text : "",
      status: item.status,
      label: source.text || "",
      sourceKind: source.kind || "anonymous",
      anonymous: !!source.anonymous,
      reason: "",
      useRecord: !!source.record_id,
    };
  }

  /* The request that accepts a suggestion with the editor's edits, and the spans it annotates. */
  function acceptPlan(kind, item, edits) {
    if (kind === "figures") {
      return {
        payload: { kind: "figure", text: item.text, low: item.low, high: item.high, counts: item.counts || "" },
        spans: [{ answer: "figure", type: "FIGURE", start: item.start, end: item.end, text: item.text }],
      };
    }
    if (kind === "places") {
      var place = item.location_id
        ? { kind: "place", location_id: item.location_id }
        : { kind: "place", name: edits.name, place_kind: edits.kind, latitude: item.latitude,
            longitude: item.longitude, geonames_id: item.geonames_id, precision: item.precision };
      return { payload: place, spans: [{ answer: "place", type: "PLACE", start: item.start, end: item.end, text: item.text }] };
    }
    var source = item.source;
    var sourcePayload = null;
    if (source && source.end > source.start) {
      sourcePayload = source.record_id && edits.useRecord
        ? { record_id: source.record_id }
        : { public_label: edits.label, kind: edits.sourceKind, anonymous: edits.anonymous, anonymity_reason: edits.reason };
    }
    var spans = [];
    if (sourcePayload) spans.push({ answer: "source", type: "SOURCE", start: source.start, end: source.end, text: source.text });
    if (item.claim && item.claim.end > item.claim.start && edits.statement.trim()) {
      spans.push({ answer: "claim", type: "CLAIM", start: item.claim.start, end: item.claim.end, text: item.claim.text });
    }
    return {
      payload: { kind: "attribution", statement: edits.statement, status: edits.status, source: sourcePayload },
      spans: spans,
    };
  }

  function choiceOptions(choices) {
    return choices.map(function (choice) { return h("option", { key: choice[0], value: choice[0] }, choice[1]); });
  }

  function field(label, input) {
    return h("label", { className: "conflicts-suggestion__field" }, h("span", null, label), input);
  }

  function EditForm(props) {
    var edits = props.edits;
    var set = function (name) {
      return function (event) {
        var value = event.target.type === "checkbox" ? event.target.checked : event.target.value;
        props.onEdit(Object.assign({}, edits, (function () { var o = {}; o[name] = value; return o; })()));
      };
    };
    var control = props.control;
    if (props.kind === "places") {
      if (props.item.location_id) return h("p", null, "This place is on record; it is tied as it is.");
      return h("div", { className: "conflicts-suggestion__edit" },
        field("Name", h("input", { type: "text", name: "name", value: edits.name, onChange: set("name") })),
        field("Kind", h("select", { name: "place_kind", value: edits.kind, onChange: set("kind") }, choiceOptions(control.placeKinds))));
    }
    var sourceFields = props.item.source && props.item.source.record_id && edits.useRecord
      ? [h("p", { key: "record" }, "Source on record: " + props.item.source.record_label + " ",
          h("button", { type: "button", className: "button button-small button-secondary", onClick: function () {
            props.onEdit(Object.assign({}, edits, { useRecord: false }));
          } }, "Record a new source instead"))]
      : [
          field("Source as readers see it", h("input", { key: "label", type: "text", name: "source_label", value: edits.label, onChange: set("label") })),
          field("Kind of source", h("select", { key: "kind", name: "source_kind", value: edits.sourceKind, onChange: set("sourceKind") }, choiceOptions(control.sourceKinds))),
          h("label", { key: "anon", className: "conflicts-suggestion__field" },
            h("input", { type: "checkbox", name: "anonymous", checked: edits.anonymous, onChange: set("anonymous") }), " Anonymous"),
          edits.anonymous
            ? field("Why anonymity was granted", h("input", { key: "reason", type: "text", name: "anonymity_reason", value: edits.reason, onChange: set("reason") }))
            : null,
        ];
    return h("div", { className: "conflicts-suggestion__edit" },
      field("Statement of the claim", h("textarea", { name: "statement", rows: 2, value: edits.statement, onChange: set("statement") })),
      field("Status", h("select", { name: "status", value: edits.status, onChange: set("status") }, choiceOptions(control.claimStatuses))),
      sourceFields);
  }

  function describe(kind, item) {
    if (kind === "attributions") {
      var source = item.source || {};
      var known = source.record_id ? " (on record: " + source.record_label + ")" : source.anonymous ? " (anonymous)" : "";
      return [h("q", { key: "s" }, source.text), known + " — " + (item.cue ? item.cue.text : "") + " — ",
              h("q", { key: "c" }, item.claim ? item.claim.text : ""),
              item.hedge && item.hedge !== "none" ? " [" + item.hedge + "]" : ""];
    }
    if (kind === "places") {
      var detail = item.location_id ? "on record: " + item.location_label
        : "new " + item.kind + (item.geonames_id ? ", GeoNames " + item.geonames_id : "");
      return [h("q", { key: "p" }, item.text), " — " + detail];
    }
    var range = item.low === null ? "" : item.high === null || item.high === item.low ? " (" + item.low + ")" : " (" + item.low + "–" + item.high + ")";
    return [h("q", { key: "f" }, item.text), range + (item.counts ? " " + item.counts : "")];
  }

  function mainSpan(kind, item) {
    if (kind === "attributions") return item.claim && item.claim.end > item.claim.start ? item.claim : item.source;
    return item;
  }

  var GROUPS = [
    ["attributions", "Attributions (source and claim)", "CLAIM"],
    ["places", "Places", "PLACE"],
    ["figures", "Figures", "FIGURE"],
  ];
  var DISMISS_KINDS = { attributions: "attribution", places: "place", figures: "figure" };

  /* A class component: window.React is not the copy that renders Draftail, so hooks are not available. */
  class SuggestControl extends React.Component {
    constructor(props) {
      super(props);
      this.state = { status: "closed", error: "", items: null, notes: {}, edits: {}, editing: {}, gone: {} };
    }

    update(changes) { this.setState(changes); }

    updateIn(name, id, value) {
      this.setState(function (old) {
        var map = Object.assign({}, old[name]);
        map[id] = value;
        var changes = {};
        changes[name] = map;
        return changes;
      });
    }

    suggest() {
      var self = this;
      self.update({ status: "loading", error: "" });
      postJson(endpoint(self.props.control, pageId()), { text: editorText(self.props.getEditorState()) }).then(function (body) {
        var items = {};
        GROUPS.forEach(function (group) {
          items[group[0]] = body[group[0]].map(function (item, index) {
            return Object.assign({ id: group[0] + "-" + index }, item);
          });
        });
        self.setState({ status: "open", error: "", items: items, notes: {}, edits: {}, editing: {}, gone: {} });
      }).catch(function (error) { self.update({ status: "open", error: error.message, items: null }); });
    }

    dismiss(kind, item) {
      var self = this;
      postJson(endpoint(self.props.control, pageId(), "dismiss"), { kind: DISMISS_KINDS[kind], text: item.text || (item.claim || {}).text })
        .then(function () { self.updateIn("gone", item.id, "Dismissed for this page."); })
        .catch(function (error) { self.updateIn("notes", item.id, error.message); });
    }

    /* Accepts one suggestion: records first (made or found), then its spans in one editor change. */
    accept(kind, item) {
      var self = this;
      var props = self.props;
      var plan = acceptPlan(kind, item, self.state.edits[item.id] || initialEdits(kind, item));
      var problem = checkSpans(props.getEditorState(), plan.spans);
      if (problem) {
        self.updateIn("notes", item.id, problem);
        return Promise.resolve(false);
      }
      return postJson(endpoint(props.control, pageId(), "accept"), plan.payload).then(function (answer) {
        var editorState = props.getEditorState();
        var late = checkSpans(editorState, plan.spans);
        if (late) throw new Error(late);
        var spans = plan.spans.filter(function (span) { return answer[span.answer]; }).map(function (span) {
          var data = answer[span.answer];
          return Object.assign({}, span, { data: { id: String(data.id), label: data.label, status: data.status || "", edit_url: data.edit_url || "" } });
        });
        props.onChange(applySpans(editorState, spans));
        self.updateIn("gone", item.id, "Accepted.");
        return true;
      }).catch(function (error) {
        self.updateIn("notes", item.id, error.message);
        self.updateIn("editing", item.id, true);
        return false;
      });
    }

    acceptAll(kind, items) {
      var self = this;
      return items.reduce(function (previous, item) {
        return previous.then(function () { return self.accept(kind, item); });
      }, Promise.resolve());
    }

    render() {
      var self = this;
      var props = self.props;
      var control = props.control || {};
      var panel = self.state;
      var page = pageId();
      var update = self.update.bind(self);
      var updateIn = self.updateIn.bind(self);
      var suggest = self.suggest.bind(self);
      var accept = self.accept.bind(self);
      var acceptAll = self.acceptAll.bind(self);
      var dismiss = self.dismiss.bind(self);

      var button = h("button", {
        type: "button",
        className: "button button-small button-secondary conflicts-suggest__toggle",
        disabled: !page || !control.suggestUrl || panel.status === "loading",
        title: page ? "" : "Save a draft first: suggestions are kept per page.",
        onClick: function () { if (panel.status === "open") { update({ status: "closed" }); } else { suggest(); } },
      }, panel.status === "loading" ? "Suggesting…" : panel.status === "open" ? "Close suggestions" : "Suggest annotations");

      if (panel.status !== "open") return h("div", { className: "conflicts-suggest" }, button);

      var editorState = props.getEditorState();
      var groups = panel.items ? GROUPS.map(function (group) {
        var kind = group[0];
        var open = panel.items[kind].filter(function (item) {
          return !panel.gone[item.id] && !(group[2] && alreadyAnnotated(editorState, mainSpan(kind, item), group[2]));
        });
        var rows = panel.items[kind].filter(function (item) { return panel.gone[item.id] || open.indexOf(item) >= 0; }).map(function (item) {
          if (panel.gone[item.id]) {
            return h("li", { key: item.id, className: "conflicts-suggestion conflicts-suggestion--done", "data-kind": kind }, describe(kind, item), " — ",
              h("span", { className: "conflicts-suggestion__status", role: "status" }, panel.gone[item.id]));
          }
          var edits = panel.edits[item.id] || initialEdits(kind, item);
          return h("li", { key: item.id, className: "conflicts-suggestion", "data-kind": kind },
            h("button", { type: "button", className: "conflicts-suggestion__text", title: "Show in the text",
                          onClick: function () { showInText(props, mainSpan(kind, item)); } }, describe(kind, item)),
            panel.editing[item.id] && kind !== "figures"
              ? h(EditForm, { kind: kind, item: item, edits: edits, control: control,
                              onEdit: function (value) { updateIn("edits", item.id, value); } })
              : null,
            panel.notes[item.id] ? h("p", { className: "conflicts-suggestion__note", role: "status" }, panel.notes[item.id]) : null,
            h("div", { className: "conflicts-suggestion__actions" },
              h("button", { type: "button", className: "button button-small", onClick: function () { accept(kind, item); } }, "Accept"),
              kind !== "figures" ? h("button", { type: "button", className: "button button-small button-secondary",
                onClick: function () { updateIn("edits", item.id, edits); updateIn("editing", item.id, !panel.editing[item.id]); } }, "Edit") : null,
              h("button", { type: "button", className: "button button-small button-secondary no", onClick: function () { dismiss(kind, item); } }, "Dismiss")));
        });
        return h("section", { key: kind, className: "conflicts-suggest__group", "data-kind": kind },
          h("h3", null, group[1] + " (" + open.length + ")"),
          kind === "figures" ? h("p", { className: "help" }, FIGURES_HELP) : null,
          open.length > 1
            ? h("button", { type: "button", className: "button button-small", onClick: function () { acceptAll(kind, open); } }, "Accept all " + group[1].split(" ")[0].toLowerCase())
            : null,
          rows.length ? h("ul", null, rows) : h("p", null, "Nothing to suggest."));
      }) : null;

      return h("div", { className: "conflicts-suggest conflicts-suggest--open" }, button,
        h("div", { className: "conflicts-suggest__panel", role: "region", "aria-label": "Suggested annotations" },
          panel.error ? h("p", { className: "error-message", role: "alert" }, panel.error) : null,
          groups));
    }
  }

  /* Where to ask and the choices the edit forms offer, written into the editor page by the extension. */
  var config = null;
  function controlConfig() {
    if (!config) {
      var script = document.getElementById("conflicts-suggest-config");
      config = script ? JSON.parse(script.textContent) : {};
    }
    return config;
  }

  window.draftail.registerPlugin({
    type: "SUGGEST",
    meta: function SuggestMeta(props) {
      return h(SuggestControl, Object.assign({}, props, { control: controlConfig() }));
    },
  }, "controls");
})();

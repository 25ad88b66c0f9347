/* Admin widgets that choose records without listing them all (conflicts/widgets.py):
   several records through Wagtail's chooser modal, or one record by typing. */
(function () {
  "use strict";

  /* Forms inside chooser modals bring this script again: listen once. */
  if (window.conflictsRecordChoosers) return;
  window.conflictsRecordChoosers = true;

  function changed(select) {
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function chosenItem(value, label) {
    var item = document.createElement("li");
    item.dataset.value = value;
    var name = document.createElement("span");
    name.textContent = label;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button button-small button-secondary";
    remove.dataset.recordChooserRemove = "";
    remove.setAttribute("aria-label", "Remove " + label);
    remove.textContent = "Remove";
    item.append(name, remove);
    return item;
  }

  function addChosen(root, record) {
    var select = root.querySelector("select");
    var value = String(record.id);
    var present = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    if (present) return;
    var label = record.title || record.string || record.label || value;
    select.add(new Option(label, value, true, true));
    root.querySelector("[data-record-chooser-list]").appendChild(chosenItem(value, label));
    changed(select);
  }

  function openChooser(root) {
    window.ModalWorkflow({
      url: root.dataset.chooserUrl,
      urlParams: { multiple: 1 },
      onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
      responses: {
        chosen: function (result) {
          (Array.isArray(result) ? result : [result]).forEach(function (record) { addChosen(root, record); });
        },
      },
    });
  }

  function removeChosen(button) {
    var root = button.closest("[data-record-chooser]");
    var item = button.closest("li");
    var select = root.querySelector("select");
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value === item.dataset.value) option.remove();
    });
    item.remove();
    changed(select);
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-record-chooser-add]");
    if (add) {
      event.preventDefault();
      openChooser(add.closest("[data-record-chooser]"));
      return;
    }
    var remove = event.target.closest("[data-record-chooser-remove]");
    if (remove) {
      event.preventDefault();
      removeChosen(remove);
    }
  });

  /* Autocomplete: the select keeps its chosen record and shows the matches of what was typed. */
  var pending = new WeakMap();

  function showMatches(root, matches) {
    var select = root.querySelector("select");
    var chosen = select.value;
    Array.prototype.slice.call(select.options).forEach(function (option) {
      if (option.value && option.value !== chosen) option.remove();
    });
    matches.forEach(function (record) {
      if (String(record.id) !== chosen) select.add(new Option(record.label, String(record.id)));
    });
    select.size = Math.min(select.options.length, 8);
  }

  function search(input) {
    var root = input.closest("[data-record-autocomplete]");
    var url = new URL(root.dataset.autocompleteUrl, window.location.href);
    url.searchParams.set("q", input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { showMatches(root, data.results); });
  }

  /* Captured before the form sees it: typing searches; only choosing a match changes the form
     (a listing's filter form refreshes its results on every input). */
  document.addEventListener("input", function (event) {
    var input = event.target.closest && event.target.closest("[data-record-autocomplete-search]");
    if (!input) return;
    event.stopPropagation();
    clearTimeout(pending.get(input));
    pending.set(input, setTimeout(function () { search(input); }, 250));
  }, true);
})();

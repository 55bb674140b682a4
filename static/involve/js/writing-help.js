// Writing help in the page editor: as the editor types, send the page's words to the
// server and show the new reading age, longest sentences and jargon. Without this script
// the panel still shows the figures for the page as it was last saved.
(function () {
  "use strict";

  var DELAY_MS = 800;

  // The words of the tab the panel is in (the page's content), whether or not that tab is
  // showing: the Easy Read, Promote and Settings tabs are not the page's prose.
  function pageText(scope) {
    var parts = [];
    var title = scope.querySelector("[name='title']");
    if (title && title.value) parts.push(title.value);
    scope.querySelectorAll("textarea").forEach(function (field) {
      if (field.value) parts.push(field.value);
    });
    // Rich text editors (in fields and in blocks) keep their words in editable areas, one
    // element per paragraph, heading or list item (read one by one, so each ends a sentence
    // even while its tab is hidden).
    scope.querySelectorAll("[contenteditable='true']").forEach(function (editor) {
      var blocks = editor.querySelectorAll("[data-block='true']");
      if (!blocks.length) blocks = [editor];
      blocks.forEach(function (block) { parts.push(block.textContent); });
    });
    // Short text blocks inside StreamFields.
    scope.querySelectorAll("[data-contentpath] input[type='text']").forEach(function (field) {
      if (field.value && field.value.indexOf(" ") !== -1) parts.push(field.value);
    });
    return parts.join("\n");
  }

  function replaceItems(list, items, empty) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!items.length) items = [empty];
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item;
      list.appendChild(li);
    });
  }

  function show(panel, data) {
    panel.querySelector("[data-writing-help-age]").textContent = data.reading_age;
    panel.querySelector("[data-writing-help-verdict]").textContent = data.above_target
      ? "(above the target of " + data.target + ": use shorter sentences and words)"
      : "(at or below the target of " + data.target + ")";
    replaceItems(
      panel.querySelector("[data-writing-help-sentences]"),
      data.longest_sentences.map(function (s) { return s.text + " (" + s.words + " words)"; }),
      "No sentences yet."
    );
    replaceItems(
      panel.querySelector("[data-writing-help-jargon]"),
      data.jargon.map(function (t) { return t.term + ": " + t.meaning; }),
      "None found."
    );
  }

  function start(panel) {
    var form = panel.closest("form");
    if (!form) return;
    var scope = panel.closest("[role='tabpanel']") || form;
    var token = form.querySelector("[name='csrfmiddlewaretoken']");
    var timer = null;
    var latest = 0;

    function check() {
      var body = new FormData();
      body.append("text", pageText(scope));
      if (token) body.append("csrfmiddlewaretoken", token.value);
      var sent = ++latest;
      fetch(panel.getAttribute("data-writing-help-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && sent === latest) show(panel, data); })
        .catch(function () { /* Keep the last figures; the editor can carry on. */ });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY_MS);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    check();
  }

  function init() {
    document.querySelectorAll("[data-writing-help]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// The edit form of every publishable, shaped for the work (progressive
// enhancement of templates/admin/publishing/change_form.html):
//  * its sections become an ARIA tablist (arrow keys, Home, End); a section
//    holding an error says so in its tab and is the one selected;
//  * next to each Spanish field, its Catalan original, read-only;
//  * a live counter on every field with a length limit, announced politely
//    to screen readers once typing pauses, not on every keystroke;
//  * the primary action follows the publication date (publish now or
//    schedule).
// Without JavaScript every section is shown, one after another. UI strings
// come from the template's data attributes (translated there).
(function () {
  "use strict";

  var ANNOUNCE_AFTER_MS = 900;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return key in values ? String(values[key]) : "";
    });
  }

  // --- tabs -------------------------------------------------------------
  function buildTabs(root, form) {
    var panels = Array.prototype.slice.call(root.querySelectorAll(":scope > .form-section"));
    if (panels.length < 2) { return; }
    var list = document.createElement("div");
    list.className = "form-tabs";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", root.dataset.textTablist);
    var tabs = panels.map(function (panel, index) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "form-tab";
      tab.id = panel.id + "-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      var label = document.createElement("span");
      label.textContent = panel.dataset.formSectionLabel;
      tab.appendChild(label);
      if (panel.querySelector(".errorlist, .errors, .errornote")) {
        panel.dataset.hasErrors = "true";
        tab.classList.add("form-tab--error");
        var flag = document.createElement("span");
        flag.className = "form-tab-error";
        flag.textContent = " (" + root.dataset.textError + ")";
        tab.appendChild(flag);
      }
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      tab.addEventListener("click", function () { select(index, true); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") { next = (index + 1) % tabs.length; }
        else if (event.key === "ArrowLeft") { next = (index - 1 + tabs.length) % tabs.length; }
        else if (event.key === "Home") { next = 0; }
        else if (event.key === "End") { next = tabs.length - 1; }
        if (next !== null) {
          event.preventDefault();
          select(next, true);
        }
      });
      list.appendChild(tab);
      return tab;
    });
    root.insertBefore(list, panels[0]);
    root.classList.add("form-sections--tabbed");
    // Collapsed fieldsets inside a tab of their own need no second click.
    root.querySelectorAll("#form-section-translation details").forEach(function (details) { details.open = true; });

    var storageKey = "editorial-tab:" + window.location.pathname;
    function select(chosen, focus) {
      tabs.forEach(function (tab, index) {
        var selected = index === chosen;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
        panels[index].hidden = !selected;
      });
      if (focus) { tabs[chosen].focus(); }
      try { window.sessionStorage.setItem(storageKey, panels[chosen].id); } catch (_error) { /* private mode */ }
    }

    var withError = panels.findIndex(function (panel) { return panel.dataset.hasErrors === "true"; });
    var remembered = -1;
    try {
      var id = window.sessionStorage.getItem(storageKey);
      remembered = panels.findIndex(function (panel) { return panel.id === id; });
    } catch (_error) { /* private mode */ }
    select(withError >= 0 ? withError : Math.max(remembered, 0), false);

    // A field the editor is sent to (a link to it, a script focusing it)
    // is shown: its tab is selected.
    form.addEventListener("focusin", function (event) {
      var index = panels.findIndex(function (panel) { return panel.contains(event.target); });
      if (index >= 0 && panels[index].hidden) { select(index, false); }
    });
  }

  // --- Catalan original beside each Spanish field -------------------------
  function textOfRichText(html) {
    // Parsed, never inserted: only the text of each block is shown.
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    var blocks = doc.body.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, td, th");
    if (!blocks.length) { return [doc.body.textContent.trim()].filter(Boolean); }
    return Array.prototype.map.call(blocks, function (block) { return block.textContent.trim(); }).filter(Boolean);
  }

  function showOriginals(root, form) {
    var pairs = {};
    try { pairs = JSON.parse(root.dataset.translationPairs || "{}"); } catch (_error) { return; }
    Object.keys(pairs).forEach(function (spanishName) {
      var spanish = form.elements.namedItem(spanishName);
      var catalan = form.elements.namedItem(pairs[spanishName]);
      if (!spanish || !catalan || !spanish.closest) { return; }
      var row = spanish.closest(".form-row");
      if (!row) { return; }
      var box = document.createElement("div");
      box.className = "translation-original";
      box.id = spanish.id + "_original";
      var heading = document.createElement("p");
      heading.className = "translation-original-label";
      heading.textContent = root.dataset.textOriginal;
      var text = document.createElement("div");
      text.className = "translation-original-text";
      box.appendChild(heading);
      box.appendChild(text);
      row.classList.add("has-original");
      row.appendChild(box);
      var rich = Array.prototype.some.call(catalan.attributes || [], function (attribute) {
        return attribute.name.indexOf("data-django-prose-editor") === 0;
      });
      function render() {
        var parts = rich ? textOfRichText(catalan.value) : [catalan.value.trim()].filter(Boolean);
        text.replaceChildren();
        if (!parts.length) {
          var empty = document.createElement("p");
          empty.className = "translation-original-empty";
          empty.textContent = root.dataset.textOriginalEmpty;
          text.appendChild(empty);
          return;
        }
        parts.forEach(function (part) {
          var paragraph = document.createElement("p");
          paragraph.textContent = part;
          text.appendChild(paragraph);
        });
      }
      render();
      // The rich text editor writes its textarea on every change.
      form.addEventListener("input", function (event) {
        if (event.target === catalan) { render(); }
        // The editor updates its textarea after its own input event.
        else if (rich && catalan.parentNode.contains(event.target)) { window.setTimeout(render, 0); }
      });
      catalan.addEventListener("change", render);
    });
  }

  // --- counters on fields with a limit ------------------------------------
  function graphemes(text) {
    // The server counts characters (len in Python): code points.
    return Array.from(text).length;
  }

  function attachCounters(root, form) {
    var announcer = document.createElement("div");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    announcer.id = "form-counter-announcer";
    form.appendChild(announcer);
    var fields = form.querySelectorAll("input[maxlength], textarea[maxlength]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === "hidden" || field.classList.contains("social-compose") || field.name === "csrfmiddlewaretoken") { return; }
      var max = parseInt(field.getAttribute("maxlength"), 10);
      if (!max) { return; }
      var counter = document.createElement("p");
      counter.className = "field-counter";
      counter.id = (field.id || field.name) + "_counter";
      field.insertAdjacentElement("afterend", counter);
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(counter.id);
      field.setAttribute("aria-describedby", described.join(" "));
      var timer = null;
      var lastState = "";
      function message() {
        var count = graphemes(field.value);
        var over = count > max;
        var template = over ? root.dataset.textOver : root.dataset.textCounter;
        return { text: format(template, { count: count, max: max, excess: count - max }), over: over, near: count >= max * 0.9 };
      }
      function update(event) {
        var state = message();
        counter.textContent = state.text;
        counter.classList.toggle("field-counter--over", state.over);
        counter.classList.toggle("field-counter--near", state.near && !state.over);
        if (!event) { return; }
        // Announced once typing pauses, or at once when the limit is
        // reached or passed: never on every keystroke.
        var mark = state.over ? "over" : (state.near ? "near" : "");
        window.clearTimeout(timer);
        if (mark && mark !== lastState) {
          announcer.textContent = state.text;
        } else {
          timer = window.setTimeout(function () { announcer.textContent = message().text; }, ANNOUNCE_AFTER_MS);
        }
        lastState = mark;
      }
      field.addEventListener("input", update);
      update();
    });
  }

  // --- one primary action --------------------------------------------------
  function followPublicationDate(root, form) {
    var now = root.dataset.primaryNow;
    var future = root.dataset.primaryFuture;
    if (!now || !future || now === future) { return; }
    var date = form.elements.namedItem("publish_at_0");
    var time = form.elements.namedItem("publish_at_1");
    if (!date) { return; }
    function chosen() {
      // The admin's widgets take dd/mm/yyyy or ISO dates and hh:mm[:ss].
      var value = (date.value || "").trim();
      var parts = value.indexOf("/") > 0 ? value.split("/").reverse() : value.split("-");
      if (parts.length !== 3) { return null; }
      var hm = ((time && time.value) || "00:00").split(":");
      var moment = new Date(+parts[0], +parts[1] - 1, +parts[2], +hm[0] || 0, +hm[1] || 0, +hm[2] || 0);
      return isNaN(moment.getTime()) ? null : moment;
    }
    function update() {
      var moment = chosen();
      var action = moment && moment.getTime() > Date.now() ? future : now;
      document.body.classList.remove("primary-" + now, "primary-" + future);
      document.body.classList.add("primary-" + action);
    }
    [date, time].forEach(function (input) {
      if (input) {
        input.addEventListener("input", update);
        input.addEventListener("change", update);
      }
    });
    update();
  }

  // --- the stock inlines' empty column headers get a name -------------------
  function nameEmptyHeaders(root) {
    root.querySelectorAll("table th").forEach(function (header) {
      if (header.textContent.trim() || header.querySelector("img[alt]")) { return; }
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = header.classList.contains("original") ? root.dataset.textRowColumn : root.dataset.textActionsColumn;
      header.appendChild(name);
    });
  }

  // --- the stock date and time boxes get a name -----------------------------
  // The admin's split date/time widget labels neither box (its label points
  // at no input): each is named after its field (or column) and its own
  // caption ("Data:", "Hora:").
  function nameUnlabelledInputs(root) {
    root.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (input) {
      if ((input.labels && input.labels.length) || input.getAttribute("aria-label") || input.getAttribute("aria-labelledby")) { return; }
      var name = "";
      var cell = input.closest("td");
      var row = input.closest(".form-row");
      if (cell && cell.closest("table")) {
        var header = cell.closest("table").querySelectorAll("thead th")[cell.cellIndex];
        name = header ? header.textContent.trim() : "";
      } else if (row && row.querySelector("label")) {
        name = row.querySelector("label").textContent.trim().replace(/:$/, "");
      }
      var caption = input.previousSibling;
      while (caption && caption.nodeType === Node.ELEMENT_NODE && caption.tagName === "BR") { caption = caption.previousSibling; }
      var part = caption && caption.nodeType === Node.TEXT_NODE ? caption.textContent.trim().replace(/:$/, "") : "";
      var label = [name, part].filter(Boolean).join(" · ");
      if (label) { input.setAttribute("aria-label", label); }
    });
  }

  // The rich text editor's editable box is named by its field's label (the
  // label points at the hidden textarea). Editors start after this script,
  // so new ones are watched for.
  function nameEditors(root) {
    root.querySelectorAll("[contenteditable=true][role=textbox]:not([aria-labelledby]):not([aria-label])").forEach(function (box) {
      var row = box.closest(".form-row");
      var label = row && row.querySelector("label");
      if (!label) { return; }
      if (!label.id) { label.id = (label.htmlFor || "field") + "_label"; }
      box.setAttribute("aria-labelledby", label.id);
    });
  }

  // The stock widgets drawn after the page loads: the autocomplete box is
  // named by its field's label (it points at an empty span when nothing is
  // chosen) and the filter's magnifier icon, which carries a name, is an image.
  function nameStockWidgets(root) {
    root.querySelectorAll(".select2-selection[role=combobox]:not([data-named])").forEach(function (box) {
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      var label = select && select.id ? root.querySelector("label[for='" + select.id + "']") : null;
      if (!label) { return; }
      if (!label.id) { label.id = select.id + "_label"; }
      var rendered = box.querySelector("[role=textbox]");
      box.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
      if (rendered) { rendered.setAttribute("aria-labelledby", label.id + " " + rendered.id); }
      box.dataset.named = "true";
    });
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function watchEditors(root) {
    function repair() { nameEditors(root); nameStockWidgets(root); }
    repair();
    window.addEventListener("load", repair);
    if (typeof MutationObserver === "undefined") { return; }
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; repair(); });
    }).observe(root, { childList: true, subtree: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("form-sections");
    if (!root) { return; }
    var form = root.closest("form");
    nameEmptyHeaders(root);
    nameUnlabelledInputs(root);
    watchEditors(root);
    showOriginals(root, form);
    attachCounters(root, form);
    followPublicationDate(root, form);
    buildTabs(root, form);
  });
})();

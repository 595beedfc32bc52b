// Accessible names for the widgets that third-party scripts draw in the
// back-office without one: the rich text editor's editable area
// (django-prose-editor) and the autocomplete boxes (Django's select2). Each
// takes the label of the form field it stands for. Widgets appear after
// load (and in inline rows added later), hence the observer.
(function () {
  "use strict";

  function labelFor(field) {
    if (!field || !field.id) return null;
    var label = document.querySelector('label[for="' + field.id + '"]');
    if (!label) return null;
    if (!label.id) label.id = field.id + "-label";
    return label;
  }

  function nameEditors(root) {
    root.querySelectorAll(".prose-editor").forEach(function (wrapper) {
      var editable = wrapper.querySelector('[contenteditable="true"]');
      var field = wrapper.querySelector("textarea") ||
        (wrapper.parentElement && wrapper.parentElement.querySelector("textarea"));
      var label = labelFor(field);
      if (editable && label && !editable.hasAttribute("aria-labelledby")) {
        editable.setAttribute("aria-labelledby", label.id);
        editable.setAttribute("aria-multiline", "true");
      }
    });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = labelFor(select);
      var container = select.parentElement && select.parentElement.querySelector(".select2-selection");
      if (!label || !container) return;
      var rendered = container.querySelector(".select2-selection__rendered");
      // The box reads as "<label> <chosen value>"; the value alone as its label.
      container.setAttribute("aria-labelledby", label.id + (rendered && rendered.id ? " " + rendered.id : ""));
      if (rendered) rendered.setAttribute("aria-labelledby", label.id);
    });
  }

  // SelectFilter's magnifier is a bare span with an aria-label: as an
  // image it may carry one.
  function nameTooltips(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
  }

  // A tabular inline labels its fields by column only: each field without
  // a label of its own is labelled by its column's header.
  function nameInlineCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = {};
      table.querySelectorAll("thead th[class*='column-']").forEach(function (th) {
        var match = th.className.match(/column-([\w-]+)/);
        if (!match) return;
        if (!th.id) th.id = "column-" + match[1] + "-" + Math.random().toString(36).slice(2, 8);
        headers[match[1]] = th;
      });
      table.querySelectorAll("tbody td[class*='field-']").forEach(function (td) {
        var match = td.className.match(/field-([\w-]+)/);
        var th = match && headers[match[1]];
        if (!th) return;
        td.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
          var labelled = field.id && document.querySelector('label[for="' + field.id + '"]');
          if (!labelled && !field.hasAttribute("aria-labelledby") && !field.hasAttribute("aria-label")) {
            field.setAttribute("aria-labelledby", th.id);
          }
        });
      });
    });
  }

  function run() {
    nameEditors(document);
    nameAutocompletes(document);
    nameTooltips(document);
    nameInlineCells(document);
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      run();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();

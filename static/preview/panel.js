// The change form's side panel: the saved item's preview beside the form,
// with a button per language the item has. The markup comes from the
// server in a <template> (translated there); this only shows and hides it.
(function () {
  "use strict";
  var toggle = document.querySelector(".preview-panel-toggle");
  var template = document.getElementById("preview-side-panel-template");
  if (!toggle || !template) return;
  var panel = null;

  function build() {
    panel = template.content.firstElementChild.cloneNode(true);
    var frame = panel.querySelector("iframe");
    panel.querySelectorAll("[data-src]").forEach(function (button) {
      button.addEventListener("click", function () {
        frame.src = button.dataset.src;
        panel.querySelectorAll("[data-src]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
    document.body.appendChild(panel);
  }

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    if (open && !panel) build();
    panel.hidden = !open;
    document.body.classList.toggle("preview-panel-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? toggle.dataset.labelHide : toggle.dataset.labelShow;
  });
})();

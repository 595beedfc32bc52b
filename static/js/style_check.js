// The accessibility and clear-language check of the change form: posts the
// form's current values (the rich text editors keep their textareas up to
// date) and shows the advice the server returns. Never blocks the form.
(function () {
  "use strict";
  function setUp(section) {
    var button = section.querySelector(".style-check-refresh");
    var results = section.querySelector(".style-check-results");
    var form = section.closest("form");
    if (!button || !results || !form) return;
    button.addEventListener("click", function () {
      var data = new FormData(form);
      // Only text matters: files and the workflow buttons stay out.
      var body = new FormData();
      data.forEach(function (value, name) {
        if (typeof value === "string" && name !== "_workflow") body.append(name, value);
      });
      body.append("_object_id", section.dataset.objectId || "");
      results.setAttribute("aria-busy", "true");
      results.textContent = section.dataset.busy;
      fetch(section.dataset.styleCheckUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (payload) {
          results.innerHTML = payload.html;
        })
        .catch(function () {
          results.textContent = section.dataset.error;
        })
        .finally(function () {
          results.removeAttribute("aria-busy");
        });
    });
  }
  document.querySelectorAll(".style-check").forEach(setUp);
})();

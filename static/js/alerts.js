/* Alerts a visitor has hidden, remembered in this browser only.

   The page is the same for every visitor (it is cached and shared), so the
   hiding happens here: localStorage keeps {alert id: version} for the alerts
   this visitor hid. Nothing is sent to the server and no cookie is set.
   A hidden alert comes back when its version changes (it was edited), and a
   new alert is never hidden. Urgent alerts have no hide button at all (see
   news/context_processors.py). Without JavaScript every alert stays visible
   and no button is shown.

   Loaded right after the alerts (not deferred) so hidden ones never flash. */
(function () {
  "use strict";

  var KEY = "comunicacio.alertes-amagades";
  var section = document.getElementById("alertes");
  if (!section) {
    return;
  }

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {}; // storage disabled or unreadable: hide nothing
    }
  }

  function write(value) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(value));
    } catch (error) {
      // Storage full or disabled: the alert is hidden for this page view only.
    }
  }

  var hidden = read();
  var alerts = Array.prototype.slice.call(section.querySelectorAll("[data-alert]"));
  var present = {};

  function visibleAlerts() {
    return alerts.filter(function (alert) {
      return !alert.hidden;
    });
  }

  function update() {
    section.hidden = visibleAlerts().length === 0;
  }

  function hide(alert) {
    var visible = visibleAlerts();
    var position = visible.indexOf(alert);
    var next = visible[position + 1] || visible[position - 1];
    hidden[alert.getAttribute("data-alert")] = alert.getAttribute("data-alert-version");
    write(hidden);
    alert.hidden = true;
    update();
    // Focus would otherwise fall back to the top of the page.
    var target = next ? next.querySelector(".alert-title") : document.getElementById("contingut");
    if (target) {
      target.focus();
    }
  }

  alerts.forEach(function (alert) {
    var id = alert.getAttribute("data-alert");
    var version = alert.getAttribute("data-alert-version");
    var button = alert.querySelector(".alert-dismiss");
    present[id] = true;
    if (!button) {
      return;
    }
    if (hidden[id] === version) {
      alert.hidden = true;
      return;
    }
    delete hidden[id]; // hidden in an earlier version: it changed, show it
    button.hidden = false;
    button.addEventListener("click", function () {
      hide(alert);
    });
  });

  // Forget alerts that are over, so the list never grows.
  Object.keys(hidden).forEach(function (id) {
    if (!present[id]) {
      delete hidden[id];
    }
  });
  write(hidden);
  update();
})();

/* The event form's recurrence: the rule said in words as the editor changes
   it (the sentence comes from the server, built by the same Python function
   as the list and the saved form), and the date picker that adds an
   excluded date. Without this script the form still works: the picked date
   is added when the form is saved. */
(function () {
  "use strict";

  function isoDate(text) {
    text = (text || "").trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    var match = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(text);
    if (!match) return "";
    return match[3] + "-" + ("0" + match[2]).slice(-2) + "-" + ("0" + match[1]).slice(-2);
  }

  function isoTime(text) {
    var match = /^(\d{1,2})[:.](\d{2})/.exec((text || "").trim());
    return match ? ("0" + match[1]).slice(-2) + ":" + match[2] : "";
  }

  function value(form, name) {
    var field = form.elements.namedItem(name);
    return field && "value" in field ? field.value : "";
  }

  function sessions(form) {
    var found = [];
    var total = parseInt(value(form, "sessions-TOTAL_FORMS"), 10) || 0;
    for (var i = 0; i < total; i++) {
      var prefix = "sessions-" + i + "-";
      var remove = form.elements.namedItem(prefix + "DELETE");
      if (remove && remove.checked) continue;
      var allDay = form.elements.namedItem(prefix + "all_day");
      allDay = allDay && allDay.checked;
      var startDay = isoDate(value(form, prefix + "start_0"));
      var endDay = isoDate(value(form, prefix + "end_0"));
      var startTime = isoTime(value(form, prefix + "start_1")) || (allDay ? "00:00" : "");
      var endTime = isoTime(value(form, prefix + "end_1")) || (allDay ? "00:00" : "");
      if (startDay && endDay && startTime && endTime) {
        found.push(startDay + "T" + startTime + "/" + endDay + "T" + endTime + "/" + (allDay ? "1" : "0"));
      }
    }
    return found;
  }

  function query(form) {
    var params = new URLSearchParams();
    params.append("frequency", value(form, "recurrence_frequency"));
    params.append("interval", value(form, "recurrence_interval"));
    form.querySelectorAll('input[name="recurrence_weekdays"]:checked').forEach(function (box) {
      params.append("weekday", box.value);
    });
    params.append("week_of_month", value(form, "recurrence_week_of_month"));
    params.append("until", isoDate(value(form, "recurrence_until")));
    var exceptions = value(form, "recurrence_exceptions");
    var picked = value(form, "recurrence_exceptions_add");
    params.append("exceptions", picked ? exceptions + "\n" + picked : exceptions);
    sessions(form).forEach(function (session) { params.append("session", session); });
    return params;
  }

  // "el primer" reads "el primer dissabte" once one day is ticked: the
  // day's full name is the checkbox label's (in the page's language).
  function updatePositions(form) {
    var select = form.elements.namedItem("recurrence_week_of_month");
    if (!select || !select.options) return;
    var names = [];
    form.querySelectorAll('input[name="recurrence_weekdays"]:checked').forEach(function (box) {
      var name = form.querySelector('label[for="' + box.id + '"] .visually-hidden');
      if (name) names.push(name.textContent);
    });
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      if (!option.dataset.word) option.dataset.word = option.textContent;
      option.textContent = names.length === 1 ? option.dataset.word + " " + names[0] : option.dataset.word;
    });
  }

  function setUp(sentence) {
    var form = sentence.closest("form");
    if (!form) return;
    var timer = null;
    var latest = 0;

    function update() {
      var asked = ++latest;
      fetch(sentence.dataset.url + "?" + query(form).toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (asked !== latest) return; // an answer to an older question
          sentence.textContent = data.error || data.sentence || sentence.dataset.none;
          sentence.classList.toggle("errornote", Boolean(data.error));
        })
        .catch(function () { /* the saved sentence stays; saving still works */ });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 250);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("change", function () { updatePositions(form); });
    updatePositions(form);

    var text = form.querySelector(".exception-dates-text");
    var picker = form.elements.namedItem("recurrence_exceptions_add");
    var button = form.querySelector(".exception-dates-button");
    if (text && picker && button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!picker.value) return;
        var days = text.value.split(/[\s,;]+/).filter(Boolean);
        if (days.indexOf(picker.value) === -1) days.push(picker.value);
        text.value = days.sort().join("\n");
        picker.value = "";
        picker.focus();
        later();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sentence = document.getElementById("rule-sentence");
    if (sentence) setUp(sentence);
  });
})();

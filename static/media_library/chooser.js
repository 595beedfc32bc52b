// The image chooser: the select stays the value (and the way without
// JavaScript); a dialog shows the chooser page's thumbnails, its search,
// filters and pages, and writes the chosen image back into the select.
(function () {
  "use strict";

  function setUp(root) {
    const select = root.querySelector("select");
    const preview = root.querySelector(".image-chooser__preview");
    const openButton = root.querySelector(".image-chooser__open");
    const clearButton = root.querySelector(".image-chooser__clear");
    if (!select || !openButton) return;

    const dialog = document.createElement("dialog");
    dialog.className = "image-chooser__dialog";
    dialog.setAttribute("aria-labelledby", select.id + "-chooser-title");
    const closeButton = document.createElement("button");
    closeButton.type = "button";
    closeButton.className = "button image-chooser__close";
    closeButton.textContent = root.dataset.closeLabel;
    const body = document.createElement("div");
    body.className = "image-chooser__body";
    dialog.append(closeButton, body);
    document.body.append(dialog);

    function showPreview(thumb, alt, label) {
      preview.replaceChildren();
      preview.dataset.value = select.value;
      if (!select.value) return;
      if (thumb) {
        const img = document.createElement("img");
        img.src = thumb;
        img.alt = alt || "";
        preview.append(img);
      }
      const text = document.createElement("span");
      text.textContent = label || select.options[select.selectedIndex].text;
      preview.append(text);
    }

    function refreshButtons() {
      if (clearButton) clearButton.hidden = !select.value || select.required;
    }

    function message(text) {
      const p = document.createElement("p");
      p.textContent = text;
      body.replaceChildren(p);
    }

    async function load(url) {
      message(root.dataset.loadingLabel);
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
        const html = await response.text();
        const page = new DOMParser().parseFromString(html, "text/html");
        const content = page.getElementById("image-chooser");
        if (!content) throw new Error("no chooser in the answer");
        // Ids of the page would clash with the form's: prefix them per field.
        content.querySelectorAll("[id]").forEach(function (element) {
          element.id = select.id + "-chooser-" + element.id;
        });
        content.querySelectorAll("label[for]").forEach(function (label) {
          label.htmlFor = select.id + "-chooser-" + label.htmlFor;
        });
        const title = content.querySelector("h2");
        if (title) title.id = select.id + "-chooser-title";
        content.removeAttribute("id");
        body.replaceChildren(document.importNode(content, true));
        const first = body.querySelector("[data-chooser-choice], input, select");
        if (first) first.focus();
      } catch (error) {
        message(root.dataset.errorLabel);
      }
    }

    function choose(link) {
      const id = link.dataset.id;
      let option = Array.from(select.options).find(function (o) { return o.value === id; });
      if (!option) {
        option = new Option(link.dataset.label, id);
        select.add(option);
      }
      select.value = id;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      showPreview(link.dataset.thumb, link.dataset.alt, link.dataset.label);
      refreshButtons();
      dialog.close();
      openButton.focus();
    }

    body.addEventListener("click", function (event) {
      const choice = event.target.closest("[data-chooser-choice]");
      if (choice) {
        event.preventDefault();
        choose(choice);
        return;
      }
      const nav = event.target.closest("[data-chooser-nav]");
      if (nav) {
        event.preventDefault();
        load(nav.href);
        return;
      }
      const upload = event.target.closest("[data-chooser-upload]");
      // Uploading goes through the admin's own "add" popup of the field,
      // which puts the new image into the select.
      const addLink = document.getElementById("add_" + select.id);
      if (upload && addLink) {
        event.preventDefault();
        dialog.close();
        addLink.click();
      }
    });
    body.addEventListener("submit", function (event) {
      event.preventDefault();
      const form = event.target;
      const query = new URLSearchParams(new FormData(form)).toString();
      load(form.action + (query ? "?" + query : ""));
    });
    closeButton.addEventListener("click", function () {
      dialog.close();
      openButton.focus();
    });
    openButton.addEventListener("click", function () {
      dialog.showModal();
      load(root.dataset.chooserUrl);
    });
    if (clearButton) {
      clearButton.addEventListener("click", function () {
        select.value = "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
        showPreview();
        refreshButtons();
        openButton.focus();
      });
    }
    // A value set elsewhere: its name at least. The admin's "add" popup
    // announces its new option through jQuery, which native listeners miss.
    function changedElsewhere() {
      // The admin also announces the value it loaded with: keep its thumbnail.
      if (select.value === preview.dataset.value) return;
      showPreview();
      refreshButtons();
    }
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", changedElsewhere);
    } else {
      select.addEventListener("change", changedElsewhere);
    }

    select.hidden = true;
    openButton.hidden = false;
    refreshButtons();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-image-chooser]").forEach(setUp);
  });
})();

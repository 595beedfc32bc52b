// The focal point of a library image: a click on the picture sets the two
// number fields (which stay the keyboard way to set it) and the marker
// follows whatever the fields say.
(function () {
  "use strict";

  function setUp(picker) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-picker__marker");
    const inputX = document.getElementById("id_focal_x");
    const inputY = document.getElementById("id_focal_y");
    if (!image || !marker) return;
    if (!inputX || !inputY) {
      // A read-only form (the image is live and the member may not change
      // it): the marker shows the stored point.
      marker.style.left = parseFloat(picker.dataset.x) * 100 + "%";
      marker.style.top = parseFloat(picker.dataset.y) * 100 + "%";
      return;
    }

    function clamp(value) {
      return Math.min(1, Math.max(0, value));
    }

    function place() {
      const x = parseFloat(inputX.value);
      const y = parseFloat(inputY.value);
      if (Number.isNaN(x) || Number.isNaN(y)) {
        marker.hidden = true;
        return;
      }
      marker.hidden = false;
      // CSSOM, not a style attribute: the admin's CSP allows it either way.
      marker.style.left = clamp(x) * 100 + "%";
      marker.style.top = clamp(y) * 100 + "%";
    }

    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
      inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      inputY.dispatchEvent(new Event("change", { bubbles: true }));
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    inputX.addEventListener("change", place);
    inputY.addEventListener("change", place);
    picker.classList.add("focal-picker--ready");
    place();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-picker]").forEach(setUp);
  });
})();

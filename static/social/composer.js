// Live count of an editor's own post text against the network's limit. The
// server counts again when the item is saved and refuses what does not fit;
// this is only a guide while typing.
(function () {
  "use strict";
  var URL_RE = /https?:\/\/\S+/g;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("ca", { granularity: "grapheme" }) : null;

  function graphemes(text) {
    if (segmenter) { return Array.from(segmenter.segment(text)).length; }
    return Array.from(text).length;
  }

  // X weighs characters outside a few Latin ranges double; links count 23.
  function xWeight(text) {
    var total = 0;
    Array.from(text).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var light = (code <= 0x10ff) || (code >= 0x2000 && code <= 0x200d) || (code >= 0x2010 && code <= 0x201f) || (code >= 0x2032 && code <= 0x2037);
      total += light ? 1 : 2;
    });
    return total;
  }

  function count(text, counting, linkLength) {
    var links = text.match(URL_RE) || [];
    var rest = text.replace(URL_RE, "");
    var linksLength = 0;
    if (counting === "x" || counting === "mastodon") {
      linksLength = links.length * 23;
    } else {
      linksLength = links.reduce(function (sum, link) { return sum + graphemes(link); }, 0);
    }
    var body = counting === "x" ? xWeight(rest) : (counting === "mastodon" ? Array.from(rest).length : graphemes(rest));
    // The item's link is appended after a blank line.
    return body + linksLength + (linkLength ? linkLength + 2 : 0);
  }

  function attach(area) {
    var limit = parseInt(area.dataset.socialLimit, 10);
    var output = document.createElement("p");
    output.className = "social-count";
    output.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", output);
    function update() {
      if (!area.value.trim()) { output.textContent = ""; return; }
      var used = count(area.value.trim(), area.dataset.socialCounting, parseInt(area.dataset.socialLinkLength, 10) || 0);
      output.textContent = used + " / " + limit;
      output.classList.toggle("social-count--over", used > limit);
    }
    area.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.social-compose").forEach(attach);
  });
})();

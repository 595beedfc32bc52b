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

  // --- the live preview of every post, as the editor types -----------------
  // The same composition and shortening as social/composer.py (auto_text),
  // with the rules it exposes (live_rules); the server composes again when
  // the item is saved and that is what goes out.
  function clusters(text) {
    if (segmenter) { return Array.from(segmenter.segment(text), function (part) { return part.segment; }); }
    return Array.from(text);
  }

  function cut(text, drop, rules) {
    var parts = clusters(text);
    var keep = Math.max(0, parts.length - drop - 1);
    if (!keep) { return ""; }
    var kept = parts.slice(0, keep).join("");
    while (kept && rules.strip.indexOf(kept.charAt(kept.length - 1)) >= 0) { kept = kept.slice(0, -1); }
    return kept + rules.ellipsis;
  }

  function hashtag(tag) {
    var words = tag.normalize("NFC").match(/[\p{L}\p{N}\p{M}_]+/gu) || [];
    return words.length ? "#" + words.map(function (word) { return word.charAt(0).toUpperCase() + word.slice(1); }).join("") : "";
  }

  function parseTags(value) {
    // django-taggit: comma-separated when there is a comma, else by spaces.
    var text = (value || "").trim();
    if (!text) { return []; }
    var parts = text.indexOf(",") >= 0 ? text.split(",") : text.split(/\s+/);
    return parts.map(function (part) { return part.trim().replace(/^"|"$/g, ""); }).filter(Boolean);
  }

  function assemble(parts, rules) {
    return parts.filter(Boolean).join(rules.separator);
  }

  function measure(text, account) {
    return count(text, account.counting, 0);
  }

  function compose(values, account, rules, ownText) {
    var line = account.linkLine || account.link;
    if (ownText) { return assemble([ownText, line], rules); }
    var title = values.title, summary = values.summary;
    var tags = values.tags.map(hashtag).filter(Boolean).join(" ");
    var text = assemble([title, summary, line, tags], rules);
    for (var round = 0; round < 50; round++) {
      var excess = measure(text, account) - account.limit;
      if (excess <= 0) { break; }
      if (summary) { summary = graphemes(summary) > excess + rules.summaryMinKeep ? cut(summary, excess, rules) : ""; }
      else if (tags) { tags = ""; }
      else if (title) { title = cut(title, excess, rules); }
      else { break; }
      text = assemble([title, summary, line, tags], rules);
    }
    return text;
  }

  // The address an unsaved item will get, as comunicacio/slugs.py makes it.
  function slugify(text) {
    return (text || "").normalize("NFKC")
      .replace(/([lL])[\u00b7\u2027\u2219\u22c5\u0387.](?=[lL])/g, "$1")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function startLivePreview(panel) {
    var settings;
    try { settings = JSON.parse(panel.dataset.socialLive); } catch (_error) { return; }
    if (!settings.accounts || !settings.accounts.length) { return; }
    var form = panel.closest("form");
    var field = function (name) { return form.elements.namedItem(name); };
    var rows = {};
    document.querySelectorAll(".social-preview[data-social-account]").forEach(function (preview) {
      rows[preview.dataset.socialAccount] = preview;
    });
    var cards = {};
    var missing = settings.accounts.filter(function (account) { return !rows[account.account]; });
    if (missing.length) {
      var heading = document.createElement("h3");
      heading.textContent = panel.dataset.textHeading;
      panel.appendChild(heading);
      var intro = document.createElement("p");
      intro.className = "help";
      intro.textContent = panel.dataset.textUnsaved;
      panel.appendChild(intro);
      var list = document.createElement("ul");
      list.className = "social-live-list";
      missing.forEach(function (account) {
        var item = document.createElement("li");
        item.className = "social-live-item";
        var name = document.createElement("p");
        name.className = "social-live-name";
        name.textContent = account.name + " · " + account.network;
        var note = document.createElement("p");
        note.className = "social-note";
        note.hidden = true;
        var preview = document.createElement("div");
        preview.className = "social-preview";
        var counter = document.createElement("p");
        counter.className = "social-count";
        item.append(name, note, preview, counter);
        list.appendChild(item);
        cards[account.account] = { preview: preview, counter: counter, note: note };
      });
      panel.appendChild(list);
    }

    function values() {
      var slugField = field("slug");
      var slug = slugify((slugField && slugField.value) || (field("title") && field("title").value) || "");
      return {
        title: ((field("title") && field("title").value) || "").trim(),
        summary: ((field("summary") && field("summary").value) || "").trim(),
        tags: parseTags(field("tags") && field("tags").value),
        hasImage: !!(field("image") && field("image").value),
        slug: slug || settings.slug,
      };
    }

    function ownTextOf(preview) {
      var row = preview.closest("tr");
      var area = row && row.querySelector("textarea.social-compose");
      return area ? area.value.trim() : "";
    }

    function update() {
      var current = values();
      settings.accounts.forEach(function (account) {
        var live = Object.assign({}, account, {
          link: account.link.split(settings.slug).join(current.slug),
        });
        if (live.linkLine) { live.linkLine = account.linkLine; }
        var row = rows[account.account];
        var text = compose(current, live, settings.rules, row ? ownTextOf(row) : "");
        var used = measure(text, live);
        var target = row ? { preview: row, counter: row.parentNode.querySelector("[data-social-auto]") } : cards[account.account];
        target.preview.textContent = text;
        if (target.counter) {
          target.counter.textContent = used + " / " + account.limit;
          target.counter.classList.toggle("social-count--over", used > account.limit);
        }
        if (target.note) {
          var needsImage = account.requiresImage && !current.hasImage;
          target.note.hidden = !needsImage;
          target.note.textContent = needsImage
            ? panel.dataset.textOff + " " + panel.dataset.textNeedsImage.replace("%(network)s", account.network)
            : "";
        }
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.social-compose").forEach(attach);
    document.querySelectorAll("[data-social-live]").forEach(startLivePreview);
  });
})();

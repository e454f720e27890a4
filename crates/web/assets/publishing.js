// The compose page's comforts: per-channel previews with counters that count like each
// network, hashtag suggestions, and the privacy check as you type. The form works without
// it; it never writes HTML strings, only text nodes.
(function () {
  "use strict";

  // The helpers the draft checker uses too, from app.js (loaded first on every page).
  var shared = window.Carepost;
  var csrfToken = shared.csrfToken, el = shared.el;
  var renderPreview = shared.renderPreview, renderFindings = shared.renderFindings;

  function renderVerdict(node, report) {
    shared.renderVerdict(node, report, "post");
  }

  // The server's normalise_hashtag: letters, digits and _, not only digits.
  function normaliseTag(raw) {
    var tag = Array.from(raw.trim().replace(/^#+/, "")).filter(function (c) {
      return /[\p{L}\p{N}_]/u.test(c);
    }).join("");
    return tag && /[^\p{N}]/u.test(tag) ? tag : null;
  }

  function tagsOf(field) {
    var seen = [];
    field.split(/[\s,]+/).forEach(function (raw) {
      var t = normaliseTag(raw);
      if (t && !seen.some(function (s) { return s.toLowerCase() === t.toLowerCase(); })) seen.push(t);
    });
    return seen;
  }

  // The server's compose_text: the body, then each hashtag it does not already carry.
  function composeText(body, tags) {
    body = body.trim();
    var words = body.toLowerCase().split(/[\s,.]/);
    var missing = tags.map(function (t) { return "#" + t; }).filter(function (t) {
      return words.indexOf(t.toLowerCase()) < 0;
    });
    return missing.length ? body + "\n\n" + missing.join(" ") : body;
  }

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  // Each network's count, as channels::Limits::length does it.
  function length(counting, text) {
    if (counting === "graphemes") {
      return segmenter ? Array.from(segmenter.segment(text)).length : Array.from(text).length;
    }
    if (counting === "chars_urls_23") {
      return text.split(/(\s+)/).reduce(function (sum, word) {
        if (!word) return sum;
        return sum + (/^https?:\/\//.test(word) ? 23 : Array.from(word).length);
      }, 0);
    }
    return Array.from(text).length;
  }

  function setupCompose() {
    var form = document.getElementById("compose-form");
    if (!form) return;
    var body = document.getElementById("f-body");
    var hashtags = document.getElementById("f-hashtags");
    var type = document.getElementById("f-content_type");
    var verdict = document.getElementById("verdict");
    var guardPreview = document.getElementById("preview");
    var findings = document.getElementById("findings");
    var status = document.getElementById("limit-status");
    var noPreviews = document.getElementById("no-previews");
    var boxes = Array.from(form.querySelectorAll('input[name="channel_ids"]'));
    var over = {};
    var timer = null, latest = 0;

    function text() { return composeText(body.value, tagsOf(hashtags.value)); }

    function updatePreviews() {
      var t = text();
      var shown = 0;
      var news = [];
      boxes.forEach(function (box) {
        var card = document.getElementById("pv-" + box.value);
        if (!card) return;
        card.hidden = !box.checked;
        if (box.checked) shown++;
        var max = parseInt(card.dataset.max, 10);
        var n = length(card.dataset.counting, t);
        card.querySelector(".preview-text").textContent = t;
        var counter = card.querySelector(".counter");
        counter.textContent = "";
        counter.appendChild(el("span", { "class": "count" }, String(n)));
        counter.appendChild(document.createTextNode(" / " + max));
        var by = n - max;
        counter.classList.toggle("over", by > 0);
        if (by > 0) {
          counter.appendChild(document.createTextNode(" · "));
          counter.appendChild(el("strong", { "class": "over-by" }, by + " over"));
        }
        var name = card.querySelector("h3").firstChild.textContent.trim();
        var isOver = box.checked && by > 0;
        if (isOver !== !!over[box.value]) {
          news.push(isOver ? name + " is " + by + " characters over its limit." : name + " fits again.");
        }
        over[box.value] = isOver;
      });
      if (noPreviews) noPreviews.hidden = shown > 0;
      if (news.length) status.textContent = news.join(" ");
    }

    function scan() {
      var t = text(), id = ++latest;
      if (!body.value.trim()) {
        guardPreview.textContent = "";
        findings.textContent = "";
        verdict.className = "verdict";
        verdict.textContent = "Write the post to check it.";
        return;
      }
      fetch("/api/v1/guard/scan", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
        body: JSON.stringify({ id: id, text: t })
      }).then(function (res) {
        return res.json().then(function (b) { return { ok: res.ok, body: b }; });
      }).then(function (r) {
        if (id !== latest) return; // a newer keystroke is on its way
        if (!r.ok) {
          verdict.className = "verdict";
          verdict.textContent = (r.body.error && r.body.error.message) || "The post could not be checked.";
          return;
        }
        renderPreview(guardPreview, t, r.body.findings);
        renderFindings(findings, r.body.findings);
        renderVerdict(verdict, r.body);
      }).catch(function () {
        if (id !== latest) return;
        verdict.className = "verdict";
        verdict.textContent = "The post could not be checked; check your connection.";
      });
    }

    function changed() {
      updatePreviews();
      clearTimeout(timer);
      timer = setTimeout(scan, 300);
    }

    // Hashtag suggestions: the team's recent ones, and those that suit the content type.
    var box = document.getElementById("tag-suggestions");
    function updateSuggestions() {
      if (!box) return;
      var have = tagsOf(hashtags.value).map(function (t) { return t.toLowerCase(); });
      var any = false;
      Array.from(box.querySelectorAll("li")).forEach(function (li) {
        var types = li.dataset.types.split(" ");
        var tag = li.querySelector("button").dataset.tag;
        var show = (types.indexOf("recent") >= 0 || types.indexOf(type.value) >= 0) &&
          have.indexOf(tag.toLowerCase()) < 0;
        li.hidden = !show;
        if (show) any = true;
      });
      box.hidden = !any;
    }
    if (box) {
      box.addEventListener("click", function (e) {
        var button = e.target.closest("button[data-tag]");
        if (!button) return;
        var v = hashtags.value.trim();
        hashtags.value = (v ? v + " " : "") + "#" + button.dataset.tag;
        updateSuggestions();
        changed();
        hashtags.focus();
      });
    }

    body.addEventListener("input", changed);
    hashtags.addEventListener("input", function () { updateSuggestions(); changed(); });
    type.addEventListener("change", updateSuggestions);
    boxes.forEach(function (b) { b.addEventListener("change", updatePreviews); });
    body.closest(".field").querySelector(".hint").textContent =
      "The privacy check and the previews update as you type. Hashtags from the field below are added at the end unless the text already has them.";
    updateSuggestions();
    updatePreviews();
    if (body.value.trim()) scan();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupCompose);
  else setupCompose();
})();

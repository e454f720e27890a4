// Carepost's only script: the live draft checker and small comforts. Everything works
// without it; it never writes HTML strings, only text nodes.
(function () {
  "use strict";

  // Move focus to a form's error summary so screen readers announce it.
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var LABELS = {
    mrn: "MRN", ssn: "SSN", url: "URL", ip_address: "IP address", age_over_89: "Age over 89",
    health_plan_id: "Health plan ID", vehicle_id: "Vehicle ID", device_id: "Device ID", other_id: "Other ID"
  };

  function label(kind) {
    if (LABELS[kind]) return LABELS[kind];
    var s = kind.replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  // Offsets from the API are Unicode code points, so cut an array of code points.
  function renderPreview(preview, text, findings) {
    var chars = Array.from(text);
    var sorted = findings.slice().sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    preview.textContent = "";
    var at = 0;
    sorted.forEach(function (f) {
      var start = Math.min(f.start, chars.length), end = Math.min(f.end, chars.length);
      if (start < at || start >= end) return;
      if (start > at) preview.appendChild(document.createTextNode(chars.slice(at, start).join("")));
      preview.appendChild(el("mark", { "data-kind": f.kind, "data-whose": f.whose, title: f.reason },
        chars.slice(start, end).join("")));
      at = end;
    });
    if (at < chars.length) preview.appendChild(document.createTextNode(chars.slice(at).join("")));
  }

  function renderFindings(box, findings) {
    box.textContent = "";
    if (!findings.length) { box.appendChild(el("p", { "class": "muted" }, "None.")); return; }
    var list = el("ul", { "class": "findings" });
    findings.forEach(function (f) {
      var item = el("li", { "class": "finding " + f.whose });
      item.appendChild(el("span", { "class": "finding-kind" }, label(f.kind)));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("q", {}, f.text));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", { "class": "tag " + f.whose }, f.whose));
      item.appendChild(el("span", { "class": "finding-reason" }, f.reason));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // `noun` names what was checked: "draft" on the checker, "post" on the compose page.
  function renderVerdict(node, report, noun) {
    var blocked = report.verdict === "block";
    node.className = "verdict " + (blocked ? "block" : "pass");
    node.textContent = blocked
      ? "Blocked: this " + (noun || "draft") + " contains patient identifiers."
      : report.findings.length ? "Pass: only staff or organisation details found." : "Pass: no identifiers found.";
  }

  function setupChecker() {
    var form = document.getElementById("check-form");
    if (!form) return;
    var input = document.getElementById("f-text");
    var preview = document.getElementById("preview");
    var verdict = document.getElementById("verdict");
    var findings = document.getElementById("findings");
    var timer = null, latest = 0;

    function scan() {
      var text = input.value, id = ++latest;
      if (!text.trim()) {
        preview.textContent = "";
        findings.textContent = "";
        verdict.className = "verdict";
        verdict.textContent = "Type a draft to check it.";
        return;
      }
      fetch("/api/v1/guard/scan", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
        body: JSON.stringify({ id: id, text: text })
      }).then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      }).then(function (r) {
        if (id !== latest) return; // a newer keystroke is on its way
        if (!r.ok) {
          verdict.className = "verdict";
          verdict.textContent = (r.body.error && r.body.error.message) || "The draft could not be checked.";
          return;
        }
        renderPreview(preview, text, r.body.findings);
        renderFindings(findings, r.body.findings);
        renderVerdict(verdict, r.body);
      }).catch(function () {
        if (id !== latest) return;
        verdict.className = "verdict";
        verdict.textContent = "The draft could not be checked; check your connection.";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(scan, 300);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      scan();
    });
    input.closest(".field").querySelector(".hint").textContent = "Results update as you type.";
  }

  // Shared with the page scripts that load after this one (publishing.js, library.js).
  window.Carepost = {
    csrfToken: csrfToken,
    el: el,
    label: label,
    renderPreview: renderPreview,
    renderFindings: renderFindings,
    renderVerdict: renderVerdict
  };

  function init() {
    focusErrors();
    setupChecker();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

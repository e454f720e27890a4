// Uploads on the consent, media and contacts pages, with a progress bar for large files. A file upload is sent as multipart/form-data,
// which the server's CSRF check cannot read a hidden field from; this sends the form with
// the page's CSRF token in a header instead, then shows the page the server answered with
// (the saved item, or the form again with its errors). It never builds HTML from strings:
// the answer is a page of our own, parsed and moved into place.
(function () {
  "use strict";

  // From app.js, which every page loads first.
  var csrfToken = window.Carepost.csrfToken;

  function say(form, text) {
    var status = form.querySelector(".upload-status");
    if (status) status.textContent = text;
  }

  function showPage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    bind();
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    else window.scrollTo(0, 0);
  }

  // Progress for large files: how much has gone up, then that the server is checking it.
  function progress(form, sent, total) {
    var status = form.querySelector(".upload-status");
    if (!status) return;
    var bar = status.querySelector("progress");
    if (!bar) {
      status.textContent = "";
      bar = document.createElement("progress");
      bar.max = 100;
      var label = document.createElement("span");
      label.className = "upload-progress-text";
      status.appendChild(bar);
      status.appendChild(label);
    }
    var pct = total ? Math.floor((sent / total) * 100) : 0;
    bar.value = pct;
    var mb = function (n) { return (n / 1048576).toFixed(1) + " MB"; };
    status.querySelector(".upload-progress-text").textContent = sent >= total
      ? " Uploaded " + mb(total) + "; checking it now… keep this page open."
      : " Uploading " + pct + "% of " + mb(total) + "…";
  }

  function send(form, event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    say(form, "Uploading… keep this page open.");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRF-Token", csrfToken());
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) progress(form, e.loaded, e.total);
    };
    xhr.onload = function () {
      // Saved: the server redirected to the new item's page.
      if (xhr.responseURL && xhr.responseURL.split("#")[0] !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") === 0) {
        showPage(xhr.responseText);
      } else {
        if (button) button.disabled = false;
        say(form, xhr.responseText.trim() || "The upload was refused (" + xhr.status + ").");
      }
    };
    xhr.onerror = function () {
      if (button) button.disabled = false;
      say(form, "The upload did not reach Carepost. Check your connection and try again.");
    };
    xhr.send(new FormData(form));
  }

  function bind() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-upload]"), function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", function (e) { send(form, e); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();

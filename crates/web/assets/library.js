// Uploads on the consent and media pages. A file upload is sent as multipart/form-data,
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

  function send(form, event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    say(form, "Uploading… keep this page open.");
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrfToken() },
      body: new FormData(form)
    }).then(function (res) {
      // Saved: the server redirected to the new item's page.
      if (res.redirected) {
        window.location.assign(res.url);
        return;
      }
      var type = res.headers.get("Content-Type") || "";
      return res.text().then(function (text) {
        if (type.indexOf("text/html") === 0) {
          showPage(text);
        } else {
          if (button) button.disabled = false;
          say(form, text.trim() || "The upload was refused (" + res.status + ").");
        }
      });
    }).catch(function () {
      if (button) button.disabled = false;
      say(form, "The upload did not reach Carepost. Check your connection and try again.");
    });
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

// Facility alerts: the new-alert form's character count, and the alert page's pins,
// message counts and failures kept current by asking the API every 2 seconds (the session
// cookie authenticates the GET). The pages work without it; it only writes text nodes.
(function () {
  "use strict";

  // The server's state_badge and pin_label, for the live page.
  var BADGES = {
    scheduled: ["Scheduled", "state-scheduled"],
    active: ["Active", "state-bad"],
    ended: ["Ended", "state-draft"]
  };
  var PINS = { pinned: "Pinned", unpinned: "Unpinned", failed: "Pinning failed" };
  var DELIVERIES = {
    pending: "Waiting for its time", sending: "Posting", retrying: "Posting",
    published: "Posted", failed: "Posting failed", withdrawing: "Being taken down",
    withdrawn: "Taken down", cancelled: "Cancelled"
  };
  var MEDIA = { email: "Email", sms: "SMS", voice: "Voice call" };

  function counters() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-count-for]"), function (out) {
      var field = document.getElementById(out.getAttribute("data-count-for"));
      if (!field) return;
      var show = function () {
        // Code points, as the desk counts them.
        var n = Array.from(field.value).length;
        out.textContent = n + (n === 1 ? " character" : " characters");
      };
      field.addEventListener("input", show);
      show();
    });
  }

  function update(root, a) {
    var badge = document.getElementById("alert-state");
    var b = BADGES[a.state];
    if (badge && b) {
      badge.textContent = b[0];
      badge.className = "badge " + b[1];
    }
    (a.pins || []).forEach(function (p) {
      var row = root.querySelector('#pins tr[data-channel="' + CSS.escape(p.channel_id) + '"]');
      if (!row) return;
      row.querySelector(".pin").textContent =
        PINS[p.pin_state] || DELIVERIES[p.delivery_state] || p.delivery_state;
      row.querySelector(".last-error").textContent = p.last_error ? "Last error: " + p.last_error : "";
      var link = row.querySelector(".live-link");
      if (p.remote_url) {
        link.setAttribute("href", p.remote_url);
        link.hidden = false;
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll("#counts tr[data-medium]"), function (row) {
      var byState = (a.deliveries || {})[row.getAttribute("data-medium")] || {};
      Array.prototype.forEach.call(row.querySelectorAll("td[data-state]"), function (cell) {
        cell.textContent = String(byState[cell.getAttribute("data-state")] || 0);
      });
    });
    var list = document.getElementById("failures");
    if (list) {
      while (list.firstChild) list.removeChild(list.firstChild);
      (a.failures || []).forEach(function (f) {
        var li = document.createElement("li");
        li.textContent = (MEDIA[f.medium] || f.medium) + " to contact " + f.contact_id + ": " +
          String(f.state).replace(/_/g, " ") + " — " + (f.reason || "No reason given");
        list.appendChild(li);
      });
      var none = document.getElementById("no-failures");
      if (none) none.hidden = (a.failures || []).length > 0;
    }
  }

  function poll(root) {
    var id = root.getAttribute("data-alert");
    var status = document.getElementById("live-status");
    var tick = function () {
      fetch("/api/v1/alerts/" + encodeURIComponent(id), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      }).then(function (a) {
        update(root, a);
        if (status) status.textContent = "";
        // An ended alert's numbers still settle (cancelled sends); the page keeps asking.
        window.setTimeout(tick, 2000);
      }).catch(function () {
        if (status) status.textContent = "Live updates paused: reload the page to see the latest numbers.";
      });
    };
    window.setTimeout(tick, 2000);
  }

  function start() {
    counters();
    var root = document.getElementById("alert-live");
    if (root) poll(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

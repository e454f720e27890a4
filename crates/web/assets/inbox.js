// The inbox: the queue kept current from the API every few seconds (without losing the
// selection or a reply being typed), its actions and keyboard shortcuts. The server renders
// the queue first; this script only ever writes text nodes.
(function () {
  "use strict";

  var POLL_MS = 3000;
  var TICK_MS = 5000;

  // The server's tables (pages/inbox.rs), for what the script draws.
  var LABELS = {
    advice_request: ["Asks for medical advice", "question"],
    appointment: ["Appointment", "question"],
    general_question: ["Question", "question"],
    phi_disclosure: ["Shares health details", "violation"],
    abusive: ["Abusive", "violation"],
    spam: ["Spam", "violation"],
    misinformation: ["Misinformation", "violation"],
    complaint: ["Complaint", "other"],
    praise: ["Praise", "other"]
  };
  var STATES = {
    "new": "New", assigned: "Assigned", replied: "Replied", hidden: "Hidden",
    resolved: "Resolved", deleted: "Deleted"
  };
  var ACTIONS = {
    hide: "Hidden", unhide: "Shown again", reply: "Replied", "delete": "Deleted",
    resolve: "Resolved", reopen: "Reopened", assign: "Assigned", flag: "Flagged", undo: "Undone",
    mute: "Author muted", report: "Reported to the network"
  };
  var KINDS = { comment: "Comment", message: "Private message", mention: "Mention" };

  function words(s) {
    s = String(s || "").replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function el(tag, attrs, text) {
    return window.Carepost.el(tag, attrs, text);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function byId(id) {
    return document.getElementById(id);
  }

  // "12 min", "2 h 5 min", "3 d 4 h": as pages/inbox.rs `span`.
  function span(ms) {
    var minutes = Math.max(1, Math.floor(Math.abs(ms) / 60000));
    if (minutes < 60) return minutes + " min";
    if (minutes < 24 * 60) {
      var m = minutes % 60;
      return Math.floor(minutes / 60) + " h" + (m ? " " + m + " min" : "");
    }
    var h = Math.floor(minutes / 60) % 24;
    return Math.floor(minutes / 1440) + " d" + (h ? " " + h + " h" : "");
  }

  function ago(ms) {
    var s = Math.floor(ms / 1000);
    if (s < 60) return "just now";
    if (s < 3600) return Math.floor(s / 60) + " min ago";
    if (s < 86400) return Math.floor(s / 3600) + " h ago";
    return Math.floor(s / 86400) + " d ago";
  }

  // Every call sends the CSRF header with the session cookie, as app.js does.
  function api(method, path, body) {
    var headers = { Accept: "application/json", "X-CSRF-Token": window.Carepost.csrfToken() };
    var init = { method: method, credentials: "same-origin", headers: headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { ok: res.ok, status: res.status, body: parsed };
      });
    }, function () {
      return { ok: false, status: 0, body: null };
    });
  }

  function problem(r, what) {
    var e = r.body && r.body.error;
    if (e && e.message) return e.message.charAt(0).toUpperCase() + e.message.slice(1) + ".";
    if (r.status === 0) return what + ": the server could not be reached; check your connection.";
    return what + ": the server answered " + r.status + ".";
  }

  // ---------------------------------------------------------------------------------
  // The queue.

  function Queue(root) {
    this.root = root;
    this.me = root.getAttribute("data-me");
    this.filters = {
      label: root.getAttribute("data-label"),
      state: root.getAttribute("data-state"),
      channel: root.getAttribute("data-channel"),
      assignee: root.getAttribute("data-assignee")
    };
    this.items = [];
    this.byId = {};
    this.known = {};
    this.fresh = {};
    this.drafts = {};
    this.responders = {};
    this.offset = 0;
    this.busy = false;
    var self = this;
    this.channels = {};
    Array.prototype.forEach.call(byId("f-channel").options, function (o) {
      if (o.value) self.channels[o.value] = o.textContent;
    });
    Array.prototype.forEach.call(root.querySelectorAll("#queue li[data-id]"), function (li) {
      self.known[li.getAttribute("data-id")] = true;
    });
    var detail = byId("item-detail");
    this.selected = byId("item-panel").hidden ? null : detail.getAttribute("data-item");
  }

  Queue.prototype.now = function () {
    return Date.now() + this.offset;
  };

  Queue.prototype.href = function (id) {
    var parts = [];
    var f = this.filters;
    ["label", "state", "channel", "assignee"].forEach(function (k) {
      if (f[k]) parts.push(k + "=" + encodeURIComponent(f[k]));
    });
    if (id) parts.push("item=" + encodeURIComponent(id));
    return "/inbox" + (parts.length ? "?" + parts.join("&") : "");
  };

  Queue.prototype.assigneeMatches = function (item) {
    var a = this.filters.assignee;
    if (!a) return true;
    if (a === "none") return !item.assigned_to;
    if (a === "me") return item.assigned_to === this.me;
    return item.assigned_to === a;
  };

  Queue.prototype.assigneeName = function (item) {
    if (!item.assigned_to) return "Unassigned";
    if (item.assigned_to === this.me) return "You";
    return this.responders[item.assigned_to] || "Assigned";
  };

  // The first-response and removal timers: as pages/inbox.rs `timers`.
  Queue.prototype.timers = function (item) {
    var sla = item.sla || {}, now = this.now(), out = [];
    var open = item.state !== "resolved" && item.state !== "deleted";
    var add = function (due, soon, late) {
      var t = Date.parse(due);
      if (isNaN(t)) return;
      out.push(t >= now ? { text: soon + span(t - now), cls: "sla-due" }
        : { text: late + span(now - t), cls: "sla-overdue" });
    };
    if (open && !item.first_response_at && sla.first_response_due_at) {
      add(sla.first_response_due_at, "Reply due in ", "Reply overdue by ");
    }
    if (open && item.state !== "hidden" && sla.removal_due_at) {
      add(sla.removal_due_at, "Remove within ", "Removal overdue by ");
    }
    return out;
  };

  function chips(node, labels) {
    clear(node);
    (labels || []).forEach(function (l) {
      var known = LABELS[l];
      var kind = known ? known[1] : "other";
      node.appendChild(el("span", { "class": "chip-label chip-" + kind }, known ? known[0] : words(l)));
      node.appendChild(document.createTextNode(" "));
    });
  }

  Queue.prototype.fillTimers = function (node, item) {
    clear(node);
    this.timers(item).forEach(function (t) {
      node.appendChild(el("span", { "class": "sla " + t.cls }, t.text));
      node.appendChild(document.createTextNode(" "));
    });
  };

  Queue.prototype.row = function (item) {
    var li = el("li", { "class": "queue-row", "data-id": item.id });
    if (item.id === this.selected) li.classList.add("selected");
    if (this.fresh[item.id]) li.classList.add("fresh");
    var a = el("a", { "class": "row-link", href: this.href(item.id) });
    if (item.id === this.selected) a.setAttribute("aria-current", "true");
    var top = el("span", { "class": "row-top" });
    top.appendChild(el("span", { "class": "row-author" }, item.author_name));
    top.appendChild(document.createTextNode(" "));
    var meta = el("span", { "class": "row-meta" });
    meta.appendChild(el("span", { "class": "row-channel" }, this.channels[item.channel_id] || "A removed channel"));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", { "class": "row-kind" }, KINDS[item.kind] || "Item"));
    meta.appendChild(document.createTextNode(" · "));
    var received = Date.parse(item.received_at);
    meta.appendChild(el("time", {
      "class": "row-time", datetime: item.received_at, title: new Date(received).toLocaleString()
    }, ago(this.now() - received)));
    top.appendChild(meta);
    a.appendChild(top);
    var text = String(item.text || "").replace(/\s+/g, " ").trim();
    var chars = Array.from(text);
    a.appendChild(el("span", { "class": "row-text" },
      chars.length > 160 ? chars.slice(0, 160).join("") + "…" : text));
    li.appendChild(a);
    var info = el("span", { "class": "row-info" });
    var c = el("span", { "class": "chips" });
    chips(c, item.labels);
    info.appendChild(c);
    info.appendChild(el("span", { "class": "badge state-" + item.state + " row-state" },
      STATES[item.state] || words(item.state)));
    info.appendChild(document.createTextNode(" "));
    info.appendChild(el("span", { "class": "row-assignee" }, this.assigneeName(item)));
    info.appendChild(document.createTextNode(" "));
    var sla = el("span", { "class": "row-sla" });
    this.fillTimers(sla, item);
    info.appendChild(sla);
    li.appendChild(info);
    return li;
  };

  Queue.prototype.renderList = function () {
    var list = byId("queue");
    var focused = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("#queue li[data-id]") : null;
    var focusId = focused ? focused.getAttribute("data-id") : null;
    var self = this;
    clear(list);
    this.items.forEach(function (item) { list.appendChild(self.row(item)); });
    byId("queue-count").textContent = "(" + this.items.length + ")";
    byId("queue-empty").hidden = this.items.length > 0;
    if (focusId) {
      var again = list.querySelector('li[data-id="' + CSS.escape(focusId) + '"] .row-link');
      if (again) again.focus();
    }
    var n = Object.keys(this.fresh).length;
    var button = byId("new-items");
    button.hidden = n === 0;
    button.textContent = n + " new";
  };

  Queue.prototype.tick = function () {
    var self = this;
    Array.prototype.forEach.call(document.querySelectorAll("#queue li[data-id]"), function (li) {
      var item = self.byId[li.getAttribute("data-id")];
      if (!item) return;
      self.fillTimers(li.querySelector(".row-sla"), item);
      li.querySelector(".row-time").textContent = ago(self.now() - Date.parse(item.received_at));
    });
    var current = this.byId[this.selected];
    if (current) this.fillTimers(byId("item-sla"), current);
  };

  // Draws the selected item; the reply box is refilled only when another item is chosen,
  // so a live refresh never replaces what is being typed.
  Queue.prototype.renderDetail = function (refill) {
    var item = this.byId[this.selected];
    var panel = byId("item-panel");
    panel.hidden = !item;
    if (!item) return;
    var self = this;
    byId("item-detail").setAttribute("data-item", item.id);
    byId("item-kind").textContent = KINDS[item.kind] || "Item";
    byId("item-author").textContent = item.author_name;
    byId("item-channel").textContent = this.channels[item.channel_id] || "A removed channel";
    byId("item-received").textContent = new Date(Date.parse(item.received_at)).toLocaleString();
    byId("item-state").textContent = STATES[item.state] || words(item.state);
    byId("item-assignee").textContent = this.assigneeName(item);
    byId("item-text").textContent = item.text;
    chips(byId("item-labels"), item.labels);
    this.fillTimers(byId("item-sla"), item);
    byId("item-needs-person").hidden = !item.needs_person;
    byId("item-needs-person-text").textContent = item.needs_person || "";
    byId("btn-hide").textContent = item.state === "hidden" ? "Unhide" : "Hide";
    var log = byId("item-history");
    clear(log);
    (item.actions || []).forEach(function (a) {
      var li = el("li", { "data-action": a.id });
      li.appendChild(el("span", { "class": "history-what" }, ACTIONS[a.kind] || words(a.kind)));
      if (a.auto || a.clause) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", { "class": "auto-mark" },
          a.auto ? "auto" + (a.clause ? " · " + a.clause : "") : a.clause));
      }
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", { "class": "muted" },
        "by " + (a.by || "Carepost") + ", " + new Date(Date.parse(a.at)).toLocaleString()));
      if (a.undone_at) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", { "class": "muted" },
          "(undone " + new Date(Date.parse(a.undone_at)).toLocaleString() + ")"));
      }
      if (a.undoable && !a.undone_at) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("button", { type: "button", "class": "button small undo", "data-undo": a.id }, "Undo"));
      }
      log.appendChild(li);
    });
    byId("no-history").hidden = (item.actions || []).length > 0;
    if (refill) {
      var draft = this.drafts[item.id];
      byId("reply-body").value = draft !== undefined ? draft : (item.suggested_reply || "");
      byId("reply-error").hidden = true;
      byId("item-status").textContent = "";
      // The policy clause a hide would cite: the first whose rules cover one of its labels.
      var clause = byId("hide-clause");
      clause.value = "";
      Array.prototype.some.call(clause.options, function (o) {
        var covers = (o.getAttribute("data-labels") || "").split(" ");
        var hit = (item.labels || []).some(function (l) { return covers.indexOf(l) >= 0; });
        if (hit) clause.value = o.value;
        return hit;
      });
      var assign = byId("assign-to");
      var who = item.assigned_to || this.me;
      if (assign.querySelector('option[value="' + CSS.escape(who) + '"]')) assign.value = who;
    }
    this.setBusy(self.busy);
  };

  Queue.prototype.markSelected = function () {
    var self = this;
    Array.prototype.forEach.call(document.querySelectorAll("#queue li[data-id]"), function (li) {
      var on = li.getAttribute("data-id") === self.selected;
      li.classList.toggle("selected", on);
      var a = li.querySelector(".row-link");
      if (on) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  };

  Queue.prototype.select = function (id, focusRow) {
    if (!this.byId[id]) return;
    if (id !== this.selected) {
      if (this.selected) this.drafts[this.selected] = byId("reply-body").value;
      this.selected = id;
      this.renderDetail(true);
    }
    delete this.fresh[id];
    var li = document.querySelector('#queue li[data-id="' + CSS.escape(id) + '"]');
    if (li) li.classList.remove("fresh");
    this.markSelected();
    this.renderList();
    window.history.replaceState(null, "", this.href(id));
    var row = document.querySelector('#queue li[data-id="' + CSS.escape(id) + '"] .row-link');
    if (row) {
      if (focusRow) row.focus();
      if (row.scrollIntoView) row.scrollIntoView({ block: "nearest" });
    }
  };

  Queue.prototype.move = function (step) {
    if (!this.items.length) return;
    var at = -1, self = this;
    this.items.forEach(function (item, i) { if (item.id === self.selected) at = i; });
    var next = at < 0 ? 0 : Math.min(this.items.length - 1, Math.max(0, at + step));
    this.select(this.items[next].id, true);
  };

  Queue.prototype.refresh = function () {
    var self = this;
    var q = [];
    ["label", "state", "channel", "assignee"].forEach(function (k) {
      if (self.filters[k]) q.push(k + "=" + encodeURIComponent(self.filters[k]));
    });
    q.push("limit=100");
    return api("GET", "/api/v1/inbox?" + q.join("&")).then(function (r) {
      var status = byId("live-text");
      if (!r.ok || !r.body) {
        status.textContent = "Live updates paused: " + problem(r, "The inbox could not be read") +
          " Trying again.";
        return;
      }
      status.textContent = "";
      if (r.body.now) self.offset = Date.parse(r.body.now) - Date.now();
      // The API filters by assignee itself; this keeps the page right if it did not.
      var items = (r.body.items || []).filter(function (i) { return self.assigneeMatches(i); });
      items.forEach(function (i) {
        if (!self.known[i.id]) {
          self.known[i.id] = true;
          self.fresh[i.id] = true;
        }
        self.byId[i.id] = i;
      });
      self.items = items;
      if (!self.selected && items.length) {
        self.selected = items[0].id;
        delete self.fresh[items[0].id];
        self.renderList();
        self.renderDetail(true);
        return;
      }
      self.renderList();
      self.renderDetail(false);
    });
  };

  Queue.prototype.poll = function () {
    var self = this;
    this.refresh().then(function () {
      window.setTimeout(function () { self.poll(); }, POLL_MS);
    });
  };

  Queue.prototype.loadResponders = function () {
    var self = this;
    api("GET", "/api/v1/inbox/responders").then(function (r) {
      if (!r.ok || !r.body || !r.body.responders) return; // "Me" stays the only choice
      var select = byId("assign-to");
      var filter = byId("f-assignee");
      clear(select);
      r.body.responders.forEach(function (p) {
        self.responders[p.id] = p.name;
        select.appendChild(el("option", { value: p.id }, p.id === self.me ? p.name + " (me)" : p.name));
        if (p.id !== self.me && !filter.querySelector('option[value="' + CSS.escape(p.id) + '"]')) {
          var o = el("option", { value: p.id }, p.name);
          if (self.filters.assignee === p.id) o.selected = true;
          filter.appendChild(o);
        }
      });
      var mine = self.byId[self.selected];
      select.value = mine && mine.assigned_to ? mine.assigned_to : self.me;
      self.renderList();
      self.renderDetail(false);
    });
  };

  Queue.prototype.setBusy = function (busy) {
    this.busy = busy;
    ["btn-reply", "btn-hide", "btn-resolve", "btn-mute", "btn-report", "btn-delete", "btn-assign", "btn-assign-me"]
      .forEach(function (id) { byId(id).disabled = busy; });
    Array.prototype.forEach.call(document.querySelectorAll("#item-history button[data-undo]"),
      function (b) { b.disabled = busy; });
  };

  Queue.prototype.say = function (message, isError) {
    var status = byId("item-status");
    status.className = "item-status" + (isError ? " field-error" : "");
    status.textContent = message;
  };

  // Runs one action on the selected item; the answer is the updated item.
  Queue.prototype.act = function (path, body, done) {
    var item = this.byId[this.selected];
    if (!item || this.busy) return Promise.resolve(null);
    var self = this, id = item.id;
    this.setBusy(true);
    this.say("Working…");
    return api("POST", "/api/v1/inbox/" + encodeURIComponent(id) + path, body).then(function (r) {
      self.setBusy(false);
      if (!r.ok) {
        self.say(problem(r, "That did not work"), true);
        return r;
      }
      if (r.body && r.body.id) {
        self.byId[id] = r.body;
        self.items = self.items.map(function (i) { return i.id === id ? r.body : i; });
      }
      self.renderList();
      self.renderDetail(false);
      self.say(done);
      return r;
    });
  };

  Queue.prototype.reply = function () {
    var box = byId("reply-body");
    var error = byId("reply-error");
    var body = box.value.trim();
    error.hidden = true;
    if (!body) {
      byId("reply-error-text").textContent = "Write the reply first.";
      clear(byId("reply-findings"));
      error.hidden = false;
      box.focus();
      return;
    }
    var self = this, id = this.selected;
    this.act("/reply", { body: body }, "Reply sent.").then(function (r) {
      if (!r) return;
      if (r.ok) {
        delete self.drafts[id];
        if (self.selected === id) box.value = "";
        return;
      }
      // The draft stays as typed; the reason and what was found are shown above it.
      self.say("");
      var e = (r.body && r.body.error) || {};
      byId("reply-error-title").textContent = e.code === "phi_detected"
        ? "Not sent: the reply would identify a patient" : "The reply was not sent";
      byId("reply-error-text").textContent = problem(r, "The reply was not sent");
      var findings = e.findings || (e.details && e.details.findings) || [];
      var list = byId("reply-findings");
      clear(list);
      findings.forEach(function (f) {
        var li = el("li", { "class": "finding patient" });
        li.appendChild(el("span", { "class": "finding-kind" }, window.Carepost.label(f.kind || "identifier")));
        if (f.text) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("q", {}, f.text));
        }
        if (f.reason) li.appendChild(el("span", { "class": "finding-reason" }, f.reason));
        list.appendChild(li);
      });
      error.hidden = false;
      error.focus();
    });
  };

  Queue.prototype.toggleHidden = function () {
    var item = this.byId[this.selected];
    if (!item) return;
    if (item.state === "hidden") this.act("/unhide", {}, "Shown again.");
    else {
      var clause = byId("hide-clause").value;
      this.act("/hide", clause ? { clause: clause } : {}, "Hidden.");
    }
  };

  Queue.prototype.remove = function () {
    var item = this.byId[this.selected];
    if (!item) return;
    var where = this.channels[item.channel_id] || "the network";
    if (!window.confirm("Delete this from " + where + "? It cannot be seen there afterwards.")) return;
    this.act("/delete", {}, "Deleted.");
  };

  Queue.prototype.report = function () {
    var item = this.byId[this.selected];
    if (!item) return;
    var where = this.channels[item.channel_id] || "the network";
    if (!window.confirm("Report this to " + where + "'s moderators? The report names only the policy clause.")) return;
    var clause = byId("hide-clause").value;
    this.act("/report", clause ? { clause: clause } : {}, "Reported.");
  };

  Queue.prototype.assign = function (userId) {
    var name = userId === this.me ? "you" : (this.responders[userId] || "them");
    this.act("/assign", { user_id: userId }, "Assigned to " + name + ".");
  };

  Queue.prototype.undo = function (actionId) {
    this.act("/actions/" + encodeURIComponent(actionId) + "/undo", {}, "Undone.");
  };

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  Queue.prototype.keys = function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var handled = true;
    switch (e.key) {
      case "j": this.move(1); break;
      case "k": this.move(-1); break;
      case "r": if (this.byId[this.selected]) byId("reply-body").focus(); break;
      case "h": this.toggleHidden(); break;
      case "e": this.act("/resolve", {}, "Resolved."); break;
      case "a": this.assign(this.me); break;
      case "/": byId("f-label").focus(); break;
      case "?": byId("shortcuts").open = !byId("shortcuts").open; break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  };

  Queue.prototype.start = function () {
    var self = this;
    // The live region's text sits beside the "N new" button so both are announced.
    var live = byId("live-status");
    live.insertBefore(el("span", { id: "live-text" }), live.firstChild);
    byId("js-note").hidden = true;
    this.setBusy(false);
    // Filters apply as they change; the query string keeps them.
    var form = byId("inbox-filters");
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      s.addEventListener("change", function () { form.submit(); });
    });
    byId("queue").addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest(".row-link") : null;
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      self.select(link.closest("li").getAttribute("data-id"), false);
    });
    byId("new-items").addEventListener("click", function () {
      self.fresh = {};
      self.renderList();
      var first = document.querySelector("#queue .row-link");
      if (first) first.focus();
    });
    byId("reply-form").addEventListener("submit", function (e) {
      e.preventDefault();
      self.reply();
    });
    byId("reply-body").addEventListener("input", function () {
      if (self.selected) self.drafts[self.selected] = byId("reply-body").value;
    });
    byId("btn-hide").addEventListener("click", function () { self.toggleHidden(); });
    byId("btn-resolve").addEventListener("click", function () { self.act("/resolve", {}, "Resolved."); });
    byId("btn-delete").addEventListener("click", function () { self.remove(); });
    byId("btn-mute").addEventListener("click", function () {
      var clause = byId("hide-clause").value;
      self.act("/mute", clause ? { clause: clause } : {}, "Author muted.");
    });
    byId("btn-report").addEventListener("click", function () { self.report(); });
    byId("btn-assign").addEventListener("click", function () { self.assign(byId("assign-to").value); });
    byId("btn-assign-me").addEventListener("click", function () { self.assign(self.me); });
    byId("item-history").addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button[data-undo]") : null;
      if (b) self.undo(b.getAttribute("data-undo"));
    });
    document.addEventListener("keydown", function (e) { self.keys(e); });
    window.setInterval(function () { self.tick(); }, TICK_MS);
    this.loadResponders();
    this.poll();
  };

  function start() {
    var root = byId("inbox");
    if (root) new Queue(root).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

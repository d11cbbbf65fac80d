/* The timeline: focus and detail, keyboard, filters. Progressive enhancement of the page drawn at
   build time: without JavaScript every marker links to its event and every event is listed.
   Loaded with `defer` (the document is parsed when this runs).
   - a marker selected (click, tap, Enter) shows its event's card under the overview; the URL
     records it (#ev-…, without a jump); Left/Right, Home/End move between events in time order,
     Up/Down to the nearest event in the row above or below, PageUp/PageDown to the year before or
     after; on the overview itself Home/End scroll it to its start or end; the card never shows a
     filtered-out event;
   - filters: no chip = every event; parties = events involving all of them; kinds = any of them;
     the state lives in the URL (?party=KZ,CN&kind=visit). */
(function () {
  "use strict";
  /* the interface's words in the reader's language (the English view: hooks/edition/assets/parallel.js) */
  function say(ru, en) { return document.documentElement.dataset.edView === "en" ? en : ru; }
  var root = document.querySelector(".tl");
  if (!root) return;
  var dots = Array.prototype.slice.call(root.querySelectorAll(".tl-dot"));
  var events = Array.prototype.slice.call(root.querySelectorAll(".tl-event"));
  var groups = Array.prototype.slice.call(root.querySelectorAll(".tl-year-group"));
  var detail = root.querySelector("[data-tl-detail]");
  var form = root.querySelector(".tl-filters");
  var status = form.querySelector(".tl-count");
  var empty = root.querySelector(".tl-empty");
  var order = events.map(function (e) { return e.id.slice(3); });  /* time order, as listed */
  var byId = {};
  dots.forEach(function (dot) { byId[dot.dataset.event] = dot; });

  /* --- focus and detail --- */
  var selected = null;
  function unselect() {
    if (selected) selected.removeAttribute("aria-current");
    selected = null;
    detail.replaceChildren();
    detail.hidden = true;
  }
  function select(id, focus) {
    var event = document.getElementById("ev-" + id), dot = byId[id];
    if (!event || !dot || dot.classList.contains("tl-dot--off")) return;
    if (selected) { selected.removeAttribute("aria-current"); selected.tabIndex = -1; }
    selected = dot;
    dot.setAttribute("aria-current", "true");
    dot.tabIndex = 0;
    if (focus) {  /* only as far as needed: the overview's row, never a jump down the page */
      dot.focus({ preventScroll: true });
      dot.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
    var card = event.cloneNode(true);
    card.removeAttribute("id");
    card.removeAttribute("hidden");
    card.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    var permalink = card.querySelector(".headerlink");
    if (permalink) permalink.removeAttribute("data-cite");
    detail.replaceChildren(card);
    detail.hidden = false;
    history.replaceState(history.state, "", location.pathname + location.search + "#ev-" + id);
  }
  dots.forEach(function (dot) { dot.tabIndex = -1; });
  if (dots.length) dots[0].tabIndex = 0;
  root.addEventListener("click", function (e) {
    var dot = e.target.closest && e.target.closest(".tl-dot");
    if (!dot || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    select(dot.dataset.event, false);
  });
  var scroller = root.querySelector(".tl-ov-scroll");
  root.addEventListener("keydown", function (e) {
    if (e.target === scroller && (e.key === "Home" || e.key === "End")) {
      /* the overview scrolls sideways: its own start and end, not the page's */
      e.preventDefault();
      scroller.scrollLeft = e.key === "Home" ? 0 : scroller.scrollWidth;
      return;
    }
    var dot = e.target.closest && e.target.closest(".tl-dot");
    if (!dot) return;
    if (e.key === "PageUp" || e.key === "PageDown") {
      e.preventDefault();
      var year = yearStep(dot, e.key === "PageUp" ? -1 : 1);
      if (year) select(year, true);
      return;
    }
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      var near = neighbourInRow(dot, e.key === "ArrowUp" ? -1 : 1);
      if (near) select(near.dataset.event, true);
      return;
    }
    var step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (e.key === "Home" || e.key === "End") step = e.key === "Home" ? -order.length : order.length;
    if (!step) return;
    e.preventDefault();
    var shown = order.filter(function (id) { return !byId[id].classList.contains("tl-dot--off"); });
    var at = shown.indexOf(dot.dataset.event);
    var next = shown[Math.max(0, Math.min(shown.length - 1, at + step))];
    if (next) select(next, true);
  });

  /* the first shown event of the year before or after this event's (the overview's columns) */
  function yearStep(dot, direction) {
    var column = function (id) { return byId[id].closest("td").cellIndex; };
    var here = column(dot.dataset.event), shown = order.filter(function (id) { return !byId[id].classList.contains("tl-dot--off"); });
    var other = direction > 0
      ? shown.filter(function (id) { return column(id) > here; })[0]
      : shown.filter(function (id) { return column(id) < here; }).pop();
    if (!other) return null;
    return shown.filter(function (id) { return column(id) === column(other); })[0];
  }
  /* the shown event nearest in time (by column) in the next row above or below that has one */
  function neighbourInRow(dot, direction) {
    var rows = Array.prototype.slice.call(root.querySelectorAll(".tl-ov tbody tr"));
    var x = dot.getBoundingClientRect().left;
    for (var at = rows.indexOf(dot.closest("tr")) + direction; at >= 0 && at < rows.length; at += direction) {
      var best = null, distance = Infinity;
      rows[at].querySelectorAll(".tl-dot:not(.tl-dot--off)").forEach(function (other) {
        var d = Math.abs(other.getBoundingClientRect().left - x);
        if (d < distance) { best = other; distance = d; }
      });
      if (best) return best;
    }
    return null;
  }

  /* --- filters --- */
  function chosen(name) {
    return Array.prototype.slice.call(form.querySelectorAll('.tl-chip[name="' + name + '"][aria-pressed="true"]'))
      .map(function (chip) { return chip.value; });
  }
  function apply(updateUrl) {
    var parties = chosen("party"), kinds = chosen("kind"), shown = 0, visible = {};
    events.forEach(function (event) {
      var own = event.dataset.parties.split(" ");
      var ok = parties.every(function (p) { return own.indexOf(p) >= 0; }) &&
        (!kinds.length || kinds.indexOf(event.dataset.kind) >= 0);
      event.hidden = !ok;
      if (ok) { shown += 1; visible[event.id.slice(3)] = true; }
    });
    groups.forEach(function (group) { group.hidden = !group.querySelector(".tl-event:not([hidden])"); });
    dots.forEach(function (dot) {
      var off = !visible[dot.dataset.event];
      dot.classList.toggle("tl-dot--off", off);
      if (off) dot.setAttribute("aria-hidden", "true"); else dot.removeAttribute("aria-hidden");
    });
    empty.hidden = shown > 0;
    if (selected && selected.classList.contains("tl-dot--off")) unselect();  /* never a hidden event in the card */
    status.textContent = shown === events.length
      ? say("Показаны все события: ", "All events shown: ") + shown
      : say("Показано событий: ", "Events shown: ") + shown + say(" из ", " of ") + events.length;
    if (updateUrl) {
      var params = new URLSearchParams(location.search);
      params.delete("party"); params.delete("kind");
      if (parties.length) params.set("party", parties.join(","));
      if (kinds.length) params.set("kind", kinds.join(","));
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }
  /* A kind's former codes (data-formerly) select it too: old ?kind= links keep their meaning.
     Returns whether one was used (the URL then names the current code). */
  function fromUrl() {
    var params = new URLSearchParams(location.search), former = false;
    ["party", "kind"].forEach(function (name) {
      var wanted = params.has(name) ? params.get(name).split(",") : [];
      form.querySelectorAll('.tl-chip[name="' + name + '"]').forEach(function (chip) {
        var old = (chip.dataset.formerly || "").split(" ").some(function (code) { return code && wanted.indexOf(code) >= 0; });
        former = former || old;
        chip.setAttribute("aria-pressed", String(wanted.indexOf(chip.value) >= 0 || old));
      });
    });
    return former;
  }
  form.hidden = false;
  form.addEventListener("click", function (e) {
    var chip = e.target.closest && e.target.closest(".tl-chip");
    if (!chip) return;
    chip.setAttribute("aria-pressed", String(chip.getAttribute("aria-pressed") !== "true"));
    apply(true);
  });
  form.addEventListener("reset", function (e) {
    e.preventDefault();
    form.querySelectorAll(".tl-chip").forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
    apply(true);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply(fromUrl());
  function fromHash() {
    var hash;
    try { hash = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }  // a broken %-escape: no event
    if (hash.indexOf("ev-") === 0 && Object.prototype.hasOwnProperty.call(byId, hash.slice(3))) select(hash.slice(3), false);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();

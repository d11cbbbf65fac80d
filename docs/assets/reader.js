/* The reading view: the apparatus on demand (toggles), previews, and citing from the margin number.
   Loaded with `defer`. Without it the page is the clean text: numbers link to their paragraphs,
   and the glossary and timeline pages link every term and event back to the text.
   Data: #edition-reader-data (JSON written at build time); cards: <template>s in the page. Every
   text from data is set with textContent. */
(function () {
  "use strict";
  var node = document.getElementById("edition-reader-data");
  var data = node ? JSON.parse(node.textContent) : {};
  var cites = data.cites || {}, patterns = data.patterns || {}, terms = data.terms || {}, events = data.events || [];
  /* A block's citation: its kind's pattern (written once per page) with the block's values and
     the reader's date as the date of access (GOST's «дата обращения»), or null if the kind has no
     such style. */
  function today() {
    var d = new Date();
    return ("0" + d.getDate()).slice(-2) + "." + ("0" + (d.getMonth() + 1)).slice(-2) + "." + d.getFullYear();
  }
  function citation(c, style, values) {
    var pattern = patterns[c.kind] && patterns[c.kind][style];
    if (!pattern) return null;
    var all = Object.assign({ accessed: today() }, c, values || {});
    return pattern.replace(/⟦(\w+)⟧/g, function (_, name) { return all[name]; });
  }
  /* The interface's words in the reader's language: English when the reader chose the English
     view (hooks/edition/assets/parallel.js, with the translation), else Russian. */
  function say(ru, en) { return document.documentElement.dataset.edView === "en" ? en : ru; }
  var STORE = "edition.apparatus";
  /* The edition's own marks beside and in the text: never part of a copy, a preview or a print. */
  var APPARATUS = ".pnum, .ed-handle, .ed-enote, .ed-events, .ed-cite, .ed-back, .ed-copycite, .ed-preview, " +
    ".footnote-backref, .headerlink, sup[id^='fnref:note'], .edition-sr-only, [hidden], [aria-hidden='true'], " +
    ".ed-tools, .md-clipboard, template, script, style, .ed-tr, [data-ed-unseen]";  /* .ed-tr: the translation, copied by parallel.js */

  /* --- apparatus toggles: state in ?apparatus=terms,events, else as the reader last left it --- */
  var tools = document.querySelector("[data-ed-tools]");
  var state = { terms: false, events: false };
  function readState() {
    var query = new URLSearchParams(location.search);
    var value = query.has("apparatus") ? query.get("apparatus") : null;
    if (value === null) { try { value = localStorage.getItem(STORE); } catch (e) { value = null; } }
    (value || "").split(",").forEach(function (name) { if (name in state) state[name] = true; });
  }
  function saveState() {
    var value = Object.keys(state).filter(function (k) { return state[k]; }).join(",");
    try { localStorage.setItem(STORE, value); } catch (e) { /* private mode: the URL still holds it */ }
    var query = new URLSearchParams(location.search);
    if (value) query.set("apparatus", value); else query.delete("apparatus");
    var search = query.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }
  /* A term is a <span> in the text as the journal set it, and a link to its entry when asked for. */
  function retag(node, tag) {
    var other = document.createElement(tag);
    Array.prototype.forEach.call(node.attributes, function (a) { if (a.name !== "href") other.setAttribute(a.name, a.value); });
    if (tag === "a") other.setAttribute("href", node.dataset.href);
    while (node.firstChild) other.appendChild(node.firstChild);
    node.replaceWith(other);
  }
  function applyTerms() {
    document.querySelectorAll(state.terms ? "span.ed-term" : "a.ed-term").forEach(function (term) {
      retag(term, state.terms ? "a" : "span");
    });
  }
  function render() {
    document.documentElement.classList.toggle("ed-show-terms", state.terms);
    document.documentElement.classList.toggle("ed-show-events", state.events);
    if (tools) tools.querySelectorAll("[data-apparatus]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(state[button.dataset.apparatus]));
    });
    var legend = document.querySelector("[data-ed-legend]");
    if (legend) {
      legend.hidden = !(state.terms || state.events);
      legend.querySelectorAll("[data-legend]").forEach(function (line) {
        var layer = line.dataset.legend;
        line.hidden = layer === "notes" ? !document.querySelector(".ed-enote") : !state[layer];
      });
    }
    applyTerms();
    drawEvents();
    placeEditorialPointers();
  }
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-apparatus]");
      if (!button) return;
      state[button.dataset.apparatus] = !state[button.dataset.apparatus];
      saveState();
      render();
    });
  }

  /* --- events beside their sentence; the quoted words marked (CSS Custom Highlight API) --- */
  function textIndex(p) {
    /* The paragraph's words as the build matched the quotes: note markers left out, spaces folded. */
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest("sup, .ed-citation, .footnote-backref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var text = "", map = [], n, last = " ";
    while ((n = walker.nextNode())) {
      for (var i = 0; i < n.data.length; i++) {
        var c = /\s/.test(n.data[i]) ? " " : n.data[i];
        if (c === " " && last === " ") continue;
        text += c; map.push([n, i]); last = c;
      }
    }
    return { text: text, map: map };
  }
  function quoteRange(index, quote) {
    var at = index.text.indexOf(quote);
    if (at < 0) return null;
    var start = index.map[at], end = index.map[at + quote.length - 1];
    var range = document.createRange();
    range.setStart(start[0], start[1]);
    range.setEnd(end[0], end[1] + 1);
    return range;
  }
  function blockOf(anchor) {
    var el = document.getElementById(anchor);
    return el && (el.tagName === "LI" ? el.querySelector("p") || el : el);
  }
  var highlights = window.CSS && CSS.highlights && window.Highlight;
  function drawEvents() {
    document.querySelectorAll(".ed-events").forEach(function (box) { box.remove(); });
    document.querySelectorAll(".ed-events-gap").forEach(function (gap) {
      var parent = gap.parentNode;
      gap.remove();
      parent.normalize();  /* the words' text nodes whole again (live ranges follow) */
    });
    if (highlights) { CSS.highlights.delete("ed-events"); CSS.highlights.delete("ed-event-active"); }
    if (!state.events || !events.length) return;
    var ranges = [], byBlock = {};
    events.forEach(function (event) {
      var group = byBlock[event.paragraph];
      if (!group) {
        var p = blockOf(event.paragraph);
        if (!p) return;
        group = byBlock[event.paragraph] = { p: p, index: textIndex(p), items: [] };  /* one walk per paragraph */
      }
      var range = quoteRange(group.index, event.quote);
      if (range) ranges.push(range);
      group.items.push({ event: event, range: range });
    });
    if (highlights) {
      var marked = new Highlight();
      ranges.forEach(function (range) { marked.add(range); });
      CSS.highlights.set("ed-events", marked);
    }
    Object.keys(byBlock).forEach(function (anchor) { placeEvents(byBlock[anchor]); });
  }
  function marker(event, range) {
    var a = document.createElement("a");
    a.className = "ed-event";
    a.href = event.url;
    a.dataset.event = event.id;
    a.textContent = event.date.slice(0, 4) + " · " + event.title;
    a.setAttribute("aria-label", a.textContent + " (событие хронологии, " + event.kind + ")");
    a._edRange = range;
    return a;
  }
  function placeEvents(group) {
    var p = group.p, host = p.closest(".ed-par") || p.parentNode;
    var box = document.createElement("div");
    box.className = "ed-events";
    box.setAttribute("role", "note");
    box.setAttribute("aria-label", "События хронологии в этом фрагменте");
    group.items.slice().sort(function (x, y) {  /* in the order of the text, not of the dates */
      if (!x.range || !y.range) return x.range ? -1 : y.range ? 1 : 0;
      return x.range.compareBoundaryPoints(Range.START_TO_START, y.range);
    }).forEach(function (item) { box.appendChild(marker(item.event, item.range)); });
    host.appendChild(box);
    var hostRect = host.getBoundingClientRect(), pRect = p.getBoundingClientRect();
    var room = hostRect.right - pRect.right;
    if (room < 112) { placeUnderLines(group, box, hostRect, pRect); return; }
    box.classList.add("ed-events--margin");
    box.style.left = (pRect.right - hostRect.left + 12) + "px";
    box.style.width = (room - 20) + "px";
    var bottom = -Infinity, placed = Array.prototype.map.call(box.children, function (a) {
      return { a: a, top: a._edRange ? a._edRange.getBoundingClientRect().top - hostRect.top : pRect.top - hostRect.top };
    }).sort(function (x, y) { return x.top - y.top; });
    placed.forEach(function (item) {
      var a = item.a, top = Math.max(item.top, bottom);
      a.style.top = top + "px";
      bottom = top + a.offsetHeight + 2;
      box.appendChild(a);  /* reading order follows the text */
    });
  }
  /* No margin (a phone): each label under the line where its quoted words end. The labels stay in
     the list after the paragraph (its reading and tab order, out of its text and of a copy); an
     empty gap in the text, hidden from screen readers, opens room for them between the lines. */
  function lineBreakAfter(index, from) {
    function top(i) {
      var r = document.createRange(), at = index.map[i];
      r.setStart(at[0], at[1]); r.setEnd(at[0], at[1] + 1);
      return r.getBoundingClientRect().top;
    }
    for (var i = from + 1; i < index.text.length - 1; i++) {
      if (index.text[i] !== " ") continue;
      var parent = index.map[i][0].parentNode;
      if (parent !== index.p && !parent.classList.contains("ed-s")) continue;  /* not inside a term */
      if (top(i + 1) > top(i - 1) + 4) return i;  /* the next word starts the next line */
    }
    return -1;  /* the quote is on the last line: after the paragraph */
  }
  function placeUnderLines(group, box, hostRect, pRect) {
    var index = textIndex(group.p), labels = Array.prototype.slice.call(box.children), last = -1;
    index.p = group.p;
    box.classList.add("ed-events--inline");
    var host = box.parentNode;  /* a paragraph's box, or a note's item: the labels placed in it */
    if (getComputedStyle(host).position === "static") host.style.position = "relative";
    box.style.left = (pRect.left - hostRect.left) + "px";
    box.style.width = pRect.width + "px";
    var gaps = [];
    labels.forEach(function (a) {  /* the breaks in the order of the labels, which is the text's */
      var range = a._edRange, at = -1;
      if (range) {
        var end = index.map.findIndex(function (m) { return m[0] === range.endContainer && m[1] === range.endOffset - 1; });
        at = end < 0 ? -1 : lineBreakAfter(index, end);
      }
      at = Math.max(at < 0 ? Infinity : at, last);  /* never above an earlier label */
      last = at;
      if (!gaps.length || gaps[gaps.length - 1].at !== at) gaps.push({ at: at, labels: [] });
      gaps[gaps.length - 1].labels.push(a);
    });
    gaps.forEach(function (gap) {
      gap.height = gap.labels.reduce(function (sum, a) { return sum + a.offsetHeight; }, 0);
    });
    gaps.slice().reverse().forEach(function (gap) {  /* from the end, so the earlier places stay valid */
      var span = document.createElement("span");
      span.className = "ed-events-gap";
      span.setAttribute("aria-hidden", "true");
      span.style.height = (gap.height + 4) + "px";  /* and a little air before the next line */
      if (gap.at === Infinity) group.p.appendChild(span);
      else {
        var where = document.createRange(), at = index.map[gap.at];
        where.setStart(at[0], at[1] + 1);
        where.insertNode(span);
      }
      gap.span = span;
    });
    gaps.forEach(function (gap) {
      var top = gap.span.getBoundingClientRect().top - hostRect.top;
      gap.labels.forEach(function (a) { a.style.top = top + "px"; top += a.offsetHeight; });
    });
  }
  /* An editorial note's pointer: level with the words it is about, which stay marked. */
  function placeEditorialPointers() {
    var ranges = [];
    document.querySelectorAll(".ed-par > a.ed-enote[data-quote]").forEach(function (pointer) {
      var box = pointer.closest(".ed-par"), p = box.querySelector(":scope > p[id]");
      var range = p && quoteRange(textIndex(p), pointer.dataset.quote);
      pointer._edRange = range;
      if (!range) return;
      ranges.push(range);
      var rects = range.getClientRects();  /* none while the paragraph is hidden (the English view) */
      if (rects.length) pointer.style.top = (rects[0].top - box.getBoundingClientRect().top) + "px";
    });
    if (!highlights) return;
    var marked = new Highlight();
    ranges.forEach(function (range) { marked.add(range); });
    CSS.highlights.set("ed-enote", marked);
  }
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (state.events) drawEvents(); placeEditorialPointers(); }, 150);
  });

  /* --- previews: glossary terms, events, notes and references; hover, focus, tap --- */
  var previewTemplate = document.getElementById("ed-preview-card");
  var preview = null, previewFor = null, hideTimer = null, lastPointer = "mouse", pointerDown = false;
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }
  function previewContent(target) {
    var body = document.createDocumentFragment(), more = null;
    if (target.matches("a.ed-term")) {
      var t = terms[target.dataset.term];
      if (!t) return null;
      var head = el("p", "ed-preview__title");
      head.appendChild(el("strong", null, t.term));
      if (t.expansion) head.appendChild(document.createTextNode(" — " + t.expansion));
      body.appendChild(head);
      if (t.english) body.appendChild(el("p", "ed-preview__en", t.english)).setAttribute("lang", "en");
      var definition = (document.documentElement.dataset.edView === "en" && t.definition_en) || t.definition;
      if (definition) body.appendChild(el("p", null, definition)).lang = definition === t.definition ? "ru" : "en";
      more = { href: target.getAttribute("href") || t.url, text: say("Статья глоссария", "Glossary entry") };
    } else if (target.matches("a.ed-event")) {
      var event = events.filter(function (e) { return e.id === target.dataset.event; })[0];
      if (!event) return null;
      body.appendChild(el("p", "ed-preview__meta", event.date + " · " + event.kind));
      body.appendChild(el("p", "ed-preview__title", event.title));
      body.appendChild(el("p", "ed-preview__en", event.title_en)).setAttribute("lang", "en");
      more = { href: event.url, text: say("Событие в хронологии", "Event in the timeline") };
    } else {
      var id = decodeURIComponent(target.hash.slice(1)), note = document.getElementById(id);
      if (!note) return null;
      Array.prototype.forEach.call(note.children, function (child) {
        if (child.matches(APPARATUS)) return;  /* no apparatus in a preview of something else */
        var copy = child.cloneNode(true);
        copy.querySelectorAll(APPARATUS).forEach(function (b) { b.remove(); });
        copy.querySelectorAll("[id]").forEach(function (b) { b.removeAttribute("id"); });
        body.appendChild(copy);
      });
      more = {
        href: "#" + id,
        text: id.indexOf("fn:ref-") === 0 ? say("К списку ссылок", "To the references") : say("К примечанию", "To the note")
      };
    }
    return { body: body, more: more };
  }
  function showPreview(target) {
    if (previewFor === target) { clearTimeout(hideTimer); return; }
    hidePreview();
    var content = previewContent(target);
    if (!content || !previewTemplate) return;
    preview = previewTemplate.content.firstElementChild.cloneNode(true);
    preview.id = "ed-preview";
    preview.querySelector('[data-slot="body"]').appendChild(content.body);
    var more = preview.querySelector('[data-slot="more"]');
    more.href = content.more.href;
    more.textContent = content.more.text + " →";
    document.body.appendChild(preview);
    previewFor = target;
    target.setAttribute("aria-describedby", "ed-preview");
    var rect = target.getBoundingClientRect(), width = preview.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    var below = rect.bottom + preview.offsetHeight + 8 < window.innerHeight || rect.top < preview.offsetHeight + 8;
    preview.style.left = left + "px";
    preview.style.top = (below ? rect.bottom + window.scrollY + 6 : rect.top + window.scrollY - preview.offsetHeight - 6) + "px";
    if (target._edRange && highlights) CSS.highlights.set("ed-event-active", new Highlight(target._edRange));
    preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    preview.addEventListener("mouseleave", scheduleHide);
  }
  function hidePreview() {
    clearTimeout(hideTimer);
    if (preview) preview.remove();
    if (previewFor) previewFor.removeAttribute("aria-describedby");
    if (highlights) CSS.highlights.delete("ed-event-active");
    preview = previewFor = null;
  }
  function scheduleHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hidePreview, 250); }
  var PREVIEWABLE = "a.ed-term[href], a.ed-event, a.footnote-ref, a.ed-enote";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; pointerDown = true; }, true);
  document.addEventListener("pointerup", function () { setTimeout(function () { pointerDown = false; }, 0); }, true);
  document.addEventListener("mouseover", function (event) {
    var target = event.target.closest && event.target.closest(PREVIEWABLE);
    if (target && lastPointer === "mouse") showPreview(target);
  });
  document.addEventListener("mouseout", function (event) {
    var target = event.target.closest && event.target.closest(PREVIEWABLE);
    if (target && target === previewFor) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target.closest && event.target.closest(PREVIEWABLE);
    if (target && !pointerDown) showPreview(target);  /* a pointer: hover or tap decides */
    else if (target) return;
    else if (preview && !preview.contains(event.target)) hidePreview();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hidePreview(); closeCite(true); }
  });

  /* --- citing from the margin number (and from the permalinks of entries and events) --- */
  var citeTemplate = document.getElementById("ed-cite-card");
  var card = null, cardFor = null;
  function closeCite(restoreFocus) {
    if (!card) return;
    card.remove();
    if (cardFor) {
      cardFor.setAttribute("aria-expanded", "false");
      if (restoreFocus) cardFor.focus();
    }
    card = cardFor = null;
  }
  function openCite(handle) {
    var anchor = handle.dataset.cite, c = cites[anchor];
    if (!c || !citeTemplate) return false;
    var same = cardFor === handle;
    closeCite(false);
    history.replaceState(history.state, "", location.pathname + location.search + "#" + anchor);
    if (same) return true;
    card = citeTemplate.content.firstElementChild.cloneNode(true);
    card.id = "ed-cite-" + anchor;
    var label = say(c.label || "событие «" + c.title + "»", c.label_en || "event “" + c.title_en + "”");  /* an event's: its title */
    card.setAttribute("aria-label", say("Цитировать ", "Cite ") + label);
    card.querySelector('[data-slot="label"]').textContent = label;
    var url = card.querySelector('[data-slot="url"]');
    url.href = c.url; url.textContent = c.url;
    var texts = { url: c.url };
    ["gost", "apa", "apa_intext"].forEach(function (style) {
      var text = citation(c, style), row = card.querySelector('[data-row="' + style + '"]');
      if (text === null) { row.remove(); card.querySelector('[data-copy="' + style + '"]').remove(); return; }
      texts[style] = text;
      row.querySelector('[data-slot="' + style + '"]').textContent = style === "gost" ? nobreak(text) : text;
    });
    card._edCite = texts;
    /* where the reader acted: right under the number (or the heading, entry, event) it belongs to;
       on a phone the card is a sheet at the foot of the screen (edition.css) */
    var block = handle.closest(".ed-par, dt, article, li, h2, h3") || handle.parentNode;
    var dd = block.tagName === "DT" && block.nextElementSibling;
    if (dd && dd.tagName === "DD") {  /* a <dl> holds only terms and definitions: the card opens the definition */
      dd.insertBefore(card, dd.firstChild);
    } else if (block.classList.contains("ed-par")) {
      block.insertBefore(card, handle.nextSibling);
    } else if (block.tagName === "ARTICLE") {
      var heading = block.querySelector("h3");
      block.insertBefore(card, heading ? heading.nextSibling : block.firstChild);
    } else if (block.tagName === "LI") {
      block.appendChild(card);
    } else {
      block.parentNode.insertBefore(card, block.nextSibling);
    }
    cardFor = handle;
    handle.setAttribute("aria-expanded", "true");
    handle.setAttribute("aria-controls", card.id);
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
    return true;
  }
  /* As hooks/edition/typography.py: no line break inside "Т. 67, № 7", "С. 74–84", "2003. 60 с."
     (shown with no-break spaces; the copy buttons copy the plain text). */
  function nobreak(text) {
    return text.replace(/(^|[^\wА-яЁё])((?:[ТтСсЧч]|Вып|вып|Разд|разд|Абз|абз)\.|№) (?=[\dIVXLCN])/g, "$1$2\u00a0")
      .replace(/(\d) (?=(?:гг?|с|стр)\.)/g, "$1\u00a0").replace(/(\d), (?=№)/g, "$1,\u00a0")
      .replace(/([а-яёa-z]) (?=[А-ЯЁA-Z]\.)/g, "$1\u00a0").replace(/(^|[^\wА-яЁё])([А-ЯЁA-Z]\.) (?=[А-ЯЁA-Z]\.)/g, "$1$2\u00a0");
  }
  var STYLE_NAMES = {
    url: ["ссылка", "link"], gost: ["ГОСТ", "GOST"], apa: ["APA, список литературы", "APA, reference list"],
    apa_intext: ["APA, ссылка в тексте", "APA, in-text citation"]
  };
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      var ok = document.execCommand("copy"); document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var handle = target.closest("[data-cite]");
    if (handle && !event.ctrlKey && !event.metaKey && !event.shiftKey && openCite(handle)) {
      event.preventDefault();
      return;
    }
    var copy = target.closest(".ed-cite [data-copy]");
    if (copy) {
      var box = copy.closest(".ed-cite"), style = copy.dataset.copy;
      var status = box.querySelector(".ed-card__status");
      copyText(box._edCite[style]).then(function () {
        status.textContent = say("Скопировано в буфер обмена: ", "Copied to the clipboard: ") + say.apply(null, STYLE_NAMES[style]) + ".";
      }, function () {
        status.textContent = say("Не удалось скопировать: выделите текст вручную.", "Could not copy: select the text by hand.");
      });
      return;
    }
    if (target.closest(".ed-cite [data-close]")) { closeCite(true); return; }
    /* a tap on a touch screen opens the preview first; a second tap follows the link */
    var previewable = target.closest(PREVIEWABLE);
    if (previewable && lastPointer !== "mouse" && previewFor !== previewable) {
      event.preventDefault();
      showPreview(previewable);
      return;
    }
    if (preview && !preview.contains(target)) hidePreview();
  });

  /* --- a copy of a selection is the source's words and paragraph breaks only --- */
  var BLOCK = /^(P|H[1-6]|LI|DT|DD|BLOCKQUOTE|DIV|OL|UL|TABLE|TR|FIGURE|FIGCAPTION|SECTION|ARTICLE|PRE)$/;
  /* What a range holds that the reader does not see (the other language's title or quote of an
     event, hidden by the view's CSS), marked for the copy while it is cloned. */
  function cloneSeen(range) {
    var within = range.commonAncestorContainer;
    var root = within.nodeType === 1 ? within : within.parentElement;
    var unseen = Array.prototype.filter.call(root.querySelectorAll("*"), function (e) {
      return range.intersectsNode(e) && !e.getClientRects().length && getComputedStyle(e).display !== "contents";
    });
    unseen.forEach(function (e) { e.setAttribute("data-ed-unseen", ""); });
    var fragment = range.cloneContents();
    unseen.forEach(function (e) { e.removeAttribute("data-ed-unseen"); });
    return fragment;
  }
  function cleanText(fragment) {
    var box = document.createElement("div");
    box.appendChild(fragment);
    box.querySelectorAll(APPARATUS).forEach(function (e) { e.remove(); });
    var out = [], line = "";
    function flush() {
      var text = line.replace(/[\s\u00a0]+/g, " ").trim();
      if (text) out.push(text);
      line = "";
    }
    (function walk(node) {
      if (node.nodeType === 3) { line += node.data; return; }
      if (node.nodeType !== 1) return;
      var block = BLOCK.test(node.tagName);
      if (block) flush();
      for (var child = node.firstChild; child; child = child.nextSibling) walk(child);
      if (block) flush();
    })(box);
    flush();
    return out.join("\n\n");
  }
  var content = document.querySelector(".md-content");
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (event.defaultPrevented) return;  /* an English selection, copied as English (parallel.js) */
    if (!content || !selection || selection.isCollapsed || !selection.rangeCount) return;
    if (event.target.closest && event.target.closest("input, textarea")) return;
    var range = selection.getRangeAt(0);
    if (!content.contains(range.commonAncestorContainer)) return;
    var within = range.commonAncestorContainer;
    if ((within.nodeType === 1 ? within : within.parentElement).closest("pre")) return;  /* code: as the browser copies it */
    event.clipboardData.setData("text/plain", cleanText(cloneSeen(range)));
    event.preventDefault();
  });

  /* "copy with citation": the selected words of the text, then the GOST reference of their paragraphs */
  var copyCiteTemplate = document.getElementById("ed-copy-cite"), copyCite = null, selectionTimer = null;
  function selectedParagraphs(range) {
    return Array.prototype.filter.call(document.querySelectorAll(".ed-text .ed-par > p[id]"), function (p) {
      return cites[p.id] && cites[p.id].kind === "paragraph" && range.intersectsNode(p);
    });
  }
  function hideCopyCite() { if (copyCite) copyCite.remove(); copyCite = null; }
  function offerCopyCite() {
    var selection = window.getSelection();
    if (!copyCiteTemplate || !selection || selection.isCollapsed || !selection.rangeCount) { hideCopyCite(); return; }
    var range = selection.getRangeAt(0), found = selectedParagraphs(range);
    if (!found.length) { hideCopyCite(); return; }
    if (!copyCite) {
      copyCite = copyCiteTemplate.content.firstElementChild.cloneNode(true);
      document.body.appendChild(copyCite);
    }
    copyCite._edRange = range.cloneRange();
    copyCite._edParagraphs = found;
    var rect = range.getBoundingClientRect();
    var top = Math.min(rect.bottom + 8, window.innerHeight - copyCite.offsetHeight - 8);
    copyCite.style.top = Math.max(8, top) + "px";
    copyCite.style.left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - copyCite.offsetWidth - 8)) + "px";
  }
  document.addEventListener("selectionchange", function () {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(offerCopyCite, 250);
  });
  document.addEventListener("pointerdown", function (event) {
    if (copyCite && copyCite.contains(event.target)) event.preventDefault();  /* keep the selection */
  });
  document.addEventListener("click", function (event) {
    if (!copyCite || !event.target.closest || event.target.closest(".ed-copycite") !== copyCite) return;
    var found = copyCite._edParagraphs, first = cites[found[0].id], last = cites[found[found.length - 1].id];
    var n = first.n === last.n ? String(first.n) : first.n + "–" + last.n;
    var text = cleanText(cloneSeen(copyCite._edRange)) + "\n\n" + citation(first, "gost", { n: n });
    var button = copyCite;
    copyText(text).then(function () {
      button.textContent = say("Скопировано: слова и ссылка по ГОСТ", "Copied: the words and the GOST reference");
      setTimeout(hideCopyCite, 1500);
    }, function () { button.textContent = say("Не удалось скопировать", "Could not copy"); });
  });

  /* --- arrival: what a link into the text points at is shown, with the way back --- */
  var backTemplate = document.getElementById("ed-back-bar"), back = null, FROM = "edition.from";
  function hideBack() { if (back) back.remove(); back = null; }
  function showBack(from) {
    hideBack();
    if (!backTemplate || !from || !from.href) return;
    back = backTemplate.content.firstElementChild.cloneNode(true);
    var link = back.querySelector('[data-slot="link"]');
    link.href = from.href;
    link.textContent = "← " + from.label;
    document.body.appendChild(back);
  }
  function quoted(text) { return say("„" + text + "“", "“" + text + "”"); }
  function quotedEn(text) { return "“" + text + "”"; }
  function arrivalFrom(query, id) {
    var eventId = query.get("event"), termId = query.get("term");
    if (eventId) {
      var event = events.filter(function (e) { return e.id === eventId; })[0];
      if (event) return { kind: "event", id: eventId, href: event.url, label: say("к событию " + quoted(event.title), "to the event " + quotedEn(event.title_en)), target: id };
    }
    if (termId && terms[termId]) {
      return { kind: "term", id: termId, href: terms[termId].url, label: say("к статье глоссария ", "to the glossary entry ") + quoted(terms[termId].term), target: id };
    }
    var state = history.state && history.state.edFrom;
    if (state && state.target === id) return state;
    try {
      var stored = JSON.parse(sessionStorage.getItem(FROM) || "null");
      sessionStorage.removeItem(FROM);
      if (stored && stored.to === location.pathname + "#" + id) return Object.assign(stored, { target: id });
    } catch (e) { /* no storage: no way back offered */ }
    return null;
  }
  function markWords(from, target) {
    if (!highlights) return;
    CSS.highlights.delete("ed-arrival");
    var range = null;
    if (from && from.kind === "event") {
      var event = events.filter(function (e) { return e.id === from.id; })[0], block = event && blockOf(event.paragraph);
      if (block && (block === target || target.contains(block))) range = quoteRange(textIndex(block), event.quote);
    } else if (from && from.kind === "term") {
      var term = target.querySelector('.ed-term[data-term="' + CSS.escape(from.id) + '"]');
      if (term) { range = document.createRange(); range.selectNodeContents(term); }
    }
    if (!range) return;
    CSS.highlights.set("ed-arrival", new Highlight(range));
    /* the words, not only their paragraph's top, in view: after the browser's own scroll to the fragment */
    function reveal() {
      var rect = range.getBoundingClientRect();
      if (rect.bottom > window.innerHeight - 64) window.scrollBy(0, rect.top - window.innerHeight / 3);
    }
    if (document.readyState === "complete") setTimeout(reveal, 0);
    else window.addEventListener("load", function () { setTimeout(reveal, 0); }, { once: true });
  }
  function arrive() {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (!target) { if (highlights) CSS.highlights.delete("ed-arrival"); return; }
    var query = new URLSearchParams(location.search), from = arrivalFrom(query, id);
    try { sessionStorage.removeItem(FROM); } catch (e) { /* no storage */ }
    markWords(from, target);
    if (from) showBack(from); else hideBack();
    if (query.has("event") || query.has("term")) {  /* the URL stays the permalink; the way back stays in history */
      query.delete("event"); query.delete("term");
      var search = query.toString();
      history.replaceState(Object.assign({}, history.state, { edFrom: from }), "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }
  /* Any link to a place on another page, or to a note: the way back is remembered for the arrival. */
  function originOf(link) {
    if (link.closest(".ed-preview") && previewFor) link = previewFor;  /* a preview's link: where it was opened */
    var event = link.closest("article.tl-event[id]");
    if (event) {
      var name = event.querySelector(say(".tl-event__name", ".tl-event__name-en") ) || event.querySelector(".tl-event__name");
      return { id: event.id, label: say("к событию ", "to the event ") + quoted(name.textContent) };
    }
    var entry = link.closest("dt[id], dd");
    while (entry && entry.tagName === "DD") entry = entry.previousElementSibling;
    if (entry && entry.id) return { id: entry.id, label: say("к статье глоссария ", "to the glossary entry ") + quoted(entry.firstChild.textContent.trim()) };
    var par = link.closest(".ed-par");
    var p = par && par.querySelector(":scope > [id]");
    if (p && cites[p.id]) return { id: p.id, label: say("к " + cites[p.id].label, "to " + cites[p.id].label_en) };
    var note = link.closest("li[id]");
    if (note && cites[note.id]) return { id: note.id, label: say("к " + cites[note.id].label, "to " + cites[note.id].label_en) };
    var heading = document.querySelector(".md-content h1");
    return { id: "", label: say("к странице ", "to the page ") + quoted(heading ? heading.textContent.replace("¶", "").trim() : document.title) };
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || !event.target.closest) return;
    if (event.target.closest("[data-back-close]")) { hideBack(); return; }
    var link = event.target.closest("a[href]");
    if (!link || link.closest(".ed-back, .ed-cite") || link.hasAttribute("data-cite")) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.hash) return;
    var samePage = url.pathname === location.pathname;
    if (samePage && !link.matches(".footnote-ref, .ed-enote, .footnote-backref")) return;
    if (link.matches(".footnote-backref")) { hideBack(); return; }
    var origin = originOf(link);
    var from = { to: url.pathname + url.hash, href: location.pathname + location.search + (origin.id ? "#" + origin.id : ""), label: origin.label };
    try { sessionStorage.setItem(FROM, JSON.stringify(from)); } catch (e) { /* no storage */ }
  });
  window.addEventListener("hashchange", arrive);

  /* print: the date of printing, and the editorial note open (restored after) */
  var printed = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-print-date]").forEach(function (span) { span.textContent = say("; напечатано ", "; printed ") + today(); });
    printed = Array.prototype.filter.call(document.querySelectorAll("details.edition-note"), function (d) { return !d.open; });
    printed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { printed.forEach(function (d) { d.open = false; }); printed = []; });

  readState();
  render();
  arrive();
})();

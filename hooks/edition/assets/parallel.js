/* The views: Russian only (the default), parallel (the edition's English beside or under each
   paragraph, glossary definition and event) and English only. The choice is remembered
   (localStorage) and holds on every page: in the English view the edition's interface speaks
   English (an element's data-ed-en replaces its text, in the page and in its <template>s, before
   docs/assets/reader.js clones them). It can be put in a link (?view=parallel); a sentence link
   (#p5-s3) opens the parallel view with the sentence and its counterpart marked; hovering or
   focusing a sentence marks its counterpart; copying a selection that holds English gives only
   the English. Added to the site only with the translation (hooks/edition/parallel.py); every
   text is the page's own (no HTML is written). */
(() => {
  "use strict";
  const VIEWS = ["ru", "parallel", "en"];
  const KEY = "edition-view";
  const SENTENCE = /^#((?:p\d+|note-\d+)-s\d+)(?:-en)?$/;
  const root = document.documentElement;

  function speak(view) {
    const english = view === "en";
    const scopes = [document, ...Array.from(document.querySelectorAll("template"), (t) => t.content)];
    for (const scope of scopes) {
      for (const element of scope.querySelectorAll("[data-ed-en]")) {
        if (!english && !("edRu" in element.dataset)) continue;  /* Russian as written: nothing to undo */
        if (!("edRu" in element.dataset)) element.dataset.edRu = element.textContent;
        element.textContent = english ? element.dataset.edEn : element.dataset.edRu;
        if (english) element.setAttribute("lang", "en");
        else element.removeAttribute("lang");
      }
      for (const element of scope.querySelectorAll("[data-ed-en-label]")) {
        if (!english && !("edRuLabel" in element.dataset)) continue;
        if (!("edRuLabel" in element.dataset)) element.dataset.edRuLabel = element.getAttribute("aria-label");
        element.setAttribute("aria-label", english ? element.dataset.edEnLabel : element.dataset.edRuLabel);
      }
    }
  }

  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  }

  function store(view) {
    try {
      localStorage.setItem(KEY, view);
    } catch {
      /* private mode: the choice lasts for this page */
    }
  }

  function counterparts(id) {
    return [document.getElementById(id), document.getElementById(`${id}-en`)].filter(Boolean);
  }

  function apply(view) {
    root.dataset.edView = view;
    speak(view);
    for (const button of document.querySelectorAll(".ed-views [data-ed-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.edView === view));
    }
    for (const details of document.querySelectorAll("details.ed-tr")) {
      if (view !== "ru") details.open = true;
    }
    for (const sentence of document.querySelectorAll(".ed-s")) {
      if (view === "parallel") sentence.tabIndex = 0;
      else sentence.removeAttribute("tabindex");
    }
  }

  function mark(className, id, on) {
    for (const element of counterparts(id)) element.classList.toggle(className, on);
  }

  /* A block's link (#p5, #fn:note-1) in the English view, where the Russian block is hidden: its English. */
  function toEnglishBlock() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (root.dataset.edView !== "en" || !id) return;
    const english = document.querySelector(`.ed-tr[data-ed-block="${CSS.escape(id)}"]`);
    if (english) english.scrollIntoView({ block: "start" });
  }

  function fromHash() {
    for (const element of document.querySelectorAll(".ed-s--marked")) element.classList.remove("ed-s--marked");
    const found = SENTENCE.exec(decodeURIComponent(location.hash || ""));
    if (!found || !document.getElementById(found[1])) return false;
    apply("parallel");
    mark("ed-s--marked", found[1], true);
    const target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView({ block: "center" });
    return true;
  }

  function choose(view) {
    apply(view);
    window.dispatchEvent(new Event("resize"));  /* the margin's marks are placed again (docs/assets/reader.js) */
    store(view);
    const url = new URL(location.href);
    url.searchParams.set("view", view);
    history.replaceState(history.state, "", url);
  }

  const asked = new URL(location.href).searchParams.get("view");
  if (VIEWS.includes(asked)) store(asked);
  const remembered = stored();
  for (const control of document.querySelectorAll(".ed-views")) control.hidden = false;
  if (!fromHash()) {
    apply(VIEWS.includes(asked) ? asked : VIEWS.includes(remembered) ? remembered : "ru");
    toEnglishBlock();
  }

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest(".ed-views [data-ed-view]") : null;
    if (button) choose(button.dataset.edView);
  });
  window.addEventListener("hashchange", () => fromHash() || toEnglishBlock());

  function pairOf(target) {
    const sentence = target instanceof Element ? target.closest(".ed-s") : null;
    return sentence ? sentence.dataset.edPair : null;
  }
  for (const [on, off] of [
    ["mouseover", "mouseout"],
    ["focusin", "focusout"],
  ]) {
    document.addEventListener(on, (event) => {
      const id = pairOf(event.target);
      if (id && root.dataset.edView === "parallel") mark("ed-s--pair", id, true);
    });
    document.addEventListener(off, (event) => {
      const id = pairOf(event.target);
      if (id) mark("ed-s--pair", id, false);
    });
  }

  document.addEventListener("copy", (event) => {
    if ((root.dataset.edView || "ru") === "ru") return;  // the Russian view: the translation is not shown
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    const blocks = [];
    for (const text of document.querySelectorAll(".ed-tr__text")) {
      if (!range.intersectsNode(text)) continue;
      const part = document.createRange();
      part.selectNodeContents(text);
      if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) {
        part.setStart(range.startContainer, range.startOffset);
      }
      if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset);
      const words = part.toString().trim();
      if (words) blocks.push(words);
    }
    if (!blocks.length || !event.clipboardData) return;
    event.clipboardData.setData("text/plain", blocks.join("\n\n"));
    event.preventDefault();
  });
})();

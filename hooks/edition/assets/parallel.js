/* The article's views: Russian only (the default), parallel (the edition's English beside or
   under each paragraph) and English only. The choice is remembered (localStorage) and can be put
   in a link (?view=parallel); a sentence link (#p5-s3) opens the parallel view with the sentence
   and its counterpart marked; hovering or focusing a sentence marks its counterpart; copying a
   selection that holds English gives only the English. Added to the site only with the
   translation (hooks/edition/parallel.py); every text is the page's own (no HTML is written). */
(() => {
  "use strict";
  const VIEWS = ["ru", "parallel", "en"];
  const KEY = "edition-view";
  const SENTENCE = /^#((?:p\d+|note-\d+)-s\d+)(?:-en)?$/;
  const control = document.querySelector(".ed-views");
  if (!control) return;
  const root = document.documentElement;

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
    for (const button of control.querySelectorAll("[data-ed-view]")) {
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
    store(view);
    const url = new URL(location.href);
    url.searchParams.set("view", view);
    history.replaceState(history.state, "", url);
  }

  const asked = new URL(location.href).searchParams.get("view");
  if (VIEWS.includes(asked)) store(asked);
  const remembered = stored();
  control.hidden = false;
  if (!fromHash()) apply(VIEWS.includes(asked) ? asked : VIEWS.includes(remembered) ? remembered : "ru");

  control.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ed-view]");
    if (button) choose(button.dataset.edView);
  });
  window.addEventListener("hashchange", fromHash);

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

/* "Cite this": copy a citation to the clipboard; progressive enhancement of the plain text. */
(function () {
  "use strict";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      var ok = document.execCommand("copy"); document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }
  function setup() {
    document.querySelectorAll(".edition-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var box = button.closest(".edition-cite-this__body");
        var text = box.querySelector('[data-style="' + button.dataset.copy + '"]').textContent;
        var status = box.querySelector(".edition-cite-this__status");
        copyText(text).then(function () {
          status.textContent = "Цитата скопирована в буфер обмена (" + button.dataset.copy.toUpperCase() + ").";
        }, function () {
          status.textContent = "Не удалось скопировать: выделите текст цитаты вручную.";
        });
      });
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();

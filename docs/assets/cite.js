/* "Cite this": copy a citation to the clipboard; progressive enhancement of the plain text.
   Loaded with `defer`: the document is parsed when this runs; the listeners are delegated. */
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
  function copy(button) {
    var box = button.closest(".edition-cite-this__body");
    var text = box.querySelector('[data-style="' + button.dataset.copy + '"]').textContent;
    var status = box.querySelector(".edition-cite-this__status");
    copyText(text).then(function () {
      status.textContent = "Цитата скопирована в буфер обмена (" + button.dataset.copy.toUpperCase() + ").";
    }, function () {
      status.textContent = "Не удалось скопировать: выделите текст цитаты вручную.";
    });
  }
  /* A copy button is shown when its "Цитировать" box is opened: no work per button on load. */
  function reveal(details) {
    details.querySelectorAll(".edition-copy").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.open && details.matches && details.matches("details.edition-cite-this")) reveal(details);
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".edition-copy");
    if (button) copy(button);
  });
  document.querySelectorAll("details.edition-cite-this[open]").forEach(reveal);
})();

/* Timeline filters: progressive enhancement of the server-rendered list.
   Without JavaScript every event is shown. The state lives in the URL (?party=KZ,RU&kind=visit)
   so that a filtered view can be shared. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector(".tl-filters");
    if (!form) return;
    form.hidden = false;
    var events = Array.prototype.slice.call(document.querySelectorAll(".tl-event"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".tl-year-group"));
    var marks = Array.prototype.slice.call(document.querySelectorAll(".tl-mark"));
    var status = form.querySelector(".tl-count");

    function checked(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'))
        .filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }
    function all(name) { return form.querySelectorAll('input[name="' + name + '"]').length; }

    function apply(updateUrl) {
      var parties = checked("party"), kinds = checked("kind"), shown = 0;
      var visible = {};
      events.forEach(function (event) {
        var ok = kinds.indexOf(event.dataset.kind) >= 0 &&
          event.dataset.parties.split(" ").some(function (p) { return parties.indexOf(p) >= 0; });
        event.hidden = !ok;
        if (ok) { shown += 1; visible[event.id.slice(3)] = true; }
      });
      groups.forEach(function (group) { group.hidden = !group.querySelector(".tl-event:not([hidden])"); });
      marks.forEach(function (mark) { mark.classList.toggle("tl-mark--off", !visible[mark.dataset.event]); });
      status.textContent = shown === events.length
        ? "Показаны все события: " + shown
        : "Показано событий: " + shown + " из " + events.length;
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        params.delete("party"); params.delete("kind");
        if (parties.length < all("party")) params.set("party", parties.join(","));
        if (kinds.length < all("kind")) params.set("kind", kinds.join(","));
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      ["party", "kind"].forEach(function (name) {
        if (!params.has(name)) return;
        var wanted = params.get(name).split(",");
        form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
          box.checked = wanted.indexOf(box.value) >= 0;
        });
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    fromUrl();
    apply(false);
  }
  setup();  /* loaded with `defer` (mkdocs.yml): the document is parsed when this runs */
})();

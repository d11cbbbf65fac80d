/* Forward a renamed fragment (anchors.yml, moved.fragments) to its new id, so that old
   citations of a paragraph keep landing on it. Only the page's own moves count (never a
   property every object inherits, such as "constructor"); a malformed escape in the address
   is left alone. */
(function () {
  "use strict";
  var data = document.getElementById("edition-anchor-moves");
  if (!data) return;
  var moves;
  try {
    moves = JSON.parse(data.textContent);
  } catch (error) {
    return;
  }
  var own = Object.prototype.hasOwnProperty;
  function forward() {
    var old;
    try {
      old = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (!old || !own.call(moves, old) || typeof moves[old] !== "string") return;
    if (!document.getElementById(old)) {
      window.location.replace("#" + moves[old]);
    }
  }
  forward();
  window.addEventListener("hashchange", forward);
})();

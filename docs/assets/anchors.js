/* Forward a renamed fragment (anchors.yml, moved.fragments) to its new id, so that old
   citations of a paragraph keep landing on it. */
(function () {
  "use strict";
  var data = document.getElementById("edition-anchor-moves");
  if (!data) return;
  var moves = JSON.parse(data.textContent);
  function forward() {
    var old = decodeURIComponent(window.location.hash.slice(1));
    if (old && moves[old] && !document.getElementById(old)) {
      window.location.replace("#" + moves[old]);
    }
  }
  forward();
  window.addEventListener("hashchange", forward);
})();

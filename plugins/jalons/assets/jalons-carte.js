// The map on the home page: the hexagon under the pointer or with the keyboard focus shows its label
// (number, title or statement) below the map. Screen readers already have it as the link's name, so the
// visible copy is hidden from them. Without JavaScript, each hexagon is still a named link.
(function () {
  "use strict";

  function setUp() {
    var map = document.querySelector(".jalons-carte");
    if (!map || map.dataset.pret) {
      return;
    }
    map.dataset.pret = "oui";
    var info = map.querySelector(".jalons-carte__info");

    function show(event) {
      var hexagon = event.target.closest && event.target.closest(".jalons-carte__case");
      if (hexagon) {
        info.textContent = hexagon.dataset.libelle;
        info.hidden = false;
      }
    }

    map.addEventListener("mouseover", show);
    map.addEventListener("focusin", show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

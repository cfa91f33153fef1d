// Filters of the jalons index (/jalons/): narrow the list in the page, no server involved.
// Without JavaScript the form stays hidden and the whole list remains readable.
// The word filter reads every word of each published fiche, fetched from the form's data-textes the first time a
// word is typed: the list itself carries only what it shows. Meanwhile the list is marked busy (aria-busy) and
// left as it is; if the file cannot be had, the titles and statements shown are searched, and the status says so.
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp() {
    var form = document.querySelector(".jalons-filtres");
    if (!form || form.dataset.pret) {
      return;
    }
    form.dataset.pret = "oui";
    var items = Array.prototype.slice.call(document.querySelectorAll(".jalons-index__item"));
    var list = document.querySelector(".jalons-index");
    var status = form.querySelector(".jalons-filtres__statut");
    var textes = null; // each published fiche's words, normalised, by jalon number: null until asked for
    var textesManquants = false;

    function fetchTextes() {
      textes = {};
      list.setAttribute("aria-busy", "true");
      status.textContent = "Recherche dans le texte des fiches\u2026";
      fetch(form.dataset.textes)
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (loaded) {
          Object.keys(loaded).forEach(function (numero) {
            textes[numero] = normalise(loaded[numero]);
          });
        })
        .catch(function () {
          textesManquants = true;
        })
        .then(function () {
          list.removeAttribute("aria-busy");
          apply();
        });
    }

    function apply() {
      var texte = normalise(form.elements.texte.value.trim());
      if (texte && textes === null) {
        fetchTextes();
      }
      if (list.hasAttribute("aria-busy")) {
        return; // applied once the texts are here
      }
      var partie = form.elements.partie ? form.elements.partie.value : "";
      var niveau = form.elements.niveau.value;
      var pivot = form.elements.pivot ? form.elements.pivot.checked : false;
      var publie = form.elements.publie ? form.elements.publie.checked : false;
      var shown = 0;
      items.forEach(function (item) {
        var visible =
          (!partie || item.dataset.mobiliser.split(" ").indexOf(partie) !== -1) &&
          (!niveau || item.dataset.avancement === niveau) &&
          (!pivot || item.dataset.pivot === "oui") &&
          (!publie || item.dataset.publie === "oui") &&
          (!texte || (normalise(item.textContent) + " " + (textes[item.getAttribute("value")] || "")).indexOf(texte) !== -1);
        item.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      if (shown === 0) {
        // French spacing, as on the rest of the page: no-break spaces inside « » and before « : ».
        status.textContent = "Aucun jalon ne correspond" +
          (texte ? " à «\u00a0" + form.elements.texte.value.trim() + "\u00a0»" : "") +
          "\u00a0: essayez un autre mot, ou «\u00a0Tout afficher\u00a0».";
      } else {
        status.textContent = shown + (shown > 1 ? " jalons affichés" : " jalon affiché") + " sur " + items.length + ".";
      }
      if (texte && textesManquants) {
        status.textContent += " Le texte des fiches n\u2019a pu être chargé\u00a0: seuls les titres et les " +
          "énoncés sont cherchés.";
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

// Contribution forms (on each fiche and on /contribuer/): prepare an email to the roadmap's contact
// address, with a suggestion block that `jalons suggestion apply` reads back.
// Without JavaScript the forms stay hidden and a plain mailto: link does the same job.
(function () {
  "use strict";

  // Mail programs and browsers take mailto: links of about 2,000 characters; some cut longer ones.
  var SAFE_MAILTO_LENGTH = 1800;

  // RFC 6068: every character but unreserved ones percent-encoded as UTF-8, line breaks as %0D%0A.
  function encode(text) {
    return encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
  }

  // Characters a YAML block cannot hold, or reads as a line break (NEL, U+2028, U+2029).
  var NOT_IN_BLOCK = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

  // A text of several lines, as YAML block text: the email reads as it was typed. Null when a block would not
  // give the exact text back: spaces at either end of a line (mail software trims or adds them), a character
  // a block cannot hold, a line that mail software rewrites (« From » becomes « >From »).
  function asBlock(text) {
    var lines = text.split("\n");
    var fits = lines.length > 1 && !NOT_IN_BLOCK.test(text) && !/^\s/.test(text) &&
      lines.every(function (line) { return !/[ \t]$/.test(line) && !/^From /.test(line); });
    return fits ? lines : null;
  }

  // A text of several lines as a block when it can be; otherwise, and for everything else, JSON, which is
  // YAML too: whatever a reader types survives the trip.
  function suggestionBlock(form, fields) {
    var lines = [form.dataset.debut];
    Object.keys(fields).forEach(function (key) {
      var value = fields[key];
      if (value === "" || value === null || value === undefined) {
        return;
      }
      var block = typeof value === "string" ? asBlock(value) : null;
      if (block) {
        lines.push(key + ": |-");
        block.forEach(function (line) {
          lines.push(line ? "  " + line : "");
        });
      } else {
        lines.push(key + ": " + JSON.stringify(value));
      }
    });
    lines.push(form.dataset.fin);
    return lines.join("\n");
  }

  function selectedText(select) {
    return select && select.value ? select.options[select.selectedIndex].text : "";
  }

  function compose(form) {
    var elements = form.elements;
    var fiche = elements.jalon ? elements.jalon.options[elements.jalon.selectedIndex] : null;
    var jalon = fiche ? fiche.value : form.dataset.jalon;
    var titre = fiche ? fiche.dataset.titre : form.dataset.titre;
    var version = fiche ? fiche.dataset.version : form.dataset.version;
    var versionTexte = fiche ? fiche.dataset.versionTexte : form.dataset.versionTexte;
    var section = elements.section.value;
    var sectionTexte = selectedText(elements.section);
    var niveau = section === "avancement" ? elements.niveau.value : "";
    // Line and paragraph separators (pasted from some word processors) are line breaks to a reader.
    var proposition = elements.proposition.value.replace(/[\u2028\u2029]/g, "\n");
    var page = window.location.href.split("#")[0];

    var subject = (jalon ? "[Jalon " + jalon + "] " : "[Fiches jalons] ") + "Proposition : " + sectionTexte;
    var lines = ["Bonjour,", ""];
    var contact = [["nom", "Nom"], ["organisation", "Organisation"], ["courriel", "Courriel"]];
    if (jalon) {
      // Each typed text is written once, in the block that `jalons suggestion apply` reads; the block
      // comes early, so that a mail program that shortens a long address cuts the greeting, not it.
      lines.push("Voici une proposition pour la fiche du jalon " + jalon + ", « " + titre + " » (version : " +
                 versionTexte + "), section « " + sectionTexte + " »" +
                 (niveau ? ", niveau proposé « " + selectedText(elements.niveau) + " »" : "") + ".");
      lines.push("Page : " + page, "");
      lines.push("Ma proposition, dans le bloc ci-dessous :", "");
      lines.push(suggestionBlock(form, {
        jalon: parseInt(jalon, 10),
        version: version,
        section: section,
        niveau: niveau,
        proposition: proposition,
        nom: elements.nom.value.trim(),
        organisation: elements.organisation.value.trim(),
        courriel: elements.courriel.value.trim()
      }));
    } else {
      lines.push("Voici une proposition pour les fiches jalons.");
      lines.push("Page : " + page);
      lines.push("Section : " + sectionTexte);
      lines.push("", "Proposition :", proposition, "");
      contact.forEach(function (pair) {
        if (elements[pair[0]].value.trim()) {
          lines.push(pair[1] + " : " + elements[pair[0]].value.trim());
        }
      });
    }
    var body = lines.join("\n");
    return {
      url: "mailto:" + form.dataset.contact + "?subject=" + encode(subject) + "&body=" + encode(body),
      body: body
    };
  }

  function setUp(form) {
    var elements = form.elements;
    var niveau = form.querySelector(".jalon-formulaire__niveau");
    var result = form.querySelector(".jalon-formulaire__resultat");

    function showLevel() {
      niveau.hidden = elements.section.value !== "avancement";
    }

    elements.section.addEventListener("change", showLevel);
    showLevel();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) {
        return;
      }
      var message = compose(form);
      var tooLong = message.url.length > SAFE_MAILTO_LENGTH;
      result.querySelectorAll("a").forEach(function (link) {
        link.href = message.url;
      });
      result.querySelector("textarea").value = message.body;
      result.querySelector(".jalon-formulaire__ordinaire").hidden = tooLong;
      result.querySelector(".jalon-formulaire__long").hidden = !tooLong;
      result.hidden = false;
      form.dataset.mailto = message.url;
      if (tooLong) {
        // Said before anything is sent: some mail programs cut a longer link, and the message with it.
        result.querySelector("textarea").focus();
        return;
      }
      window.location.href = message.url;
    });
    form.hidden = false;
    var noScript = document.querySelector(".jalon-contribuer__sans-script");
    if (noScript) {
      noScript.hidden = true;
    }
  }

  function setUpAll() {
    document.querySelectorAll("form.jalon-formulaire").forEach(function (form) {
      if (!form.dataset.pret) {
        form.dataset.pret = "oui";
        setUp(form);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

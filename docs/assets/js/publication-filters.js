// The Publications page's filters (macros/templates/publication_filters.html): a text box and a choice per facet,
// over the cards' data-* attributes, and "most cited first" where the cards carry counts. The address holds the
// state (?area=...&year=...&text=...&sort=cited), so a filtered view can be shared and Back undoes a change. Without JavaScript, CSS keeps the form out of sight and every paper shows.
(function () {
  "use strict";
  var LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  // Whether a card (its data-* attributes) has a facet's chosen value.
  var FACETS = {
    area: function (card, value) { return card.areas.indexOf(value) >= 0; },
    type: function (card, value) { return card.data.type === value; },
    year: function (card, value) { return card.data.year === value; },
    selected: function (card) { return card.data.selected === "true"; },
  };
  var NAMES = Object.keys(FACETS).concat("sort", "text");
  var NOT_FACETS = ["sort", "text"];

  // Case, accents and punctuation aside: "Müller-Łącki" and "muller lacki" are the same two words.
  function fold(text) {
    return text.normalize("NFKD").toLowerCase().replace(/\p{M}/gu, "")
      .replace(/[ßæœøłđðþı]/g, function (letter) { return LETTERS[letter]; })
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // An empty list for the cards in order of citations, before the first year's heading.
  function rankedList(firstList) {
    var before = firstList.previousElementSibling;
    var place = before && /^H[2-6]$/.test(before.tagName) ? before : firstList;
    var list = document.createElement("div");
    list.className = firstList.className;
    list.hidden = true;
    place.parentNode.insertBefore(list, place);
    return list;
  }

  function setUp() {
    var form = document.querySelector("form[data-pf-filters]");
    if (!form || form.dataset.pfReady) return;
    form.dataset.pfReady = "1";
    var text = form.elements.namedItem("text");
    var controls = [].filter.call(form.elements, function (control) {
      return control !== text && NAMES.indexOf(control.name) >= 0;
    }).concat(text);
    var status = form.querySelector("[data-pf-filters-status]");
    var sort = form.elements.namedItem("sort");
    var cards = [].map.call(document.querySelectorAll(".pf-pub[data-year]"), function (card, index) {
      return {
        element: card, data: card.dataset, areas: card.dataset.area.split(" "), text: fold(card.dataset.search),
        home: card.parentElement, index: index, cited: card.dataset.cited ? Number(card.dataset.cited) : -1,
      };
    });
    var lists = cards.map(function (card) { return card.home; })
      .filter(function (list, index, all) { return all.indexOf(list) === index; });
    var ranked = sort && rankedList(lists[0]);
    var byCitations = false;

    // Most cited first is one list in place of the years; the years empty, so they hide as a filter hides them.
    function arrange(wanted) {
      if (wanted === byCitations) return;
      byCitations = wanted;
      var order = wanted ? cards.slice().sort(function (a, b) { return b.cited - a.cited || a.index - b.index; }) : cards;
      order.forEach(function (card) { (wanted ? ranked : card.home).appendChild(card.element); });
    }

    // [name, value] of each control in use: the state, the facets in the order of the form, then the text.
    function choices() {
      return controls.filter(function (control) {
        return control.type === "checkbox" ? control.checked : control.value.trim();
      }).map(function (control) { return [control.name, control.value]; });
    }

    // Shows the cards the form asks for; a year (any list) left empty hides with its heading and contents entry.
    function apply() {
      var chosen = choices();
      if (sort) arrange(sort.value === "cited");
      var words = fold(text.value).split(" ").filter(Boolean);
      var shown = cards.filter(function (card) {
        card.element.hidden = !chosen.every(function (choice) {
          return NOT_FACETS.indexOf(choice[0]) >= 0 || FACETS[choice[0]](card, choice[1]);
        }) || !words.every(function (word) { return card.text.indexOf(word) >= 0; });
        return !card.element.hidden;
      }).length;
      lists.forEach(function (list) {
        var empty = !list.querySelector(".pf-pub:not([hidden])");
        var heading = list.previousElementSibling;
        list.hidden = empty;
        if (heading && /^H[2-6]$/.test(heading.tagName)) {
          heading.hidden = empty;
          document.querySelectorAll('.md-nav__link[href="#' + CSS.escape(heading.id) + '"]').forEach(function (link) {
            link.parentElement.hidden = empty;
          });
        }
      });
      if (ranked) ranked.hidden = !byCitations || !shown;
      status.textContent = shown + " of " + cards.length + " papers" + (byCitations ? ", most cited first" : "");
    }

    function address() {
      var params = new URLSearchParams(location.search);
      NAMES.forEach(function (name) { params.delete(name); });
      choices().forEach(function (choice) { params.append(choice[0], choice[1]); });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    // One step in the history per choice; a burst of typing is one step too (its first change adds the entry).
    function remember(typing) {
      var again = typing && history.state && history.state.pfFilters === "text";
      history[again ? "replaceState" : "pushState"]({ pfFilters: typing ? "text" : "choice" }, "", address());
    }

    // The address decides; a value no option has is left out.
    function fromAddress() {
      var params = new URLSearchParams(location.search);
      controls.forEach(function (control) {
        var value = params.get(control.name) || "";
        if (control.type === "checkbox") control.checked = value === control.value;
        else if (control.type === "search") control.value = value;
        else control.value = [].some.call(control.options, function (option) { return option.value === value; }) ? value : "";
      });
      apply();
    }

    function onPopState() {
      // Instant navigation may have swapped this page out; the page swapped in sets itself up.
      if (!form.isConnected) window.removeEventListener("popstate", onPopState);
      else fromAddress();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target === text) return;
      apply();
      remember(false);
    });
    text.addEventListener("input", function () {
      apply();
      remember(true);
    });
    form.querySelector("[data-pf-filters-clear]").addEventListener("click", function () {
      if (!choices().length) return;
      controls.forEach(function (control) {
        if (control.type === "checkbox") control.checked = false;
        else control.value = "";
      });
      apply();
      remember(false);
    });
    window.addEventListener("popstate", onPopState);
    fromAddress();
  }

  // Deferred, so the page is parsed; under instant navigation Material runs this file again for each page it shows.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

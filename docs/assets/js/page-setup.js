// Sets up each page Material shows (the first, and each one instant navigation swaps in):
// "Show full history" unfolds the older news (CSS folds it while JavaScript runs), split
// e-mail addresses become mailto: links, and each copy button's landmark gets its block's name.
(function () {
  function setUpNewsFolds() {
    document.querySelectorAll("[data-pf-fold-toggle]").forEach(function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list || button.dataset.pfReady) return;
      button.dataset.pfReady = "1";
      button.addEventListener("click", function () {
        var expanded = button.getAttribute("aria-expanded") !== "true";
        list.classList.toggle("pf-timeline--expanded", expanded);
        button.setAttribute("aria-expanded", String(expanded));
        button.textContent = expanded ? button.dataset.pfLabelLess : button.dataset.pfLabelMore;
      });
    });
  }

  function setUpEmailLinks() {
    document.querySelectorAll("[data-pf-user]").forEach(function (link) {
      link.href = "mailto:" + link.dataset.pfUser + "@" + link.dataset.pfDomain;
    });
  }

  // Material puts each code block's copy button in an unnamed <nav>; with several blocks on a page
  // a screen reader lists landmarks nobody can tell apart (axe: landmark-unique).
  function nameCopyButtons() {
    var unnamed = 0;
    document.querySelectorAll("[data-copy-name]").forEach(function (block) {
      var nav = block.querySelector(".md-code__nav");
      if (nav) nav.setAttribute("aria-label", block.dataset.copyName);
      else unnamed += 1;
    });
    return unnamed;
  }

  function setUpCopyButtonNames() {
    if (nameCopyButtons() === 0) return;
    // Material may add the buttons after this runs.
    var watcher = new MutationObserver(function () {
      if (nameCopyButtons() === 0) watcher.disconnect();
    });
    watcher.observe(document.body, { childList: true, subtree: true });
  }

  function setUp() {
    setUpNewsFolds();
    setUpEmailLinks();
    setUpCopyButtonNames();
  }

  if (window.document$) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();

// Folds the older news behind "Show full history" and joins split e-mail addresses.
// Without JavaScript every news item stays visible.
(function () {
  function setUp() {
    document.querySelectorAll("[data-pf-fold-toggle]").forEach(function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list || button.dataset.pfReady) return;
      button.dataset.pfReady = "1";
      function show(expanded) {
        list.classList.toggle("pf-timeline--folded", !expanded);
        button.setAttribute("aria-expanded", String(expanded));
        button.textContent = expanded ? button.dataset.pfLabelLess : button.dataset.pfLabelMore;
      }
      button.addEventListener("click", function () {
        show(button.getAttribute("aria-expanded") !== "true");
      });
      show(false);
      button.hidden = false;
    });
    document.querySelectorAll("[data-pf-user]").forEach(function (link) {
      link.href = "mailto:" + link.dataset.pfUser + "@" + link.dataset.pfDomain;
    });
  }
  if (window.document$) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();

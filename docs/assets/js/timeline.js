// "Show full history" unfolds the older news (CSS folds it while JavaScript runs),
// and split e-mail addresses become mailto: links.
(function () {
  function setUp() {
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

// Material puts each code block's copy button in an unnamed <nav>; with several blocks on a page a screen
// reader lists landmarks nobody can tell apart (axe: landmark-unique), so each takes its block's name.
(() => {
  const blocks = document.querySelectorAll("[data-copy-name]");
  const name = () => {
    let unnamed = 0;
    for (const block of blocks) {
      const nav = block.querySelector(".md-code__nav");
      if (nav) nav.setAttribute("aria-label", block.dataset.copyName);
      else unnamed += 1;
    }
    return unnamed;
  };
  if (name() === 0) return;
  // Material adds the buttons once its deferred bundle has run, after this script.
  const watcher = new MutationObserver(() => { if (name() === 0) watcher.disconnect(); });
  watcher.observe(document.body, { childList: true, subtree: true });
})();

// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) target.setAttribute("aria-busy", "false");
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});
// Story drafts kept in this browser (drafts.js) belong to whoever is signed in: signing out
// clears them, so the next person at a shared computer cannot read them. The server keeps
// each draft; a page with a story form sends its latest text first (drafts.js).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-clear-drafts]") || event.defaultPrevented) return;
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith("story-draft:")) localStorage.removeItem(key);
    }
  } catch (e) { /* storage disabled: nothing was kept */ }
});
// A story page just saved from a form (data-saved-form: that form page's token) clears the
// copy of it kept in this browser (drafts.js), so "Log a success" opens empty next time.
document.addEventListener("DOMContentLoaded", () => {
  const saved = document.querySelector("[data-saved-form]");
  if (!saved) return;
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith("story-draft:")) continue;
      const kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && kept.token === saved.dataset.savedForm) localStorage.removeItem(key);
    }
  } catch (e) { /* storage disabled or unreadable: nothing to clear */ }
});

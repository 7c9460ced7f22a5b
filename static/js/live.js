// The live session page. Without JavaScript it still works: every control is a form, and the
// page shows the time left when it was loaded.
(function () {
  "use strict";

  // The countdown. The server sends when the step ends (data-ends-at, epoch ms); this ticks
  // the display every second between refreshes.
  function render(el) {
    const endsAt = Number(el.dataset.endsAt || 0);
    if (!endsAt) return; // paused: the server's text stands
    const left = Math.round((endsAt - Date.now()) / 1000);
    const abs = Math.abs(left);
    el.textContent = (left < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
    el.closest(".timer")?.classList.toggle("overtime", left < 0);
  }
  setInterval(() => document.querySelectorAll("[data-ends-at]").forEach(render), 1000);

  // What is typed in the card box or the commitment form is kept in this tab
  // (sessionStorage) as it is typed: when the facilitator changes step the composer is
  // rendered anew, and the text moves over into it - or waits for a step with a card box.
  const page = document.querySelector(".live-page[data-session]");
  if (!page) return;
  const prefix = "live-draft:" + page.dataset.session + ":";
  const KEPT = "form[data-live-draft] textarea, form[data-live-draft] input:not([type=hidden])";

  function keep(field) {
    try {
      if (field.value) sessionStorage.setItem(prefix + field.name, field.value);
      else sessionStorage.removeItem(prefix + field.name);
    } catch (e) { /* storage disabled: the text still moves over on a step change */ }
  }
  function stored(name) {
    try { return sessionStorage.getItem(prefix + name); } catch (e) { return null; }
  }
  function fillFromStorage(root) {
    root.querySelectorAll(KEPT).forEach((field) => {
      const text = stored(field.name);
      if (!field.value && text) field.value = text;
    });
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches?.(KEPT)) keep(event.target);
  });

  // A new composer arrives with a step change (an out-of-band swap): copy the typed text
  // into it before it replaces the old one, so htmx puts the caret back where it was.
  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const old = event.detail.target;
    if (!old || old.id !== "composer") return;
    old.querySelectorAll(KEPT).forEach((field) => {
      if (!field.value) return;
      event.detail.fragment.querySelectorAll(KEPT).forEach((incoming) => {
        if (incoming.name !== field.name || incoming.value) return;
        incoming.value = field.value;
        if (incoming.tagName === "TEXTAREA") incoming.textContent = field.value;
        else incoming.setAttribute("value", field.value);
      });
    });
  });

  // After the composer's own form was sent, the server's answer is the truth: a field it
  // sends back empty was saved (a field with an error comes back with its text).
  function sentFromComposer(event) {
    const form = event.detail.requestConfig?.elt;
    return Boolean(form?.closest?.("#composer"));
  }

  // Focus: htmx puts it back on the element with the same id after a swap (a poll, a
  // control, or a pushed event). When that control is gone (the last step has no "Next
  // step"), focus goes to the step's title, or to the card box's heading, never to <body>.
  let lastFocused = null;
  document.addEventListener("focusin", (event) => { lastFocused = event.target; });

  document.addEventListener("htmx:afterSettle", (event) => {
    const composer = document.getElementById("composer");
    if (composer) {
      if (sentFromComposer(event)) {
        composer.querySelectorAll(KEPT).forEach((field) => { if (!field.value) keep(field); });
      } else {
        fillFromStorage(composer);
      }
    }
    const lost = !document.activeElement || document.activeElement === document.body;
    const region = lastFocused && !lastFocused.isConnected
      ? lastFocused.closest("#live, #board, #composer") : null;
    if (lost && region) {
      const fallback = region.id === "composer" && composer && !composer.hidden
        ? composer.querySelector("#composer-heading") : document.getElementById("step-title");
      fallback?.focus({ preventScroll: true });
    }
  });

  // Answers can cross (a poll sent before a change that the stream already brought): one
  // older than the screen is dropped whole, its card box and board with it.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const live = document.getElementById("live");
    const match = /id="live"[^>]*?data-version="(\d+)"/.exec(event.detail.serverResponse || "");
    if (live && match && Number(match[1]) < Number(live.dataset.version)) {
      event.detail.shouldSwap = false;
    }
  });

  // The card box is replaced only for a new step: a late answer (a poll sent before the
  // step change arrived by the stream) must not replace a box being typed in or posted from.
  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const target = event.detail.target;
    const incoming = event.detail.fragment?.firstElementChild;
    if (target?.id === "composer" && incoming?.dataset?.step
        && incoming.dataset.step === target.dataset.step) {
      event.detail.shouldSwap = false;
    }
  });

  // A control pressed before htmx took over its form (a page still loading, a swap just
  // landing) is posted the plain way and the page comes back: focus returns to it there too.
  const FOCUS_KEY = "live-focus:" + location.pathname;
  document.addEventListener("submit", (event) => {
    const id = event.submitter?.id;
    try { if (id) sessionStorage.setItem(FOCUS_KEY, id); } catch (e) { /* private mode */ }
  }, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    // htmx took the form after all: nothing to restore
    if (event.detail.requestConfig?.verb !== "get") {
      try { sessionStorage.removeItem(FOCUS_KEY); } catch (e) { /* private mode */ }
    }
  });
  let refocus = null;
  try { refocus = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); }
  catch (e) { /* private mode */ }
  // ...or, when that control is gone (no "Next step" on the last step), to the step's title
  if (refocus) {
    (document.getElementById(refocus) || document.getElementById("step-title"))
      ?.focus({ preventScroll: true });
  }

  const composer = document.getElementById("composer");
  if (composer) fillFromStorage(composer);
})();

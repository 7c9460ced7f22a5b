// Keeps a story form's text safe while it is typed.
// The server keeps a draft (htmx autosave on the form). This script adds what the server
// cannot: a copy in this browser for when the network is down, restored after a reload or a
// closed tab, and an honest status line while saving fails and is retried.
(function () {
  "use strict";
  const form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  const storageKey = "story-draft:" + form.dataset.draftKey;
  const savedOnServerAt = Number(form.dataset.savedAt || 0);
  const status = () => document.getElementById("save-status");
  let retryTimer = null;

  function snapshot() {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.type === "submit" || el.name === "csrfmiddlewaretoken") continue;
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else {
        data[el.name] = [el.value];
      }
    }
    return data;
  }

  function restore(data) {
    for (const el of form.elements) {
      if (!el.name || !(el.name in data) || el.name === "csrfmiddlewaretoken") continue;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = data[el.name].includes(el.value);
      } else if (el.type !== "hidden" || el.name === "grew_from") {
        el.value = data[el.name][0] || "";
      }
    }
  }

  function keepLocally() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(
        { at: Date.now(), token: form.dataset.formToken, data: snapshot() }));
    } catch (e) { /* storage full or disabled: the server draft still works */ }
  }

  try {
    const local = JSON.parse(localStorage.getItem(storageKey) || "null");
    if (local && local.at > savedOnServerAt) {
      restore(local.data);
      document.getElementById("draft-restored").hidden = false;
      htmx.trigger(form, "change");
    } else {
      localStorage.removeItem(storageKey);
    }
  } catch (e) { localStorage.removeItem(storageKey); }

  form.addEventListener("input", keepLocally);
  form.addEventListener("change", keepLocally);

  function failed() {
    const line = status();
    if (line) line.textContent = form.dataset.retryText || "Not saved yet - will retry";
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => htmx.trigger(form, "change"), 5000);
  }
  form.addEventListener("htmx:sendError", failed);
  form.addEventListener("htmx:responseError", failed);
  let sent = null;
  form.addEventListener("htmx:beforeRequest", () => { sent = JSON.stringify(snapshot()); });
  form.addEventListener("htmx:afterRequest", (event) => {
    if (!event.detail.successful) return;
    clearTimeout(retryTimer);
    // The server has it all, unless more was typed while the request was on its way.
    if (JSON.stringify(snapshot()) === sent) {
      try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
    }
  });
  form.addEventListener("submit", keepLocally);

  // Signing out clears the copy in this browser (app.js). Text that has not reached the
  // server yet is sent first; while it cannot be sent (the network is down, so signing out
  // could not reach the server either) the status line says so and nothing is cleared.
  document.addEventListener("submit", (event) => {
    const signOut = event.target;
    if (!signOut.matches("form[data-clear-drafts]") || signOut.dataset.draftSent) return;
    let unsaved = false;
    try { unsaved = localStorage.getItem(storageKey) !== null; } catch (e) { /* none kept */ }
    if (!unsaved) return;
    event.preventDefault();
    const proceed = () => { signOut.dataset.draftSent = "1"; signOut.requestSubmit(); };
    fetch(form.getAttribute("hx-post"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "HX-Request": "true" },
    }).then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
      proceed();
    }).catch(failed);
  }, true);
})();

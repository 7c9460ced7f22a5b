// The live session's countdown. The server sends when the step ends (data-ends-at, epoch ms);
// this ticks the display every second between polls. Without JavaScript the page still shows
// the time left when it was loaded.
(function () {
  "use strict";
  function render(el) {
    const endsAt = Number(el.dataset.endsAt || 0);
    if (!endsAt) return; // paused: the server's text stands
    const left = Math.round((endsAt - Date.now()) / 1000);
    const abs = Math.abs(left);
    el.textContent = (left < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
    el.closest(".timer")?.classList.toggle("overtime", left < 0);
  }
  setInterval(() => document.querySelectorAll("[data-ends-at]").forEach(render), 1000);
})();

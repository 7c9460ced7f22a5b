// Live sessions pushed to the page (server-sent events), with the page's own polling as the
// fallback. The region that follows the session (#live on the live page, #screen on the
// projector) names its stream in data-stream. While the stream is healthy the region's 2 s
// poll is skipped before it leaves the browser; when the stream fails (an error, a proxy that
// buffers and so sends nothing, a dropped network) polling simply carries on, and the stream
// is tried again a little later. A reconnect sends the last event's id, so the server sends
// whatever changed meanwhile. The timer keeps ticking in live.js between events.
// A `cards` event carries only the cards posted since the version on screen, with the board's
// new heading (data-after: that version); a screen on any other version reconnects instead,
// and the server sends it the whole region.
(function () {
  "use strict";
  if (!window.EventSource || !window.htmx) return;
  const FIRST_EVENT_MS = 5000; // a proxy that buffers never lets "ready" through
  const SILENCE_MS = 40000; // the server pings every 15 s
  let source = null;
  let watchdog = null;
  let retry = null;
  let retryMs = 3000;
  let healthy = false;

  function region() { return document.querySelector("[data-stream]"); }

  function setHealthy(state) {
    healthy = state;
    document.documentElement.dataset.liveStream = state ? "open" : "polling";
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    if (healthy && event.detail.elt === region() && event.detail.requestConfig.verb === "get") {
      event.preventDefault();
    }
  });

  function watch(ms) {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => { giveUp(); }, ms);
  }

  function giveUp() {
    setHealthy(false);
    close();
    clearTimeout(retry);
    retry = setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, 60000);
  }

  function close() {
    clearTimeout(watchdog);
    if (source) source.close();
    source = null;
  }

  function apply(event) {
    const el = region();
    if (!el) return;
    const version = Number((event.lastEventId || "").split(":")[0]);
    if (version && Number(el.dataset.version) >= version) return; // already on screen
    htmx.swap(el, event.data, { swapStyle: "outerHTML" });
  }

  function addCards(event) {
    const el = region();
    const list = document.querySelector("#board .cards");
    const heading = document.getElementById("board-heading");
    if (!el || !list || !heading) return;
    const template = document.createElement("template");
    template.innerHTML = event.data;
    const fresh = template.content.querySelector("#board-heading");
    if (!fresh || fresh.dataset.after !== el.dataset.version) { open(); return; }
    const version = (event.lastEventId || "").split(":")[0];
    fresh.removeAttribute("data-after");
    heading.replaceWith(fresh);
    list.append(...template.content.querySelectorAll("li"));
    el.dataset.version = version;
    el.dataset.stream = el.dataset.stream.replace(/([?&]v=)[^&]*/, "$1" + version);
  }

  function open() {
    const el = region();
    if (!el) return;
    close();
    source = new EventSource(el.dataset.stream);
    source.addEventListener("ready", () => { setHealthy(true); retryMs = 3000; watch(SILENCE_MS); });
    source.addEventListener("ping", () => watch(SILENCE_MS));
    source.addEventListener("live", (event) => { watch(SILENCE_MS); apply(event); });
    source.addEventListener("cards", (event) => { watch(SILENCE_MS); addCards(event); });
    source.onerror = () => {
      // The browser reconnects by itself with the last event's id; polling meanwhile.
      setHealthy(false);
      if (source && source.readyState === EventSource.CLOSED) giveUp();
      else watch(FIRST_EVENT_MS + retryMs);
    };
    watch(FIRST_EVENT_MS);
  }

  setHealthy(false);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", open);
  else open();
})();

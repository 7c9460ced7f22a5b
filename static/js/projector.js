// The projector's keyboard shortcuts for the facilitator: arrows change step, P pauses or
// resumes the timer, + adds a minute. Each presses the matching button of the controls form
// (which posts with htmx); the screen follows over the stream. Only the button that applies
// to the timer now is shown.
(function () {
  "use strict";
  function form() { return document.querySelector("form[data-projector-controls]"); }

  function paused() {
    const screen = document.getElementById("screen");
    return screen && screen.dataset.paused === "true";
  }

  function showTimerButton() {
    const controls = form();
    if (!controls) return;
    controls.querySelector("button[value=pause]").hidden = paused();
    controls.querySelector("button[value=resume]").hidden = !paused();
  }

  document.addEventListener("keydown", (event) => {
    const controls = form();
    if (!controls || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key === "=" ? "+" : event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const button = Array.from(controls.querySelectorAll("button[data-key]"))
      .find((candidate) => candidate.dataset.key === key && !candidate.hidden);
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  document.addEventListener("htmx:afterSettle", showTimerButton);
  document.addEventListener("DOMContentLoaded", showTimerButton);
})();

// MLA Tracker's request pages, served as a file so the Content-Security-Policy can forbid inline scripts.
// Without it the pages work the same: every field shows (each saying when it applies) and the error summary
// stays where it is drawn.
(function () {
  "use strict";

  // A field that applies to some choices of another (a refusal ground to a refusal) is shown, and sent, only
  // with them: the wrapper names the select (data-shown-with, by id) and the values (data-shown-for).
  function follow(wrapper, initial) {
    var select = document.getElementById(wrapper.dataset.shownWith);
    if (!select) { return; }
    var applies = wrapper.dataset.shownFor.split(" ").indexOf(select.value) !== -1;
    // A field refused with an error stays in sight on the page that says so.
    if (initial && wrapper.querySelector(".is-invalid")) { applies = true; }
    wrapper.hidden = !applies;
    wrapper.querySelectorAll("input, select, textarea").forEach(function (control) {
      control.disabled = !applies;
    });
  }

  function followAll(initial, selectId) {
    document.querySelectorAll("[data-shown-with]").forEach(function (wrapper) {
      if (!selectId || wrapper.dataset.shownWith === selectId) { follow(wrapper, initial); }
    });
  }

  // The summary of a refused form takes the focus, so the user (and a screen reader) meets it first; a link in it
  // puts the focus in its field.
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  function start() {
    followAll(true);
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("select[id]")) { followAll(false, event.target.id); }
    });
    focusSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());

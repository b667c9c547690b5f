/* The site's few lines of script. Every feature here has a no-JS equivalent in the HTML. */
(function () {
  "use strict";

  // Quick exit: replace this page in history so Back does not return to it.
  function exitPage(href) {
    document.body.hidden = true;
    window.location.replace(href);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-exit-page]");
    if (!link) return;
    event.preventDefault();
    exitPage(link.href);
  });
  var shiftPresses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { shiftPresses = []; return; }
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (t) { return now - t < 1500; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) {
      var link = document.querySelector("[data-exit-page]");
      if (link) exitPage(link.href);
    }
  });

  // Copy buttons: shown only when the Clipboard API is there; the text stays selectable without them.
  function setUpCopyButtons(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy-from]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-from]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.closest("[data-copy-scope], .copy-link, .letter-sheet");
    status = status ? status.querySelector("[data-copy-status]") : null;
    navigator.clipboard.writeText(source.value).then(function () {
      if (status) status.textContent = button.getAttribute("data-copied") || status.getAttribute("data-copied") || "✓";
    }, function () {
      source.focus();
      source.select();
    });
  });

  // Print the letter alone: the print stylesheet hides everything else while this class is set.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print-letter]");
    if (!button) return;
    event.preventDefault();
    document.documentElement.classList.add("print-letter-only");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("print-letter-only");
  });

  // After htmx swaps in a new step, move focus to its error summary or heading, as a page load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.target || document;
    setUpCopyButtons(root);
    var target = root.querySelector("[data-focus-on-load]") || root.querySelector("h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyButtons(document);
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  });
})();

/* The site's few lines of script. Every feature here has a no-JS equivalent in the HTML. */
(function () {
  "use strict";

  // Quick exit: replace this page in history so Back does not return to it. A campaign that turns the quick
  // exit off has no such link on any page, and then nothing here listens for it.
  function exitPage(href) {
    document.body.hidden = true;
    window.location.replace(href);
  }
  if (document.querySelector("[data-exit-page]")) {
    // On the document: a page restored from the history snapshots below gets a new link.
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
      if (shiftPresses.length >= 3) exitPage(document.querySelector("[data-exit-page]").href);
    });
  }

  // Copy buttons: shown only when the Clipboard API is there; the text stays selectable without them.
  function setUpCopyButtons(root) {
    root.querySelectorAll("[data-print-letter]").forEach(function (button) { button.hidden = false; });
    if (!navigator.clipboard) return;
    root.querySelectorAll("[data-copy-from]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-from]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var scope = source.closest("[data-copy-scope]");
    var status = scope ? scope.querySelector("[data-copy-status]") : null;
    navigator.clipboard.writeText(source.value).then(function () {
      if (status) status.textContent = button.getAttribute("data-copied") || status.getAttribute("data-copied") || "✓";
    }, function () {
      source.focus();
      source.select();
    });
  });

  // Print: the print stylesheet shows the letter alone, laid out as an appeal.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print-letter]");
    if (!button) return;
    event.preventDefault();
    window.print();
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

  // History without storage. htmx would snapshot each page into the browser's storage for Back; this site
  // turns that off (historyCacheSize: 0) because the snapshots would hold typed answers. Instead the snapshots
  // live in this variable only: Back and Forward between steps restore the answers, and they vanish with the tab.
  // Snapshots are kept by the page's path: htmx hands over a pushed URL as the server wrote it (relative to the
  // page), and a restored one as the address bar shows it.
  var snapshots = {};
  function pathOf(url) {
    var resolved = new URL(url, window.location.href);
    return resolved.pathname + resolved.search;
  }
  function keepTypedValues(from, to) {
    var source = from.querySelectorAll("input, textarea, select");
    var copy = to.querySelectorAll("input, textarea, select");
    for (var i = 0; i < source.length; i++) {
      var field = source[i], target = copy[i];
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) target.setAttribute("checked", ""); else target.removeAttribute("checked");
      } else if (field.tagName === "TEXTAREA") {
        target.textContent = field.value;
      } else if (field.tagName === "INPUT" && field.type !== "hidden") {
        target.setAttribute("value", field.value);
      }
    }
  }
  document.addEventListener("htmx:beforeHistorySave", function (event) {
    var clone = event.detail.historyElt.cloneNode(true);
    keepTypedValues(event.detail.historyElt, clone);
    snapshots[pathOf(event.detail.path)] = { html: clone.innerHTML, title: document.title };
  });
  document.addEventListener("htmx:historyCacheMiss", function (event) {
    var snapshot = snapshots[pathOf(event.detail.path)];
    if (!snapshot) return; // not seen in this tab: htmx asks the server for the whole page
    event.preventDefault();
    var root = event.detail.historyElt;
    root.innerHTML = snapshot.html;
    document.title = snapshot.title;
    sessionStorage.setItem("htmx-current-path-for-history", pathOf(event.detail.path)); // a path, never an answer
    htmx.process(root);
    setUpCopyButtons(root);
    setUpCounters(root);
    var heading = root.querySelector("h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  });

  // Answers shown after an htmx swap exist only in this page: ask before a reload or a link throws them away.
  // Plain form submissions (the download) and the quick exit are not held up.
  var holdsAnswers = false, leaving = false;
  document.addEventListener("htmx:afterSettle", function () {
    holdsAnswers = !!document.querySelector('#wizard input[name="done"][value*="route"]');
  });
  document.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute("data-hx-post")) leaving = true;
    setTimeout(function () { leaving = false; }, 1000);
  });
  window.addEventListener("beforeunload", function (event) {
    if (holdsAnswers && !leaving && !document.body.hidden) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Character count under a limited text box (the server checks the limit anyway).
  function updateCount(counter) {
    var field = document.getElementById(counter.getAttribute("data-char-count-for"));
    if (!field) return;
    var limit = parseInt(counter.getAttribute("data-limit"), 10);
    var length = field.value.length;
    counter.hidden = false;
    counter.textContent = length > limit ? counter.getAttribute("data-over")
      : counter.getAttribute("data-template").replace("{count}", String(length));
    counter.classList.toggle("char-count--over", length > limit);
  }
  function setUpCounters(root) {
    root.querySelectorAll("[data-char-count-for]").forEach(updateCount);
  }
  // The count is a live region: it is updated once typing pauses, so a screen reader is not read every key.
  var countTimer = null;
  document.addEventListener("input", function (event) {
    if (!event.target.id) return;
    var counter = document.querySelector('[data-char-count-for="' + event.target.id + '"]');
    if (!counter) return;
    clearTimeout(countTimer);
    countTimer = setTimeout(function () { updateCount(counter); }, 400);
  });
  document.addEventListener("htmx:afterSettle", function (event) { setUpCounters(event.detail.target || document); });

  document.addEventListener("DOMContentLoaded", function () {
    setUpCounters(document);
    setUpCopyButtons(document);
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  });
})();

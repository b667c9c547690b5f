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

  // Buttons that work only with a script: Print always, Copy when the Clipboard API is there (without it the
  // text stays selectable).
  function showScriptButtons(root) {
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

  // A step shown without a page load (swapped in by htmx, or restored by Back and Forward): set it up as a page
  // load would, and move focus to its error summary or heading. Its answers now exist only in this page.
  var holdsAnswers = false;
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    showScriptButtons(root);
    setUpCounters(root);
    holdsAnswers = !!document.querySelector("#wizard [data-holds-answers]");
    var target = root.querySelector("[data-focus-on-load]") || root.querySelector("h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  });

  // A step that could not be sent. The app's own error pages (a form it cannot read, from another site, too
  // large; a fault of its own) come as fragments addressed to the wizard (HX-Retarget), and htmx swaps them in
  // (responseHandling in the htmx-config) as a page load would show them. Anything else leaves the step as it
  // is, answers and all, with a message in the visitor's language, which the page carries: no connection, no
  // answer in time, or an error page the app did not write (a gateway's 502 while the site restarts, a
  // proxy's page), which is not shown in the wizard's place. Sending again is always safe: the site keeps
  // nothing, and the visitor chooses when.
  function showProblem(kind) {
    var box = document.querySelector("[data-request-problem]");
    if (!box) return;
    box.textContent = box.getAttribute("data-" + kind); // a new text in a role="alert": read out
    box.focus();
  }
  function clearProblem() {
    var box = document.querySelector("[data-request-problem]");
    if (box) box.textContent = "";
  }
  document.addEventListener("htmx:beforeRequest", clearProblem);
  document.addEventListener("htmx:sendError", function () { showProblem("offline"); });
  document.addEventListener("htmx:timeout", function () { showProblem("offline"); });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.isError && !event.detail.xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = false;
      showProblem("failed");
    }
  });

  // History without storage. htmx would snapshot each page into the browser's storage for Back; this site
  // turns that off (historyCacheSize: 0) because the snapshots would hold typed answers. Instead the snapshots
  // live in this variable only: Back and Forward between steps restore the answers, and they vanish with the tab.
  // They are kept by the path of the step they show, followed here: on Back, htmx saves the page it leaves after
  // the address bar has moved on. htmx announces each save (htmx:beforeHistorySave) though it keeps none.
  var snapshots = {};
  function pathOf(url) {
    var resolved = new URL(url, window.location.href);
    return resolved.pathname + resolved.search;
  }
  var shownPath = pathOf(window.location.href);
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
    clearProblem(); // a message about this step would be out of date when Back or Forward shows it again
    var clone = event.detail.historyElt.cloneNode(true);
    keepTypedValues(event.detail.historyElt, clone);
    snapshots[shownPath] = { html: clone.innerHTML, title: document.title };
  });
  // After a push, and after a restore htmx fetched itself, the address bar shows the step on screen.
  function followAddressBar() { shownPath = pathOf(window.location.href); }
  document.addEventListener("htmx:pushedIntoHistory", followAddressBar);
  document.addEventListener("htmx:historyRestore", followAddressBar);
  document.addEventListener("htmx:historyCacheMiss", function (event) {
    var path = pathOf(event.detail.path);
    var snapshot = snapshots[path];
    if (!snapshot) return; // not seen in this tab: htmx asks the server for the whole page
    event.preventDefault();
    shownPath = path;
    htmx.swap(event.detail.historyElt, snapshot.html, { swapStyle: "innerHTML" }, { title: snapshot.title });
  });

  // Ask before a reload or a link throws away answers that exist only in this page. A plain form submission (the
  // download) is not held up: the submit event comes just before the unload it causes, which clears the mark;
  // htmx's own submissions are cancelled (defaultPrevented) and unload nothing. The quick exit hides the body.
  var submitting = false;
  document.addEventListener("submit", function (event) {
    submitting = !event.defaultPrevented;
  });
  window.addEventListener("beforeunload", function (event) {
    var byForm = submitting;
    submitting = false;
    if (holdsAnswers && !byForm && !document.body.hidden) {
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

  document.addEventListener("DOMContentLoaded", function () {
    setUpCounters(document);
    showScriptButtons(document);
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  });
})();

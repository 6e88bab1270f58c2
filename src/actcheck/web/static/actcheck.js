/* actcheck: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");

  // Move focus to the error summary so screen-reader and keyboard users hear the errors.
  var summary = document.querySelector("[data-module='error-summary']");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) { return; }
      event.preventDefault();
      var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
      (legend || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  // "None of these" cannot be ticked together with another option.
  document.querySelectorAll("[data-module='checkboxes']").forEach(function (group) {
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) { return; }
      var exclusive = box.hasAttribute("data-exclusive");
      group.querySelectorAll("input[type='checkbox']").forEach(function (other) {
        if (other !== box && (exclusive || other.hasAttribute("data-exclusive"))) {
          other.checked = false;
        }
      });
    });
  });
})();

/* The report's waiting page: poll quietly instead of reloading, then open the file. */
(function () {
  "use strict";
  var page = document.querySelector("[data-module='report-wait']");
  if (!page || !window.fetch) { return; }
  var refresh = document.querySelector("meta[data-report-refresh]");
  if (!refresh || refresh.content.indexOf("url=") !== -1) { return; }
  refresh.parentNode.removeChild(refresh);
  var wait = page.querySelector("[data-report-wait]");
  function poll() {
    fetch(page.getAttribute("data-poll"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status || status.state === "failed" || status.state === "incomplete") {
          window.location.reload();
        } else if (status.state === "ready" && status.download) {
          window.location.reload();
        } else {
          if (wait && status.message) { wait.textContent = status.message; }
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();

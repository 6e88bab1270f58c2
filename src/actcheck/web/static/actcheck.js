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

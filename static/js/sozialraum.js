// Small helpers on top of htmx and Bootstrap; the pages work without them.
(function () {
  "use strict";

  // Work log form: show only the fields that belong to the chosen kind of work.
  function showFieldsForKind(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : "";
    form.querySelectorAll("[data-work-kinds]").forEach(function (block) {
      block.hidden = block.dataset.workKinds.split(" ").indexOf(kind) === -1;
    });
  }

  function prepare(root) {
    root.querySelectorAll("form.activity-form").forEach(function (form) {
      showFieldsForKind(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") showFieldsForKind(form);
      });
    });
  }

  // "/" jumps to the search box (as on many sites), unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    var box = document.getElementById("top-search");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && box) {
      event.preventDefault();
      box.focus();
    }
    if (event.key === "Escape" && target === box) {
      document.getElementById("top-search-results").innerHTML = "";
    }
  });

  // Forms that ask first (closing a meeting): data-confirm holds the question. No inline
  // onsubmit: the Content-Security-Policy allows no inline script.
  document.addEventListener("submit", function (event) {
    var question = event.target.dataset ? event.target.dataset.confirm : null;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("htmx:afterSwap", function (event) { prepare(event.detail.target); });
})();

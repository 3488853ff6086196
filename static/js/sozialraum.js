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
    // Fields that belong to one choice of another field (the consent's target for its scope).
    root.querySelectorAll("[data-shown-when]").forEach(function (block) {
      var form = block.closest("form");
      var name = block.dataset.shownWhen;
      if (!form || !form.elements[name]) return;
      var update = function () {
        block.hidden = block.dataset.shownValues.split(" ").indexOf(form.elements[name].value) === -1;
      };
      form.addEventListener("change", function (event) {
        if (event.target.name === name) update();
      });
      update();
    });
    // Contact pickers list only the contacts of the partner chosen in the same form.
    root.querySelectorAll("select[data-contacts-of]").forEach(function (picker) {
      var partner = picker.form && picker.form.elements[picker.dataset.contactsOf];
      if (!partner) return;
      var narrow = function () {
        Array.prototype.forEach.call(picker.options, function (option) {
          var other = option.dataset.partner && partner.value && option.dataset.partner !== partner.value;
          option.hidden = Boolean(other);
          if (other && option.selected) picker.value = "";
        });
      };
      partner.addEventListener("change", narrow);
      narrow();
    });
    // Explanations on hover and on keyboard focus (the title alone shows on hover only).
    if (window.bootstrap) {
      root.querySelectorAll("[data-bs-toggle='tooltip']").forEach(function (element) {
        window.bootstrap.Tooltip.getOrCreateInstance(element);
      });
    }
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

  // Idle timeout (WCAG 2.2.1): warn two minutes before the session ends, offer to go on; if it
  // ends anyway, keep what was typed in this tab (sessionStorage) and offer it after sign-in.
  var UNSAVED = "sozialraum-unsaved:";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function typedInput() {
    var entries = [];
    document.querySelectorAll("main form[method=post], main form[method=POST]").forEach(function (form, index) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.name === "csrfmiddlewaretoken" || /^(password|file|submit|button|hidden)$/.test(field.type)) return;
        if ((field.type === "checkbox" || field.type === "radio") && !field.checked) return;
        entries.push([index, field.name, field.value, field.type]);
      });
    });
    return entries;
  }

  function restoreInput(entries) {
    var forms = document.querySelectorAll("main form[method=post], main form[method=POST]");
    entries.forEach(function (entry) {
      var form = forms[entry[0]];
      if (!form) return;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name !== entry[1]) return;
        if (field.type === "checkbox" || field.type === "radio") { if (field.value === entry[2]) field.checked = true; }
        else field.value = entry[2];
      });
    });
  }

  function startIdleWatch() {
    var body = document.body;
    var idle = parseInt(body.dataset.sessionIdle || "0", 10);
    if (!idle) return;
    var warning = document.getElementById("session-warning");
    var dialog = warning && window.bootstrap ? window.bootstrap.Modal.getOrCreateInstance(warning) : null;
    var warnTimer, endTimer;
    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warnTimer = setTimeout(function () { if (dialog) dialog.show(); }, Math.max(idle - 120, 1) * 1000);
      endTimer = setTimeout(function () {
        var entries = typedInput();
        if (entries.length) sessionStorage.setItem(UNSAVED + location.pathname, JSON.stringify(entries));
        location.href = body.dataset.loginUrl + "?next=" + encodeURIComponent(location.pathname + location.search);
      }, idle * 1000);
    }
    document.getElementById("session-continue").addEventListener("click", function () {
      fetch(body.dataset.keepaliveUrl, { method: "POST", headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
        .then(function () { if (dialog) dialog.hide(); schedule(); });
    });
    document.addEventListener("htmx:afterRequest", function (event) {
      var headers = event.detail.requestConfig && event.detail.requestConfig.headers;
      if (!(headers && headers["X-Background"])) schedule();
    });
    schedule();

    // Input kept from a session that ended: offer it again on the same page.
    var kept = sessionStorage.getItem(UNSAVED + location.pathname);
    var banner = document.getElementById("unsaved-input");
    if (kept && banner) {
      banner.classList.remove("d-none");
      document.getElementById("unsaved-restore").addEventListener("click", function () {
        restoreInput(JSON.parse(kept));
        sessionStorage.removeItem(UNSAVED + location.pathname);
        banner.classList.add("d-none");
      });
      document.getElementById("unsaved-discard").addEventListener("click", function () {
        sessionStorage.removeItem(UNSAVED + location.pathname);
        banner.classList.add("d-none");
      });
    }
  }

  // Signing out on purpose leaves nothing typed behind in the tab.
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[action$='/abmelden/']")) {
      Object.keys(sessionStorage).forEach(function (key) { if (key.indexOf(UNSAVED) === 0) sessionStorage.removeItem(key); });
    }
  });

  // A passkey was registered (django-otp-webauthn's event): on to its recovery codes.
  document.addEventListener("otp_webauthn.register_complete", function () {
    var form = document.getElementById("passkey-registered");
    if (form) { form.submit(); }
  });

  document.addEventListener("DOMContentLoaded", function () { prepare(document); startIdleWatch(); });
  // After a swap inside a dialog the old focus is gone: put it on what the user must read
  // (the first error, else the confirmation, else the first field), so screen readers announce
  // it and Escape still closes the dialog (WCAG 2.4.3).
  function focusAfterSwap(target) {
    if (!target.closest || !target.closest(".modal")) return;
    var next = target.querySelector(".is-invalid, .alert-danger") || target.querySelector(".alert") ||
      target.querySelector("input:not([type=hidden]), select, textarea");
    if (!next) return;
    if (next.classList.contains("alert") && !next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1");
    next.focus();
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    prepare(event.detail.target);
    focusAfterSwap(event.detail.target);
  });
  // Bootstrap focuses the dialog box itself once its fade-in ends, which can be after the
  // content arrived: then move on to the first field, so typing goes where the user expects.
  document.addEventListener("shown.bs.modal", function (event) {
    if (document.activeElement !== event.target) return;
    var body = event.target.querySelector(".modal-body");
    if (body) focusAfterSwap(body);
  });
})();

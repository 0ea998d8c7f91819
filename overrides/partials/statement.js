// Copy-link buttons, absolute URLs in citations, and old-ID anchors: progressive enhancement only.
(function () {
  "use strict";

  // A permanent link as the reader will paste it: absolute, resolved against this page.
  function absolute(href) {
    return new URL(href, window.location.href).href;
  }

  // Without JavaScript a citation keeps its relative URL and says so; here we know the real address.
  document.querySelectorAll(".citation-url[data-permalink]").forEach(function (el) {
    el.textContent = absolute(el.getAttribute("data-permalink"));
  });
  document.querySelectorAll(".citation-note").forEach(function (el) { el.remove(); });

  // The visible permanent link (and so the printout) shows the full address a reader can type.
  document.querySelectorAll(".commitment-permalink a[href]").forEach(function (a) {
    a.textContent = a.href;
  });

  // Where the clipboard is blocked, the link is shown selected with the keys that copy it.
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  function fallback(button, url) {
    var box = button.parentElement.querySelector(".copy-fallback");
    if (!box) {
      box = document.createElement("span");
      box.className = "copy-fallback";
      var field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.setAttribute("aria-label", "Permanent link");
      var hint = document.createElement("span");
      hint.className = "copy-hint";
      hint.setAttribute("role", "status");
      box.appendChild(field);
      box.appendChild(hint);
      button.insertAdjacentElement("afterend", box);
    }
    var input = box.querySelector("input");
    input.value = url;
    input.size = Math.min(url.length, 60);
    box.querySelector(".copy-hint").textContent =
      "Copying was blocked: the link is selected, press " + (mac ? "⌘+C" : "Ctrl+C") + " to copy it.";
    input.focus();
    input.select();
  }

  document.querySelectorAll("button.copy-link[data-permalink]").forEach(function (button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var url = absolute(button.getAttribute("data-permalink"));
      var done = function () {
        button.textContent = "Copied";
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { fallback(button, url); });
      } else {
        fallback(button, url);
      }
    });
  });

  // An earlier ID in the address (#old-id) becomes the current one, so the heading is targeted and highlighted.
  function followAlias() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.classList.contains("alias-anchor")) {
      var box = el.closest(".commitment");
      var heading = box && box.querySelector("h2[id]");
      if (heading) window.location.replace("#" + heading.id);
    }
  }
  followAlias();
  window.addEventListener("hashchange", followAlias);
})();

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
    var note = el.parentElement.querySelector(".citation-note");
    if (note) note.remove();
  });

  // The visible permanent link (and so the printout) shows the full address a reader can type.
  document.querySelectorAll(".commitment-permalink a[href]").forEach(function (a) {
    a.textContent = a.href;
  });

  document.querySelectorAll("button.copy-link[data-permalink]").forEach(function (button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var url = absolute(button.getAttribute("data-permalink"));
      var done = function (text) {
        button.textContent = text;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () { done("Copied"); }, function () { done("Copy failed"); });
      } else {
        done("Copy failed");
      }
    });
  });

  // An earlier ID in the address (#old-id) becomes the current one, so the heading is targeted and highlighted.
  function followAlias() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return; // a malformed address (#%E0%A4%A) names no commitment: leave it
    }
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

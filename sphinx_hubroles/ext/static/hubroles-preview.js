/* sphinx-hubroles hover previews: a link to a role's card shows the role's name and summary
   in a small popover, on hover and on keyboard focus; Escape closes it.

   The summaries come from hubroles-previews.js beside this file (one file for the site, so
   that a changed summary does not rewrite every page that links to the role), keyed by the
   card's anchor. Without them a link's `title`, the role's name, is what shows. The title
   moves to `data-hubroles-preview`, so that the browser's own tooltip does not show as well,
   and the open popover is the link's accessible description (aria-describedby).

   A diagram's box that links to a card shows the same preview: its <title>, the role's name,
   is what shows without the previews file, and is removed when the preview takes over.

   A glossary's entry for a role with a card (roles-glossary) shows the summary of the same
   preview, after the role's name (and "(draft)") that the preview starts with: no page holds
   it, so that a changed summary rewrites no glossary. */
(() => {
  "use strict";
  const ID = "hubroles-preview-popover";
  const DATA = "hubroles-previews.js";
  const script = document.currentScript;
  let popover = null;
  let owner = null;
  let hideTimer = 0;

  function hide() {
    clearTimeout(hideTimer);
    if (owner) owner.removeAttribute("aria-describedby");
    if (popover) popover.remove();
    popover = owner = null;
  }

  function hideSoon() {
    // A moment to move the pointer onto the popover (to select its text, say) without losing it.
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (owner === link) return;
    hide();
    popover = document.createElement("div");
    popover.id = ID;
    popover.className = "hubroles-popover";
    popover.setAttribute("role", "tooltip");
    popover.textContent = link.dataset.hubrolesPreview;
    popover.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    popover.addEventListener("mouseleave", hideSoon);
    document.body.append(popover);
    owner = link;
    link.setAttribute("aria-describedby", ID);
    place(link);
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = popover.offsetWidth;
    const left = Math.max(4, Math.min(box.left, document.documentElement.clientWidth - width - 4));
    let top = box.bottom + 6;
    if (top + popover.offsetHeight > window.innerHeight && box.top > popover.offsetHeight + 6) {
      top = box.top - popover.offsetHeight - 6; // no room below: above the link
    }
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function anchorOf(hash) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch {
      return ""; // a malformed escape names no card
    }
  }

  function previewOf(link) {
    const previews = window.hubrolesPreviews || {};
    const anchor = link.hash ? anchorOf(link.hash) : "";
    return Object.hasOwn(previews, anchor) ? previews[anchor] : link.title;
  }

  function listen(link, preview) {
    link.dataset.hubrolesPreview = preview;
    link.addEventListener("mouseenter", () => show(link));
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("focus", () => show(link));
    link.addEventListener("blur", hide);
  }

  function boxPreview(link) {
    // An SVG link has no .hash: its href is an animated string, read as the page wrote it.
    // Only a link within the site leads to a card: a role documented elsewhere links off it.
    const href = link.href.baseVal;
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) return null;
    const previews = window.hubrolesPreviews || {};
    const anchor = anchorOf(new URL(href, document.baseURI).hash);
    return anchor && Object.hasOwn(previews, anchor) ? previews[anchor] : null;
  }

  function init() {
    for (const link of document.querySelectorAll("a.hubroles-preview[title]")) {
      listen(link, previewOf(link));
      link.removeAttribute("title");
    }
    for (const link of document.querySelectorAll(".hubroles-diagram svg g.hubroles-role > a")) {
      const preview = boxPreview(link);
      if (preview === null) continue; // not a card's box, or no previews file: the title stays
      listen(link, preview);
      const title = link.parentNode.querySelector(":scope > title");
      if (title) title.remove(); // no browser tooltip on top of the popover
    }
    fillGlossary();
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && popover) hide();
    });
  }

  function fillGlossary() {
    for (const span of document.querySelectorAll("dd span.hubroles-glossary-summary:empty")) {
      const term = span.closest("dd").previousElementSibling;
      const link = term && term.querySelector("a.hubroles-preview");
      const preview = link ? link.dataset.hubrolesPreview || "" : "";
      const name = link ? link.textContent.trim() : "";
      for (const prefix of [`${name}: `, `${name} (draft): `]) {
        if (name && preview.startsWith(prefix)) {
          span.textContent = preview.slice(prefix.length);
          break;
        }
      }
    }
  }

  function start() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  // A classic script element loads from file:// too, where fetch() would be refused.
  const data = document.createElement("script");
  data.src = new URL(DATA, script ? script.src : document.baseURI).href;
  data.addEventListener("load", start);
  data.addEventListener("error", start); // no previews file: the titles stay the previews
  document.head.append(data);
})();

/* sphinx-hubroles: in a rotation's schedule (roles-rotation) and a card's table of slots,
   mark the shifts and slots that include today, by the reader's own clock. The page itself
   never depends on the day it was built. A row without a last day (the last slot, until
   another is added) runs on. */
(() => {
  "use strict";
  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function mark() {
    const day = today();
    for (const row of document.querySelectorAll("tr.hubroles-shift")) {
      let first = "";
      let last = "";
      for (const name of row.classList) {
        if (name.startsWith("hubroles-from-")) first = name.slice(14);
        if (name.startsWith("hubroles-to-")) last = name.slice(12);
      }
      if (first <= day && (last === "" || day <= last)) {
        row.classList.add("hubroles-current");
        row.setAttribute("aria-current", "date");
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();

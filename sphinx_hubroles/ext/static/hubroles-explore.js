/* sphinx-hubroles: explore a roles-diagram in place. One file for the whole site, loaded
   (deferred) by the pages that draw a diagram, once however many they draw.

   Without this file a diagram is the picture shrunk to the column, never below 10 CSS px of
   text, scrolling sideways past that; with it, each diagram's frame becomes a window onto the
   picture. The legend and the text version say the same either way.

   - Pan: drag, a sideways wheel or Shift with the wheel, the arrow keys. Zoom: Ctrl (or Cmd)
     with the wheel, a pinch, the Zoom in, Zoom out and Fit buttons, and + - 0 while the frame
     or one of its boxes has focus. The first view fits the width, and no text is ever drawn
     below 10 CSS px: a picture that would need smaller text starts at 10 px and pans.
   - Hovering over or focusing a role's box highlights its relations and the roles at their
     other ends, and dims the rest, until the pointer leaves, focus moves on or Escape.
   - Each legend entry is a toggle button (aria-pressed) that hides or shows its type's arrows,
     with "only" beside it and "Show all" after them. The text version keeps every relation.

   The SVG names each role's id on its box (hubroles-id-<id>) and each arrow's type and ends
   (hubroles-relation-<type>, hubroles-from-<id>, hubroles-to-<id>); the legend entries name
   their type (data-hubroles-relation). */
(() => {
  "use strict";
  const MIN_TEXT_PX = 10;
  const ZOOM_STEP = 1.25;
  const MOST_ZOOM = 4; // times the larger of dot's own size and the first view
  const PAN_STEP = 0.15; // of the view, per arrow key
  const DRAG_SLOP = 4; // CSS px a press moves before it is a drag, not a click
  const WHEEL_ZOOM = 300; // wheel pixels per factor e
  const KEYS =
    "Drag or use the arrow keys to pan. Plus and minus zoom, 0 fits the width. " +
    "Escape clears the highlight of a role's relations.";
  let made = 0;

  function suffix(element, prefix) {
    for (const name of element.classList) {
      if (name.startsWith(prefix)) return name.slice(prefix.length);
    }
    return null;
  }

  function button(text, className, title) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    if (title) element.title = title;
    return element;
  }

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  class Explorer {
    constructor(diagram, frame, canvas, svg) {
      this.diagram = diagram;
      this.frame = frame;
      this.canvas = canvas;
      this.svg = svg;
      const box = svg.viewBox.baseVal;
      this.box = { x: box.x, y: box.y, width: box.width, height: box.height };
      this.natural = svg.width.baseVal.value / box.width; // CSS px per unit at dot's size
      const sizes = [...svg.querySelectorAll("text")]
        .map((text) => parseFloat(text.getAttribute("font-size")))
        .filter((size) => size > 0);
      this.least = sizes.length ? MIN_TEXT_PX / Math.min(...sizes) : 0;
      this.align = { center: 0.5, right: 1, end: 1 }[getComputedStyle(canvas).textAlign] || 0;
      this.width = 0;
      this.pointers = new Map();
      this.lit = null;
      this.hidden = new Set();
      this.roles = new Map();
      for (const role of svg.querySelectorAll("g.hubroles-role")) {
        const id = suffix(role, "hubroles-id-");
        if (id) this.roles.set(id, role);
      }
      this.edges = [...svg.querySelectorAll("g.hubroles-edge")].map((edge) => ({
        element: edge,
        type: suffix(edge, "hubroles-relation-"),
        from: suffix(edge, "hubroles-from-"),
        to: suffix(edge, "hubroles-to-"),
      }));
      diagram.classList.add("hubroles-explore");
      svg.style.minWidth = "0";
      this.addTools();
      this.addToggles();
      this.listen();
      this.fit();
    }

    addTools() {
      const id = `${this.diagram.id || "hubroles-diagram-" + made}-keys`;
      const keys = document.createElement("span");
      keys.id = id;
      keys.hidden = true;
      keys.textContent = KEYS;
      const zoom = document.createElement("span");
      zoom.className = "hubroles-diagram-zoom";
      const zoomOut = button("Zoom out", "hubroles-zoom-out", "Zoom out (-)");
      const zoomIn = button("Zoom in", "hubroles-zoom-in", "Zoom in (+)");
      const fit = button("Fit", "hubroles-zoom-fit", "Fit the width (0)");
      zoomOut.addEventListener("click", () => this.zoomBy(1 / ZOOM_STEP));
      zoomIn.addEventListener("click", () => this.zoomBy(ZOOM_STEP));
      fit.addEventListener("click", () => this.fit());
      zoom.append(zoomOut, zoomIn, fit, keys);
      let tools = this.frame.querySelector(".hubroles-diagram-tools");
      if (!tools) {
        tools = document.createElement("p");
        tools.className = "hubroles-diagram-tools";
        this.frame.prepend(tools);
      }
      tools.append(zoom);
      this.canvas.tabIndex = 0;
      this.canvas.setAttribute("aria-describedby", id);
    }

    addToggles() {
      const legend = this.frame.querySelector(".hubroles-diagram-legend");
      const entries = legend ? [...legend.querySelectorAll("li[data-hubroles-relation]")] : [];
      if (!entries.length) return;
      this.toggles = new Map();
      for (const entry of entries) {
        const type = entry.dataset.hubrolesRelation;
        const label = entry.textContent.trim();
        const toggle = button("", "hubroles-legend-toggle");
        toggle.setAttribute("aria-pressed", "true");
        toggle.title = `Hide or show the arrows of “${label}”`;
        toggle.append(...entry.childNodes);
        const only = button("only", "hubroles-legend-only");
        only.setAttribute("aria-label", `Show only ${label}`);
        entry.append(toggle, " ", only);
        toggle.addEventListener("click", () => this.show(type, this.hidden.has(type)));
        only.addEventListener("click", () => {
          for (const other of this.toggles.keys()) this.show(other, other === type);
        });
        this.toggles.set(type, toggle);
      }
      this.showAll = document.createElement("li");
      this.showAll.className = "hubroles-legend-all";
      this.showAll.hidden = true;
      const all = button("Show all", "hubroles-legend-show-all");
      all.addEventListener("click", () => {
        for (const type of this.toggles.keys()) this.show(type, true);
        this.toggles.values().next().value.focus(); // this button is gone now
      });
      this.showAll.append(all);
      legend.append(this.showAll);
      legend.setAttribute("aria-label", "Legend: press a relation type to hide or show its arrows");
    }

    show(type, shown) {
      if (shown) this.hidden.delete(type);
      else this.hidden.add(type);
      this.toggles.get(type).setAttribute("aria-pressed", String(shown));
      for (const edge of this.edges) {
        if (edge.type === type) edge.element.classList.toggle("hubroles-type-hidden", !shown);
      }
      this.showAll.hidden = this.hidden.size === 0;
      if (this.lit) this.light(this.lit);
    }

    light(id) {
      const lit = new Set([id]);
      for (const edge of this.edges) {
        const on = !this.hidden.has(edge.type) && (edge.from === id || edge.to === id);
        edge.element.classList.toggle("hubroles-lit", on);
        if (on) lit.add(edge.from).add(edge.to);
      }
      for (const [role, element] of this.roles) {
        element.classList.toggle("hubroles-lit", lit.has(role));
      }
      this.svg.classList.add("hubroles-highlighting");
      this.lit = id;
    }

    unlight() {
      if (!this.lit) return;
      this.svg.classList.remove("hubroles-highlighting");
      for (const element of this.svg.querySelectorAll(".hubroles-lit")) {
        element.classList.remove("hubroles-lit");
      }
      this.lit = null;
    }

    // The view: `scale` CSS px per unit of the picture, (x, y) the picture's point at the
    // frame's top left corner; `low` and `high` bound the scale.
    fit() {
      const full = this.frame.matches(":target");
      const box = this.box;
      this.width = this.canvas.clientWidth;
      if (!this.width) return; // not laid out (a closed <details>): fitted once it is
      let scale = Math.min(this.width / box.width, this.natural);
      if (full) {
        this.canvas.style.height = "";
        this.height = this.canvas.clientHeight;
        scale = Math.min(scale, this.height / box.height);
      }
      scale = Math.max(scale, this.least);
      if (!full) {
        this.height = Math.ceil(box.height * scale);
        this.canvas.style.height = `${this.height}px`;
      }
      const whole = Math.min(this.width / box.width, this.height / box.height);
      this.low = Math.min(scale, Math.max(this.least, whole));
      this.high = Math.max(this.natural, scale) * MOST_ZOOM;
      this.fitted = scale;
      this.scale = scale;
      this.x = box.x;
      this.y = box.y;
      this.full = full;
      this.update();
    }

    update() {
      if (!this.width) return; // not fitted yet: the picture stays as the page drew it
      const box = this.box;
      const across = this.width / this.scale;
      const down = this.height / this.scale;
      const alignX = this.full ? 0.5 : this.align;
      this.x = across >= box.width ? box.x - (across - box.width) * alignX
        : clamp(this.x, box.x, box.x + box.width - across);
      this.y = down >= box.height ? box.y - (down - box.height) * (this.full ? 0.5 : 0)
        : clamp(this.y, box.y, box.y + box.height - down);
      this.svg.setAttribute("width", String(this.width));
      this.svg.setAttribute("height", String(this.height));
      this.svg.setAttribute("viewBox", `${this.x} ${this.y} ${across} ${down}`);
      const pans = across < box.width - 0.01 || down < box.height - 0.01;
      this.canvas.classList.toggle("hubroles-pannable", pans);
    }

    zoomBy(factor, atX = this.width / 2, atY = this.height / 2) {
      const scale = clamp(this.scale * factor, this.low, this.high);
      if (!this.width || scale === this.scale) return;
      const x = this.x + atX / this.scale;
      const y = this.y + atY / this.scale;
      this.scale = scale;
      this.x = x - atX / scale;
      this.y = y - atY / scale;
      this.update();
    }

    panBy(dx, dy) {
      if (!this.width) return false;
      const [x, y] = [this.x, this.y];
      this.x += dx / this.scale;
      this.y += dy / this.scale;
      this.update();
      return Math.abs(this.x - x) > 1e-6 || Math.abs(this.y - y) > 1e-6;
    }

    reveal(element) {
      // A box reached with Tab comes into the view, with a margin.
      const view = this.canvas.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      const margin = 12;
      let dx = 0;
      let dy = 0;
      if (box.left < view.left + margin) dx = box.left - view.left - margin;
      else if (box.right > view.right - margin) dx = box.right - view.right + margin;
      if (box.top < view.top + margin) dy = box.top - view.top - margin;
      else if (box.bottom > view.bottom - margin) dy = box.bottom - view.bottom + margin;
      if (dx || dy) this.panBy(dx, dy);
    }

    at(event) {
      const view = this.canvas.getBoundingClientRect();
      return [event.clientX - view.left, event.clientY - view.top];
    }

    listen() {
      const canvas = this.canvas;
      canvas.addEventListener("keydown", (event) => this.key(event));
      canvas.addEventListener("wheel", (event) => this.wheel(event), { passive: false });
      canvas.addEventListener("pointerdown", (event) => this.down(event));
      canvas.addEventListener("pointermove", (event) => this.move(event));
      for (const name of ["pointerup", "pointercancel"]) {
        canvas.addEventListener(name, (event) => this.up(event));
      }
      // A drag that starts on a box does not follow its link, nor drag the link away.
      canvas.addEventListener("click", (event) => {
        if (this.dragged) {
          event.preventDefault();
          event.stopPropagation();
        }
        this.dragged = false;
      }, true);
      canvas.addEventListener("dragstart", (event) => event.preventDefault());
      for (const [id, role] of this.roles) {
        role.addEventListener("pointerenter", () => {
          if (!this.pointers.size) this.light(id);
        });
        role.addEventListener("pointerleave", () => {
          if (this.lit === id && !role.contains(document.activeElement)) this.unlight();
        });
      }
      canvas.addEventListener("focusin", (event) => {
        const role = event.target.closest && event.target.closest("g.hubroles-role");
        if (!role || !canvas.contains(role)) return;
        this.reveal(event.target);
        const id = suffix(role, "hubroles-id-");
        if (id) this.light(id);
      });
      canvas.addEventListener("focusout", (event) => {
        if (!event.relatedTarget || !event.relatedTarget.closest
            || !event.relatedTarget.closest("g.hubroles-role")) this.unlight();
      });
    }

    key(event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const pan = {
        ArrowLeft: [-PAN_STEP * this.width, 0],
        ArrowRight: [PAN_STEP * this.width, 0],
        ArrowUp: [0, -PAN_STEP * this.height],
        ArrowDown: [0, PAN_STEP * this.height],
      }[event.key];
      if (event.key === "+" || event.key === "=") this.zoomBy(ZOOM_STEP);
      else if (event.key === "-" || event.key === "_") this.zoomBy(1 / ZOOM_STEP);
      else if (event.key === "0") this.fit();
      else if (pan) {
        if (!this.panBy(...pan)) return; // at the edge: the page scrolls as usual
      } else {
        if (event.key === "Escape") this.unlight(); // and the hover preview closes too
        return;
      }
      event.preventDefault();
    }

    wheel(event) {
      const unit = [1, 16, this.height || 400][event.deltaMode] || 1;
      if (event.ctrlKey || event.metaKey) {
        // Ctrl with the wheel, and a touchpad's pinch, which browsers send as such.
        event.preventDefault();
        this.zoomBy(Math.exp((-event.deltaY * unit) / WHEEL_ZOOM), ...this.at(event));
        return;
      }
      const sideways = event.shiftKey ? event.deltaX || event.deltaY
        : Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : 0;
      if (sideways && this.panBy(sideways * unit, 0)) event.preventDefault();
    }

    down(event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (this.pointers.size === 1) {
        this.press = { x: event.clientX, y: event.clientY };
        this.dragging = false;
        this.dragged = false;
      } else {
        this.dragging = true; // a pinch
        this.unlight();
      }
    }

    move(event) {
      const pointer = this.pointers.get(event.pointerId);
      if (!pointer) return;
      if (this.pointers.size === 1) {
        if (!this.dragging) {
          const far = Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y);
          if (far < DRAG_SLOP) return;
          this.dragging = true;
          this.canvas.setPointerCapture(event.pointerId);
          this.canvas.classList.add("hubroles-dragging");
        }
        this.panBy(pointer.x - event.clientX, pointer.y - event.clientY);
      } else if (this.pointers.size === 2) {
        const [one, other] = [...this.pointers.values()];
        const before = Math.hypot(one.x - other.x, one.y - other.y);
        const middle = [(one.x + other.x) / 2, (one.y + other.y) / 2];
        pointer.x = event.clientX;
        pointer.y = event.clientY;
        const after = Math.hypot(one.x - other.x, one.y - other.y);
        const moved = [(one.x + other.x) / 2, (one.y + other.y) / 2];
        this.panBy(middle[0] - moved[0], middle[1] - moved[1]);
        if (before > 0) this.zoomBy(after / before, ...this.at({ clientX: moved[0], clientY: moved[1] }));
      }
      pointer.x = event.clientX;
      pointer.y = event.clientY;
    }

    up(event) {
      if (!this.pointers.delete(event.pointerId)) return;
      if (this.pointers.size === 0) {
        this.dragged = this.dragging;
        this.dragging = false;
        this.canvas.classList.remove("hubroles-dragging");
      }
    }
  }

  const explorers = [];

  function start() {
    for (const diagram of document.querySelectorAll(".hubroles-diagram")) {
      const frame = diagram.querySelector(".hubroles-diagram-frame");
      const canvas = frame && frame.querySelector(".hubroles-diagram-canvas");
      const svg = canvas && canvas.querySelector("svg.hubroles-diagram-svg");
      if (!svg || diagram.classList.contains("hubroles-explore")) continue;
      const box = svg.viewBox && svg.viewBox.baseVal;
      if (!box || !box.width || !box.height) continue; // nothing to measure: left as it is
      made += 1;
      explorers.push(new Explorer(diagram, frame, canvas, svg));
    }
    // A new width (the window, a sidebar, a <details> opened) fits each picture again unless
    // its reader has zoomed; opening or closing the full size view fits it to its new frame.
    // (Only the full size view's height is the frame's to choose; inline, this script sets it.)
    const resized = new ResizeObserver(() => {
      for (const explorer of explorers) {
        const { clientWidth: width, clientHeight: height } = explorer.canvas;
        if (width === explorer.width && (!explorer.full || height === explorer.height)) continue;
        if (!explorer.width || explorer.scale === explorer.fitted) explorer.fit();
        else {
          explorer.width = width;
          if (explorer.full) explorer.height = height;
          explorer.update();
        }
      }
    });
    for (const explorer of explorers) resized.observe(explorer.canvas);
    const refit = () => explorers.forEach((explorer) => explorer.fit());
    window.addEventListener("hashchange", refit);
    window.addEventListener("beforeprint", refit);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") explorers.forEach((explorer) => explorer.unlight());
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

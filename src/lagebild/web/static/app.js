// lagebild: small progressive enhancements; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // selects marked data-autosubmit submit their form when changed
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form && select.form.submit());
  }

  // map: zoom buttons set the SVG viewBox to a region
  const map = document.getElementById("map");
  if (map) {
    const initial = map.getAttribute("viewBox");
    for (const button of document.querySelectorAll("button[data-viewbox]")) {
      button.addEventListener("click", () => {
        map.setAttribute("viewBox", button.dataset.viewbox || initial);
        // keep the dots the same size on screen: scale radii with the zoom
        const [, , width] = (button.dataset.viewbox || initial).split(" ").map(Number);
        const [, , fullWidth] = initial.split(" ").map(Number);
        const factor = Math.max(width / fullWidth, 0.2);
        for (const dot of map.querySelectorAll("circle[data-r]")) {
          dot.setAttribute("r", (Number(dot.dataset.r) * factor).toFixed(2));
        }
        map.classList.toggle("zoomed", factor < 0.9);
      });
    }
  }

  // article: hovering a quote in the side list highlights it in the text
  for (const item of document.querySelectorAll("li[id^='quote-']")) {
    const index = item.id.slice("quote-".length);
    const parts = document.querySelectorAll(`.quote[data-quote="${CSS.escape(index)}"]`);
    item.addEventListener("mouseenter", () => parts.forEach((p) => p.classList.add("active")));
    item.addEventListener("mouseleave", () => parts.forEach((p) => p.classList.remove("active")));
  }
});

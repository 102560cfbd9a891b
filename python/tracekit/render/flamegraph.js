// Interaction for tracekit's flame graph SVG (render/flamegraph.py writes the frames):
// hover shows a frame's details, click zooms into it, "Reset Zoom" undoes that, "Search"
// (or Ctrl-F) highlights the frames whose name matches a regular expression and shows what
// share of the samples they hold. Every frame is a <g class="frame"> with data-x and data-w
// (its samples), data-depth and data-name; geometry comes from the root frame.
"use strict";
(function () {
  // The graph this script belongs to: the document itself for a standalone .svg, the
  // enclosing <svg> when the graph is inlined in a page (a notebook may hold several).
  var script = document.currentScript;
  var svg = (script && script.closest && script.closest("svg")) || document.documentElement;
  var frames = Array.prototype.slice.call(svg.querySelectorAll("g.frame"));
  var details = svg.querySelector(".details");
  var unzoom = svg.querySelector(".unzoom");
  var matchedText = svg.querySelector(".matched");
  var searchButton = svg.querySelector(".search");
  var total = parseFloat(svg.getAttribute("data-total"));
  var left = parseFloat(svg.getAttribute("data-left"));
  var span = parseFloat(svg.getAttribute("data-span"));
  var charWidth = parseFloat(svg.getAttribute("data-char-width"));
  var countName = svg.getAttribute("data-countname");
  var searchColor = "rgb(230,0,230)";

  function info(g) {
    return {x: parseFloat(g.getAttribute("data-x")), w: parseFloat(g.getAttribute("data-w")),
            depth: parseInt(g.getAttribute("data-depth"), 10), name: g.getAttribute("data-name")};
  }

  function fitLabel(g, widthPx) {
    var text = g.querySelector("text");
    var name = g.getAttribute("data-name");
    var room = Math.floor((widthPx - 6) / charWidth);
    if (room < 3) { text.textContent = ""; return; }
    text.textContent = name.length <= room ? name : name.substring(0, room - 2) + "..";
  }

  function place(g, xPx, widthPx) {
    var rect = g.querySelector("rect");
    rect.setAttribute("x", xPx.toFixed(2));
    rect.setAttribute("width", Math.max(widthPx, 0).toFixed(2));
    g.querySelector("text").setAttribute("x", (xPx + 3).toFixed(2));
    fitLabel(g, widthPx);
  }

  function percent(samples) {
    return total > 0 ? (100 * samples / total).toFixed(2) : "0.00";
  }

  function describe(g) {
    var f = info(g);
    var extra = g.getAttribute("data-delta");
    var kind = g.getAttribute("data-kind");
    return f.name + (kind === "kernel" ? " [kernel]" : "") + " (" + f.w.toLocaleString("en-US") + " " + countName + ", " + percent(f.w) + "%" +
           (extra ? ", " + extra : "") + ")";
  }

  // -- zoom -------------------------------------------------------------------------------
  function zoom(target) {
    var z = info(target);
    frames.forEach(function (g) {
      var f = info(g);
      var inside = f.depth >= z.depth && f.x >= z.x - 1e-9 && f.x + f.w <= z.x + z.w + 1e-9;
      var ancestor = f.depth < z.depth && f.x <= z.x + 1e-9 && f.x + f.w >= z.x + z.w - 1e-9;
      if (inside) {
        g.style.display = "";
        g.classList.remove("parent");
        place(g, left + (f.x - z.x) / z.w * span, f.w / z.w * span);
      } else if (ancestor) {
        g.style.display = "";
        g.classList.add("parent");
        place(g, left, span);
      } else {
        g.style.display = "none";
      }
    });
    unzoom.style.display = "";
    svg.setAttribute("data-zoomed", z.name);
  }

  function resetZoom() {
    frames.forEach(function (g) {
      var f = info(g);
      g.style.display = "";
      g.classList.remove("parent");
      place(g, left + f.x / total * span, f.w / total * span);
    });
    unzoom.style.display = "none";
    svg.removeAttribute("data-zoomed");
  }

  // -- search -----------------------------------------------------------------------------
  // Matched share: the samples of matching frames, counting a frame only once when an
  // ancestor of it matches too (intervals of samples merged by depth order).
  function search(term) {
    var re;
    try { re = new RegExp(term); } catch (e) { details.textContent = "Invalid regular expression: " + term; return null; }
    var covered = [];
    var matched = 0;
    frames.forEach(function (g) {
      var rect = g.querySelector("rect");
      var f = info(g);
      if (!re.test(f.name)) {
        rect.setAttribute("fill", rect.getAttribute("data-fill"));
        return;
      }
      rect.setAttribute("fill", searchColor);
      var within = covered.some(function (c) { return f.x >= c[0] - 1e-9 && f.x + f.w <= c[1] + 1e-9; });
      if (!within) { covered.push([f.x, f.x + f.w]); matched += f.w; }
    });
    var share = percent(matched);
    matchedText.textContent = "Matched: " + share + "%";
    matchedText.style.display = "";
    searchButton.textContent = "Reset Search";
    svg.setAttribute("data-search", term);
    return parseFloat(share);
  }

  function resetSearch() {
    frames.forEach(function (g) {
      var rect = g.querySelector("rect");
      rect.setAttribute("fill", rect.getAttribute("data-fill"));
    });
    matchedText.style.display = "none";
    searchButton.textContent = "Search";
    svg.removeAttribute("data-search");
  }

  function searchPrompt() {
    if (svg.hasAttribute("data-search")) { resetSearch(); return; }
    var term = window.prompt("Enter a search term (regular expression allowed):", "");
    if (term) search(term);
  }

  // -- wiring -----------------------------------------------------------------------------
  frames.forEach(function (g) {
    g.addEventListener("click", function () { zoom(g); });
    g.addEventListener("mouseover", function () { details.textContent = describe(g); });
    g.addEventListener("mouseout", function () { details.textContent = " "; });
  });
  unzoom.addEventListener("click", resetZoom);
  searchButton.addEventListener("click", searchPrompt);
  if (svg === document.documentElement) window.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === "f") { e.preventDefault(); searchPrompt(); }
    else if (e.key === "Escape") { resetSearch(); resetZoom(); }
  });

  // For scripts and tests: svg.tracekit.search("vfs_.*"), .zoom(frameElement)...
  svg.tracekit = {search: search, resetSearch: resetSearch, zoom: zoom, resetZoom: resetZoom};
  if (svg === document.documentElement) window.tracekitFlameGraph = svg.tracekit;
})();

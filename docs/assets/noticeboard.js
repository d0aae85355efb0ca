/* Noticeboard on every page: reading settings for older eyes, tables as cards on narrow screens,
   a name for Material's search dialog. Nothing here is needed to read a board: without it,
   the page keeps its normal size and colours and tables scroll inside their own box. */
(function () {
  "use strict";
  var root = document.documentElement;
  var LARGEST = 3;

  function read(key, fallback) {
    try { return window.localStorage.getItem(key) || fallback; } catch (e) { return fallback; }
  }
  function keep(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }
  function apply() {
    var size = read("nb-size", "0");
    var contrast = read("nb-contrast", "normal");
    root.setAttribute("data-nb-size", size);
    root.setAttribute("data-nb-contrast", contrast);
    document.querySelectorAll('[data-nb-action="contrast"]').forEach(function (button) {
      button.setAttribute("aria-pressed", contrast === "high" ? "true" : "false");
    });
    document.querySelectorAll('[data-nb-action="smaller"]').forEach(function (button) {
      button.disabled = size === "0";
    });
    document.querySelectorAll('[data-nb-action="larger"]').forEach(function (button) {
      button.disabled = size === String(LARGEST);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-nb-action]") : null;
    if (!button) return;
    var size = parseInt(read("nb-size", "0"), 10) || 0;
    var action = button.getAttribute("data-nb-action");
    if (action === "larger") keep("nb-size", String(Math.min(LARGEST, size + 1)));
    if (action === "smaller") keep("nb-size", String(Math.max(0, size - 1)));
    if (action === "contrast") keep("nb-contrast", read("nb-contrast", "normal") === "high" ? "normal" : "high");
    apply();
  });

  /* Each cell learns its column's name, so a narrow screen can show a row as a card. */
  document.querySelectorAll(".nb-table").forEach(function (box) {
    var table = box.querySelector("table");
    if (!table || !table.tHead) return;
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) cell.setAttribute("data-label", names[index]);
        });
      });
    });
    box.classList.add("nb-table--cards");
  });

  /* Material's search dialog has role="dialog" but no name (axe: aria-dialog-name). */
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", "搜索");
  });

  apply();
})();

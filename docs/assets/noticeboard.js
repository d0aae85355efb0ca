/* Noticeboard on every page: reading settings for older eyes, tables as cards on narrow screens,
   a name for Material's search dialog, where the notice period stands today. Nothing here is needed
   to read a board: without it, the page keeps its normal size and colours, tables scroll inside
   their own box, and the notice shows the period's dates alone. */
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

  /* Where the notice period stands today (notice-state.html); screen.js has the same words. */
  noticeState(Date.now());

  apply();

  /* The period is China's: "today" is the day in UTC+8, whatever the reader's clock zone says;
     both the first and the last day are in it. N counts the days left with today (the first day of
     a 7-day period: 还有 7 天); on the last day it says 今天截止. No date, no words: the dates stay alone. */
  function noticeState(now) {
    var DAY = 86400000;
    var thisDay = Math.floor((now + 8 * 3600000) / DAY);
    function day(iso) {
      var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
      return p ? Date.UTC(+p[1], +p[2] - 1, +p[3]) / DAY : NaN;
    }
    document.querySelectorAll("[data-nb-notice-start]").forEach(function (box) {
      var first = day(box.getAttribute("data-nb-notice-start"));
      var last = day(box.getAttribute("data-nb-notice-end"));
      var words = box.querySelector("[data-nb-notice-words]") || box;
      if (isNaN(first) || isNaN(last)) return;
      if (thisDay < first) words.textContent = "尚未开始（" + (first - thisDay) + " 天后开始）";
      else if (thisDay > last) words.textContent = "公示期已结束";
      else if (thisDay === last) words.textContent = "公示中（今天截止）";
      else words.textContent = "公示中（还有 " + (last - thisDay + 1) + " 天）";
      box.hidden = false;
    });
  }
})();

/* Noticeboard on every page: reading settings for older eyes, tables as cards where they do not fit,
   a name for Material's search dialog and a search of text put in without a key, where the notice
   period stands today. Nothing here is needed
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
    fitAll();
  });

  /* Tables as cards, table by table: a table stays a table while it fits its box; one that does not
     (wider than the box, or a column squeezed so narrow that its text breaks every few characters)
     shows each row as a card of "column: value". Decided again when the box's width or the text size
     changes (a phone turned, zoom, the reading settings). */
  var SQUEEZED_EM = 3; /* a column narrower than this many characters, whose text wraps, is squeezed
                          (the minimum widths in noticeboard.css keep it from happening where they work) */
  var SHORT = 4; /* characters: a cell of no more never wraps; a longer one is never narrower */

  function heading(cell) {
    /* A column heading's words; a second line (after <br>) is a qualifier: "日常记实考核（20%）". */
    var lines = [""];
    (function walk(node) {
      Array.prototype.forEach.call(node.childNodes, function (child) {
        if (child.nodeType === 3) lines[lines.length - 1] += child.textContent;
        else if (child.nodeName === "BR") lines.push("");
        else if (child.nodeType === 1 && child.getAttribute("aria-hidden") !== "true") walk(child);
      });
    })(cell);
    lines = lines.map(function (line) { return line.replace(/\s+/g, " ").trim(); }).filter(Boolean);
    return lines.length > 1 ? lines[0] + "（" + lines.slice(1).join(" ") + "）" : lines[0] || "";
  }

  function short(cell) {
    /* A name or a word of up to four characters is kept on one line ("侯宏伟", not "侯宏/伟"); short words
       apart by spaces break only there ("2024/年度"); a column of longer text is never narrower than four
       characters ("镇派出所/党支部", not "镇派出/所党支/部"), three in a heading ("数量/（名）").
       noticeboard.css sets the widths. */
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var words = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      words = words.concat(node.textContent.trim().split(/\s+/).filter(Boolean));
    }
    var longest = Math.max.apply(null, words.map(function (word) { return Array.from(word).length; }).concat([0]));
    if (Array.from(words.join("")).length <= SHORT) cell.classList.add("nb-short");
    else if (longest <= SHORT) cell.classList.add("nb-words");
    else cell.classList.add("nb-long");
  }

  function label(table) {
    /* Each data cell learns the name of the column it stands in (colspans counted); a cell that spans
       several columns gets none (no single column names it). A row of one row header and one cell
       that reaches the last column reads as "header: value" (公示得分：90.0). */
    var names = [];
    if (table.tHead && table.tHead.rows.length) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
        for (var i = 0; i < cell.colSpan; i++) names.push(heading(cell));
      });
    }
    if (table.tHead) Array.prototype.forEach.call(table.tHead.rows, function (row) {
      Array.prototype.forEach.call(row.cells, short);
    });
    var columns = names.length;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        var cells = Array.prototype.slice.call(row.cells);
        cells.forEach(function (cell) {
          var span = cell.colSpan;
          short(cell);
          var name = span === 1 ? names[column] : "";
          if (cell.tagName === "TD" && name && cell.textContent.trim()) cell.setAttribute("data-label", name);
          column += span;
        });
        var headers = cells.filter(function (cell) { return cell.tagName === "TH"; });
        var data = cells.filter(function (cell) { return cell.tagName === "TD"; });
        var alone = headers.length === 1 && data.length === 1 && cells[0] === headers[0];
        if (alone && column >= columns && (data[0].colSpan > 1 || columns <= 2)) {
          data[0].removeAttribute("data-label");
          row.classList.add("nb-row--pair");
        }
      });
    });
  }

  function wraps(cell) {
    /* Does any text in the cell run onto a second line (not a <br>: the text itself breaks)? */
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      range.selectNodeContents(node);
      var rects = range.getClientRects();
      for (var i = 1; i < rects.length; i++) {
        if (rects[i].width > 0 && rects[i].top >= rects[0].bottom - 1) return true;
      }
    }
    return false;
  }

  function squeezed(box, table) {
    if (table.offsetWidth > box.clientWidth + 1) return true;
    return Array.prototype.some.call(table.querySelectorAll(".nb-long"), function (cell) {
      var style = getComputedStyle(cell);
      var inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return inner < SQUEEZED_EM * parseFloat(style.fontSize) && wraps(cell);
    });
  }

  var boxes = Array.prototype.filter.call(document.querySelectorAll(".nb-table"), function (box) {
    var table = box.querySelector("table");
    if (!table) return false;
    label(table);
    return true;
  });
  var widths = new Map();

  function fit(which) {
    /* Every box back to a table first, then measure them all, then show the squeezed ones as cards. */
    which.forEach(function (box) { box.classList.remove("nb-table--cards"); });
    var cards = which.filter(function (box) {
      widths.set(box, box.clientWidth);
      return box.clientWidth > 0 && squeezed(box, box.querySelector("table"));
    });
    cards.forEach(function (box) { box.classList.add("nb-table--cards"); });
  }
  function fitAll() { fit(boxes); }

  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (entries) {
      var changed = entries.map(function (entry) { return entry.target; }).filter(function (box) {
        return box.clientWidth !== widths.get(box);
      });
      if (changed.length) fit(changed);
    });
    boxes.forEach(function (box) { observer.observe(box); });
  } else {
    window.addEventListener("resize", fitAll);
  }

  /* Material's search dialog has role="dialog" but no name (axe: aria-dialog-name). */
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", "搜索");
  });

  /* Material searches when a key is released in its box (keyup), not when the box's text changes: a
     name put in without a key was not searched (a word picked from a phone's candidate bar, text pasted
     from a menu or spoken). Each change is passed on as a keyup, once a word being composed is picked. */
  document.querySelectorAll("input.md-search__input").forEach(function (box) {
    function passOn() { box.dispatchEvent(new KeyboardEvent("keyup")); }
    box.addEventListener("input", function (event) { if (!event.isComposing) passOn(); });
    box.addEventListener("compositionend", passOn);
  });

  /* Where the notice period stands today (notice-state.html); screen.js has the same words. */
  noticeState(Date.now());
  sortable();

  apply();
  fitAll();
  window.addEventListener("load", fitAll); /* again once Material has wrapped the tables */

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

  /* A county's tables (data-nb-sortable): a click on a column's heading sorts the townships by it,
     largest first, a second click smallest first. The number each cell sorts by is in its data-sort;
     a township without one (数据未提供) stays last either way, and the county's total (data-nb-fixed) after it. The heading says how it is sorted (aria-sort). */
  function sortable() {
    document.querySelectorAll("table[data-nb-sortable]").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      heads.forEach(function (th, column) {
        var button = th.querySelector("button.nb-sort");
        if (!button) return;
        button.addEventListener("click", function () {
          var down = th.getAttribute("aria-sort") !== "descending";
          heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", down ? "descending" : "ascending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows).filter(function (row) { return !row.hasAttribute("data-nb-fixed"); });
          var fixed = body.querySelectorAll("tr[data-nb-fixed]");
          function value(row) {
            var text = row.cells[column] ? row.cells[column].getAttribute("data-sort") : null;
            return text === null || text === "" ? null : parseFloat(text);
          }
          rows.sort(function (a, b) {
            var x = value(a), y = value(b);
            if (x === null || y === null) return (x === null) - (y === null);
            return down ? y - x : x - y;
          });
          rows.forEach(function (row) { body.appendChild(row); });
          fixed.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }
})();

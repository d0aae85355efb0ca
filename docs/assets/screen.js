/* 电子屏: show the slides one after another, for days, without anyone touching the screen.
   Only the "hidden" attribute of existing slides changes: nothing is created, so memory stays flat.
   ?speed=N runs N times faster (tests); ?branch=ID would not be needed: /screen/ID/ is one hall's.
   The footer says where the notice period stands, checked at every turn (a screen runs past midnight). */
(function () {
  "use strict";
  var slides = document.querySelectorAll(".nb-slide");
  var clock = document.getElementById("nb-clock");
  var count = document.getElementById("nb-count");
  var seconds = Number(document.body.getAttribute("data-interval")) || 15;
  var speed = Number(new URLSearchParams(window.location.search).get("speed")) || 1;
  var DAYS = "日一二三四五六";
  var shown = 0;

  function today() {
    var now = new Date();
    return now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日 星期" + DAYS.charAt(now.getDay());
  }
  /* The same words and days as noticeboard.js: China's day (UTC+8) whatever the screen's clock zone,
     first and last day included; N counts the days left with today; the last day says 今天截止. */
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
  function show(next) {
    slides[shown].hidden = true;
    shown = next % slides.length;
    slides[shown].hidden = false;
    clock.textContent = today();
    noticeState(Date.now());
    count.textContent = shown + 1 + "/" + slides.length;
  }
  function turn() {
    show(shown + 1);
    window.setTimeout(turn, (seconds * 1000) / speed);
  }
  noticeState(Date.now());
  if (slides.length) {
    show(0);
    window.setTimeout(turn, (seconds * 1000) / speed);
  }
})();

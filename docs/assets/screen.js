/* 电子屏: show the slides one after another, for days, without anyone touching the screen.
   Only the "hidden" attribute of existing slides changes: nothing is created, so memory stays flat.
   ?speed=N runs N times faster (tests); ?branch=ID would not be needed: /screen/ID/ is one hall's. */
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
  function show(next) {
    slides[shown].hidden = true;
    shown = next % slides.length;
    slides[shown].hidden = false;
    clock.textContent = today();
    count.textContent = shown + 1 + "/" + slides.length;
  }
  function turn() {
    show(shown + 1);
    window.setTimeout(turn, (seconds * 1000) / speed);
  }
  if (slides.length) {
    show(0);
    window.setTimeout(turn, (seconds * 1000) / speed);
  }
})();

// Printable boards: choose the paper (A4/A3, portrait/landscape) and print. No network, no cookies.
(function () {
  var select = document.getElementById("nb-paper");
  var style = document.getElementById("nb-page-size");
  var root = document.documentElement;
  var sheets = document.getElementById("nb-sheets");
  var paperName = document.getElementById("nb-paper-name");
  function apply(value) {
    var parts = value.split(" ");
    root.className = "nb-" + parts[0] + " nb-" + parts[1];
    style.textContent = "@page { size: " + parts[0].toUpperCase() + " " + parts[1] + "; margin: 0; }";
    // The hint's count is the chosen orientation's (A3 prints the A4 sheets larger).
    if (sheets) sheets.textContent = sheets.getAttribute("data-" + parts[1]);
    if (paperName && select) paperName.textContent = select.options[select.selectedIndex].text;
    fit();
  }
  // On a screen narrower than a sheet, show the sheets smaller, whole (print.css; printing is unaffected).
  function fit() {
    root.style.setProperty("--nb-fit", "1");
    var shown = 0;
    var all = document.querySelectorAll(".nb-sheet");
    for (var i = 0; i < all.length && !shown; i++) shown = all[i].getBoundingClientRect().width;  // the shown orientation's
    if (!shown) return;
    var room = document.documentElement.clientWidth - 16;
    root.style.setProperty("--nb-fit", String(Math.min(1, room / shown)));
  }
  window.addEventListener("resize", fit);
  if (select) {
    select.addEventListener("change", function () { apply(select.value); });
    apply(select.value);
  } else {
    fit();  // one paper only (the county's summary): fitted to the screen all the same
  }
  var button = document.getElementById("nb-print");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
})();

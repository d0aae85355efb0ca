/* Material's search dialog has role="dialog" but no name (axe: aria-dialog-name); screen readers
   announce it as an unnamed dialog. Name it, rather than copying Material's search partial. */
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "搜索");
});

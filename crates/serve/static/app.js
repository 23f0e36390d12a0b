// memoria serve: keyboard shortcuts of the review pages (no framework).
// Ctrl+Enter (or Cmd+Enter) in a segment's translation confirms it; the page
// that comes back has the next segment focused.
document.addEventListener("keydown", function (e) {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    var form = e.target.closest && e.target.closest("form[data-confirm]");
    if (form) {
      e.preventDefault();
      form.requestSubmit();
    }
  }
});

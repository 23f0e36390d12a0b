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

// The author named at the top of a release review goes with every segment confirmed.
document.addEventListener("submit", function (e) {
  var author = document.getElementById("author");
  var hidden = e.target.querySelector && e.target.querySelector("input[type=hidden][name=author]");
  if (author && hidden) hidden.value = author.value;
});

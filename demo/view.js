// Runs while the page is parsed, before the widget starts: a reset link names the form it is for
// (?view=customer-reset or ?view=user-reset), and only that form may read the link's token.
// Without a view, both reset forms show what an incomplete link looks like.
(function () {
  const view = new URLSearchParams(location.search).get("view");
  const resets = { "customer-reset": "user-reset", "user-reset": "customer-reset" };
  const other = resets[view];
  if (!other) return;
  const section = document.getElementById(other);
  if (section) section.remove();
  const own = document.getElementById(view);
  if (own) own.scrollIntoView();
})();

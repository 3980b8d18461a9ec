// Runs while the page is parsed, before the widget starts: a reset link names the form it is for
// (?view=customer-password-reset, ?view=user-password-reset), and only that form may read the
// link's token: the other reset sections (marked data-demo-reset) leave the page. Without a view,
// every reset form shows what an incomplete link looks like.
(function () {
  const view = new URLSearchParams(location.search).get("view");
  const own = view && document.getElementById(view);
  if (!own || !own.hasAttribute("data-demo-reset")) return;
  for (const section of document.querySelectorAll("[data-demo-reset]")) {
    if (section !== own) section.remove();
  }
  own.scrollIntoView();
})();

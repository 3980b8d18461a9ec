// Start-up probe for the bench: notes when the form is interactive, that is when its inputs
// exist and a typed value is handled (a 192-character password, then leaving the field, shows
// the widget's own "at most 191 characters" error). Times are performance.now(): milliseconds
// since navigation start.
"use strict";
window.__bench = { inputsAt: null, interactiveAt: null };
const field = () => document.querySelector("wemasy-customer-password-change input[name=password]");
const watch = new MutationObserver(() => {
  const input = field();
  if (!input || window.__bench.inputsAt !== null) return;
  window.__bench.inputsAt = performance.now();
  watch.disconnect();
  const handled = new MutationObserver(() => {
    if (input.getAttribute("aria-invalid") === "true") {
      window.__bench.interactiveAt = performance.now();
      handled.disconnect();
    }
  });
  handled.observe(input, { attributes: true });
  input.value = "x".repeat(192);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new FocusEvent("blur"));
});
watch.observe(document, { childList: true, subtree: true });

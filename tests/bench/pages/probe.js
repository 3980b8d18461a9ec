// Start-up probe for the bench: notes when the form is interactive, that is when its inputs
// exist and a typed value is handled (a 192-character password, then leaving the field, shows
// the widget's own "at most 191 characters" error). Times are performance.now(): milliseconds
// since navigation start.
"use strict";
window.__bench = { loaderRanAt: null, compiledAt: null, definedAt: null, inputsAt: null, interactiveAt: null };
// The loader's steps, seen from outside: it asks for the wasm's compilation when it runs, then
// the glue defines the elements once the wasm has started.
const compileStreaming = WebAssembly.compileStreaming;
WebAssembly.compileStreaming = function (...args) {
  window.__bench.loaderRanAt ??= performance.now();
  return compileStreaming.apply(this, args).then((module) => {
    window.__bench.compiledAt ??= performance.now();
    return module;
  });
};
const define = customElements.define;
customElements.define = function (name, ...rest) {
  if (name.startsWith("wemasy-")) window.__bench.definedAt ??= performance.now();
  return define.call(this, name, ...rest);
};
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

// Start-up probe for the bench, the first script of every page it loads (a classic script, so
// that it watches the page being parsed). Times are performance.now(): milliseconds since
// navigation start.
// - paintedAt: the first frame with the form in it (the frame after its markup is in the
//   document; the bench takes the later of this and the first contentful paint);
// - liveAt: the form handles typing: a 192-character password, then leaving the field, shows the
//   widget's own "at most 191 characters" error (typed again into each new input, so into the
//   live form once the wasm has taken the painted one over);
// - lcp: the largest contentful paint so far.
"use strict";
window.__bench = {
  loaderRanAt: null, compiledAt: null, definedAt: null, inputsAt: null,
  paintedAt: null, liveAt: null, lcp: null,
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
}).observe({ type: "largest-contentful-paint", buffered: true });
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
const field = () => document.querySelector(".wemasy-form input[name=password]");
let typedInto = null;
const watch = new MutationObserver(() => {
  const input = field();
  if (!input || input === typedInto) return;
  if (window.__bench.inputsAt === null) {
    window.__bench.inputsAt = performance.now();
    requestAnimationFrame(() => { window.__bench.paintedAt = performance.now(); });
  }
  typedInto = input;
  const handled = new MutationObserver(() => {
    if (input.getAttribute("aria-invalid") === "true") {
      window.__bench.liveAt ??= performance.now();
      handled.disconnect();
      watch.disconnect();
    }
  });
  handled.observe(input, { attributes: true });
  input.value = "x".repeat(192);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new FocusEvent("blur"));
});
watch.observe(document, { childList: true, subtree: true });

// Scale probe for the bench: mounts `?forms=N` change-password forms through the JS API and
// notes how long that took and what memory the page holds before and after.
import { mount, memoryBytes } from "/dist/wemasy-auth.js";

const count = Number(new URLSearchParams(location.search).get("forms") || "1");
// The bench starts Chromium with --expose-gc: heap figures after a collection, not garbage.
const heap = () => {
  if (window.gc) window.gc();
  return performance.memory ? performance.memory.usedJSHeapSize : null;
};
const before = { heap: heap(), wasm: memoryBytes() };
const main = document.getElementById("forms");
const started = performance.now();
for (let i = 0; i < count; i += 1) {
  const host = document.createElement("section");
  main.append(host);
  mount(host, "customer-password-change", { username: "jane@example.com" });
}
const mountMs = performance.now() - started;
// Measured once the page has settled.
setTimeout(() => {
  const inputs = document.querySelectorAll("#forms input[name=password]").length;
  window.__scale = { count, inputs, mountMs, before, after: { heap: heap(), wasm: memoryBytes() } };
}, 200);

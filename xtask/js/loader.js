/* The module loader, shipped as dist/wemasy-auth.js. For whoever works on it: `cargo xtask dist`
   drops this header and ships the rest as written (not minified), with the hashed files' names
   in place of {wasm}, {css} and {js}, and the wasm's memory export under its shortened name in
   place of MEMORY_EXPORT.

   It is what `import "@wemasy/auth-widget"` and `import { mount } from "…/wemasy-auth.js"` load
   (a page embedding by HTML uses wemasy-auth-embed.js). It loads the hashed files next to it, so
   they can be cached forever while this one stays small and short-lived. Every file is named by
   a literal `new URL("./…", import.meta.url)` or `import("./…")`, so that bundlers (Vite,
   webpack, Rollup, Parcel) copy the files and rewrite the addresses, while unbundled (a CDN, a
   copied folder) they resolve beside the loader. It does not add modulepreload links for the
   glue's own imports: a bundle has no such files (the head tags of dist/head.html preload them
   for an unbundled page). */
// Wemasy auth widget, as a module: `import { mount } from "…/wemasy-auth.js"`, or import it
// for the <wemasy-customer-password-change> and other elements. (A page that embeds the forms by
// HTML includes wemasy-auth-embed.js instead: its forms paint with the page.)
// The wasm first (compiled while it downloads; a server that does not say application/wasm gets
// the slower path), then the stylesheet and the glue code, all at once.
const wasmUrl = new URL("./{wasm}", import.meta.url);
const wasmModule = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
  fetch(wasmUrl).then((response) => response.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));
if (!document.querySelector("link[data-wemasy-css], link[rel=stylesheet][href$='wemasy-auth.css']")) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("./{css}", import.meta.url).href;
  css.dataset.wemasyCss = "";
  document.head.append(css);
}
const bindings = await import("./{js}");
const wasm = await bindings.default({ module_or_path: await wasmModule });
export const mount = bindings.mount;
export const mountedCount = bindings.mountedCount;
// The size of the widget's WebAssembly memory in bytes: for diagnostics and the bench.
export const memoryBytes = () => wasm.MEMORY_EXPORT.buffer.byteLength;

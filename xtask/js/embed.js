// Wemasy auth widget: the embedding script. In the page's <head>, before the stylesheet:
//   <script src="…/wemasy-auth-embed.js"></script>
//   <link rel="stylesheet" href="…/wemasy-auth.css">
// Then use <wemasy-customer-password-change> and the other elements anywhere in the page.
//
// A classic script, not a module: it runs while the page is parsed, before its first paint. It
// defines the elements at once, and each one is filled with its form's markup as the parser
// reaches it, so the form paints with the page. That markup was rendered at build time by the
// widget's own component, through its server rendering (`examples/prerender.rs`); only the
// words are filled in here: the page's language and the page's own `strings`. Meanwhile the
// wasm loads; once it runs, each element gets its live form in place of the painted one, with
// what was typed or filled in, the focus and the caret, and a submission asked for before (Enter,
// the button) goes through then. Nothing is ever submitted natively.
//
// cargo xtask dist fills in DATA (examples/prerender.rs's output) and the hashed file names.
(() => {
  const registry = Symbol.for("wemasy-auth");
  if (globalThis[registry]) return;
  const { forms, words, filed, names, attributes } = DATA;
  const script = document.currentScript;
  const base = script ? script.src : document.baseURI;
  // Every element in the page, and those of them painted, waiting for the wasm; the wasm's
  // callbacks once it runs.
  const waiting = new Set();
  const painted = new Set();
  let live = null;
  let count = 0;
  const up = Symbol();

  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  // The words as the wasm picks them (`choose_words` in src/domain/text.rs): the language of the
  // element's `lang`, else the page's, if the bundle carries it or the page loaded its language
  // file (wemasy-auth-de.js); else English, marked with the tag asked for when the page brings
  // its own `strings` for a language the widget does not speak.
  const own = (table, key) => !!table && Object.prototype.hasOwnProperty.call(table, key);
  const wordsOf = (element, strings) => {
    const asked = (element.getAttribute("lang") || document.documentElement.lang || "").trim();
    const primary = asked.split(/[-_]/)[0].toLowerCase();
    if (own(words, primary)) return [primary, words[primary]];
    const isFiled = filed.includes(primary);
    const loaded = globalThis[Symbol.for("wemasy-auth-words")];
    if (isFiled && own(loaded, primary)) return [primary, loaded[primary]];
    const brought = asked && !isFiled && Object.keys(strings).length;
    return [brought ? asked : "en", words.en];
  };
  // The page's `strings`, when they are a JSON object (the wasm judges them; here a bad one
  // only means the built-in words).
  const stringsOf = (element) => {
    try {
      const strings = JSON.parse(element.getAttribute("strings") || "{}");
      return strings && typeof strings === "object" ? strings : {};
    } catch {
      return {};
    }
  };

  function paint(element) {
    const markup = forms[element.localName.slice("wemasy-".length)];
    // Painted before (removed and added back): its form, with what was typed, is still there.
    if (element.querySelector("form input[id^='wemasy-p']")) return void painted.add(element);
    // Something the page put there itself (content of its own): the wasm mounts the form.
    if (!markup || element.firstElementChild) return;
    const strings = stringsOf(element);
    const [lang, theirs] = wordsOf(element, strings);
    const id = `wemasy-p${(count += 1)}-`;
    const word = (name) =>
      [strings[name], theirs[name]].find((text) => typeof text === "string") ?? words.en[name];
    const slot = (name) => (name === "#" ? id : escape(name === "lang" ? lang : word(name)));
    try {
      element.innerHTML = markup.map((part, index) => (index % 2 ? slot(part) : part)).join("");
    } catch {
      // A page that enforces Trusted Types: the wasm renders the form when it runs.
      return;
    }
    const form = element.querySelector("form");
    // Enter or the button before the wasm runs: nothing leaves the page; the wasm submits it.
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      form.dataset.wemasySubmit = "";
    });
    // The server's rendering disables the button until its form is live; here this script
    // holds a submission for the wasm instead.
    form.querySelector("button[type=submit]").disabled = false;
    painted.add(element);
  }

  for (const name of names) {
    if (customElements.get(name)) continue;
    customElements.define(
      name,
      class extends HTMLElement {
        static get observedAttributes() {
          return attributes;
        }
        connectedCallback() {
          this[up] = true;
          if (live) return live.connected(this);
          waiting.add(this);
          paint(this);
        }
        // Before the wasm runs, a changed attribute is read when it mounts the form.
        attributeChangedCallback(_, before, now) {
          if (before !== now && this[up] && live) live.changed(this);
        }
        // A move is a disconnect and a connect in one task: only a real removal unmounts.
        disconnectedCallback() {
          queueMicrotask(() => {
            if (this.isConnected) return;
            this[up] = false;
            waiting.delete(this);
            painted.delete(this);
            if (live) live.disconnected(this);
          });
        }
      },
    );
  }

  // The live form in place of the painted one. The wasm renders it synchronously; then what the
  // person did goes into it: each value through the input's own handler, as if typed (an empty
  // one is left alone, so a reset link's address stays), the focus and the caret (an `email`
  // input has none to read), and a submission asked for, through the live form's own button.
  function takeOver(element, connected) {
    const inputs = () => element.querySelectorAll("form input[name]:not([readonly])");
    const typed = [...inputs()].map((input) => {
      let caret = null;
      try {
        if (input === document.activeElement) caret = [input.selectionStart, input.selectionEnd];
      } catch {}
      return { name: input.name, value: input.value, focused: input === document.activeElement, caret };
    });
    const submit = element.querySelector("form[data-wemasy-submit]") !== null;
    connected(element);
    for (const input of inputs()) {
      const before = typed.find((t) => t.name === input.name);
      if (!before) continue;
      if (before.value) {
        input.value = before.value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (before.focused) {
        input.focus();
        // Again once the form's own handlers have run (its value binding moves the caret).
        const caret = () => {
          try {
            if (before.caret && before.caret[0] !== null) input.setSelectionRange(...before.caret);
          } catch {}
        };
        caret();
        // Unless the person typed on in the meantime.
        setTimeout(() => input.value === before.value && document.activeElement === input && caret());
      }
    }
    // Only through a button the live form shows (a reset link without its token has none).
    const button = element.querySelector("form button[type=submit]");
    if (submit && button && !button.closest("[hidden]")) button.click();
  }

  // The wasm's start function calls this in place of defining the elements itself.
  globalThis[registry] = {
    start(connected, disconnected, changed) {
      live = { connected, disconnected, changed };
      // The painted ones keep what was done in them; any other (not painted: Trusted Types, or
      // content of the page's own) gets its form now.
      for (const element of waiting) {
        if (!element[up]) continue;
        if (painted.has(element)) takeOver(element, connected);
        else connected(element);
      }
      waiting.clear();
      painted.clear();
    },
  };

  // The wasm first (compiled while it downloads), then the stylesheet if the page has none, and
  // the glue code.
  const url = (file) => new URL(file, base);
  // A tab opened in the background runs no frames: there the wasm starts after 100 ms anyway.
  const firstFrame = new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
  const wasm = WebAssembly.compileStreaming(fetch(url("./{wasm}"))).catch(() =>
    fetch(url("./{wasm}"))
      .then((response) => response.arrayBuffer())
      .then((bytes) => WebAssembly.compile(bytes)),
  );
  // Once the page is parsed: its own stylesheet link may come after this script (it should, so
  // that this script does not wait for the stylesheet before the forms are painted).
  const stylesheet = () => {
    if (document.querySelector("link[data-wemasy-css], link[rel=stylesheet][href$='wemasy-auth.css']")) return;
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = url("./{css}").href;
    css.dataset.wemasyCss = "";
    document.head.append(css);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", stylesheet);
  else stylesheet();
  // The wasm starts after the page's first frame: its painted forms need nothing from it to be
  // seen, and its start (instantiating, taking the forms over) would otherwise hold that frame.
  import(url("./{js}"))
    .then(async (bindings) => {
      const module = await wasm;
      await firstFrame;
      return bindings.default({ module_or_path: module });
    })
    .catch((error) => {
      // No wasm in this browser (or the files are missing): a form that cannot work is not
      // left looking as if it could.
      console.error("wemasy: the widget could not start:", error);
      for (const element of painted) element.replaceChildren();
      painted.clear();
      waiting.clear();
    });
})();

// Generated from the widget's Rust declarations by its `cargo test`: do not edit.

/** A form of the widget: its element is `<wemasy-${FormKind}>`. */
export type FormKind = "customer-password-change" | "customer-password-reset" | "user-password-change" | "user-password-reset" | "user-email-change";

/** The name of one of the widget's strings, for the `strings` option. */
export type StringName =
  | "current-password"
  | "new-password"
  | "confirm-new-password"
  | "email"
  | "new-email"
  | "confirm-new-email"
  | "change-password"
  | "changing-password"
  | "set-new-password"
  | "saving-password"
  | "send-confirmation"
  | "sending"
  | "wait-seconds"
  | "wait-minutes"
  | "show-password"
  | "caps-lock-on"
  | "error-prefix"
  | "required"
  | "too-long"
  | "invalid-email"
  | "passwords-differ"
  | "emails-differ"
  | "password-edge-space"
  | "password-changed"
  | "password-was-reset"
  | "email-change-sent"
  | "signed-out-everywhere"
  | "session-expired"
  | "not-signed-in"
  | "not-allowed"
  | "too-many-attempts"
  | "try-again-in-one-second"
  | "try-again-in-seconds"
  | "try-again-in-one-minute"
  | "try-again-in-minutes"
  | "try-again-later"
  | "wait-not-said"
  | "unreachable"
  | "no-answer-in-time"
  | "connection-lost"
  | "answer-unreadable"
  | "outcome-unknown-password"
  | "outcome-unknown-email"
  | "storage-blocked"
  | "server-trouble"
  | "unexpected-answer"
  | "token-not-saved"
  | "link-incomplete"
  | "link-invalid"
  | "request-new-link"
  | "go-to-sign-in";

/** A language the widget speaks (a tag such as `de-AT` is read as `de`). German and French
 * come with their language files (`wemasy-auth-de.js`, `@wemasy/auth-widget/de`). Any other
 * tag brings a language of the page's own, with every string in `strings`. */
export type Lang = "en" | "nl" | "de" | "fr";

/** `mount()`'s options: the elements' attributes, in camelCase. */
export interface MountOptions {
  /** The API's base URL: https://, http:// only to this machine, or a path on this site. Default `/api`. */
  apiBase?: string;
  /** The `localStorage` key of the Bearer token. Default `wemasy.customer_token` or `wemasy.user_token`. */
  tokenKey?: string;
  /** The signed-in account's name, offered to password managers. */
  username?: string;
  /** The shop's project id (the webshop reset form needs it). */
  projectId?: number | string;
  /** Where "go to sign in" leads after a reset. */
  signInUrl?: string;
  /** Where "request a new link" leads when a reset link is incomplete or expired. */
  requestResetUrl?: string;
  /** The language tag; default the page's `<html lang>`. One the widget does not speak needs every string in `strings` (English for those missing, named in the console). */
  lang?: Lang | (string & {});
  /** How long a request may take, in seconds from 1 to 300. Default 15. */
  timeout?: number | string;
  /** The page's own wording for the widget's strings, by name. */
  strings?: Partial<Record<StringName, string>>;
}

/** A form mounted with `mount()`. */
export interface MountHandle {
  /** Takes the form out of the page and frees what it held; calling it twice is harmless. */
  unmount(): void;
  /** Frees the handle itself (the form stays). */
  free(): void;
}

/**
 * Mounts form `kind` into `element`, replacing what is in it. A bad kind or configuration
 * throws, and is also shown in place of the form.
 */
export function mount(element: HTMLElement, kind: FormKind, options?: MountOptions): MountHandle;
/** How many forms are mounted now. */
export function mountedCount(): number;
/** The size of the widget's WebAssembly memory in bytes. */
export function memoryBytes(): number;

/** Every event's `detail`, by event name. */
export interface WemasyEventDetailMap {
  /** The form is in the page and can be used. */
  "wemasy-auth:ready": { form: FormKind };
  /** The form did what it is for. */
  "wemasy-auth:success": { form: FormKind; message: string };
  /** The stored token was replaced or removed. The token itself never travels in an event. */
  "wemasy-auth:token-changed": { form: FormKind; key: string; persisted: boolean; removed: boolean };
  /** The server no longer accepts the token: the user must sign in again. */
  "wemasy-auth:unauthenticated": { form: FormKind; key: string };
  /** The server asked to wait. */
  "wemasy-auth:rate-limited": { form: FormKind; seconds: number | null };
  /** Anything else went wrong. */
  "wemasy-auth:error": { form: FormKind; message: string };
}

/** An event of the widget: bubbles from the form's element (or fires on `document` once it has left). */
export type WemasyEvent<K extends keyof WemasyEventDetailMap> = CustomEvent<WemasyEventDetailMap[K]>;

/** One of the widget's elements; it is configured by its attributes. */
export interface WemasyFormElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    "wemasy-customer-password-change": WemasyFormElement;
    "wemasy-customer-password-reset": WemasyFormElement;
    "wemasy-user-password-change": WemasyFormElement;
    "wemasy-user-password-reset": WemasyFormElement;
    "wemasy-user-email-change": WemasyFormElement;
  }
  interface GlobalEventHandlersEventMap {
    "wemasy-auth:ready": WemasyEvent<"wemasy-auth:ready">;
    "wemasy-auth:success": WemasyEvent<"wemasy-auth:success">;
    "wemasy-auth:token-changed": WemasyEvent<"wemasy-auth:token-changed">;
    "wemasy-auth:unauthenticated": WemasyEvent<"wemasy-auth:unauthenticated">;
    "wemasy-auth:rate-limited": WemasyEvent<"wemasy-auth:rate-limited">;
    "wemasy-auth:error": WemasyEvent<"wemasy-auth:error">;
  }
}

//! What a form tells its host: DOM events bubbling from a custom element, or the handlers a Leptos
//! app gives the component.

use std::sync::Arc;

/// Something the host page may want to react to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WidgetEvent {
    /// The form is in the page and can be used.
    Ready,
    /// The form did what it is for; `message` is what the user was shown.
    Success { message: String },
    /// The stored token changed (replaced or removed). The token itself never travels in an event.
    TokenChanged { persisted: bool, removed: bool },
    /// The server no longer accepts the token: the user must sign in again.
    Unauthenticated,
    /// The server asked to wait; `seconds` when it said how long.
    RateLimited { seconds: Option<u64> },
    /// Anything else went wrong; `message` is what the user was shown.
    Error { message: String },
}

impl WidgetEvent {
    /// The DOM event name.
    pub fn name(&self) -> &'static str {
        match self {
            WidgetEvent::Ready => "wemasy-auth:ready",
            WidgetEvent::Success { .. } => "wemasy-auth:success",
            WidgetEvent::TokenChanged { .. } => "wemasy-auth:token-changed",
            WidgetEvent::Unauthenticated => "wemasy-auth:unauthenticated",
            WidgetEvent::RateLimited { .. } => "wemasy-auth:rate-limited",
            WidgetEvent::Error { .. } => "wemasy-auth:error",
        }
    }
}

/// A value in an event's `detail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailValue {
    Text(String),
    Flag(bool),
    /// A number of seconds, or `null` when not known.
    Seconds(Option<u64>),
}

/// One kind of event as a page sees it: what the package's TypeScript declarations and
/// custom-elements manifest say, written from here.
#[cfg(any(test, feature = "internals"))]
pub struct EventKind {
    pub name: &'static str,
    pub about: &'static str,
    /// The fields of `detail` besides `form` (which every event has): name, TypeScript type, what it is.
    pub detail: &'static [(&'static str, &'static str, &'static str)],
}

#[cfg(any(test, feature = "internals"))]
const KEY: (&str, &str, &str) = ("key", "string", "The `localStorage` key of the token.");
#[cfg(any(test, feature = "internals"))]
const MESSAGE: (&str, &str, &str) = ("message", "string", "What the user was shown.");

/// Every kind of event, in the order [`WidgetEvent`] declares them (a test holds the two together).
#[cfg(any(test, feature = "internals"))]
pub const EVENT_KINDS: &[EventKind] = &[
    EventKind { name: "wemasy-auth:ready", about: "The form is in the page and can be used.", detail: &[] },
    EventKind { name: "wemasy-auth:success", about: "The form did what it is for.", detail: &[MESSAGE] },
    EventKind {
        name: "wemasy-auth:token-changed",
        about: "The stored token was replaced or removed. The token itself never travels in an event.",
        detail: &[
            KEY,
            (
                "persisted",
                "boolean",
                "The new token is in `localStorage` (false: the browser refused it; it lasts as long as the page).",
            ),
            ("removed", "boolean", "The token was removed: the server no longer accepts it."),
        ],
    },
    EventKind {
        name: "wemasy-auth:unauthenticated",
        about: "The server no longer accepts the token: the user must sign in again.",
        detail: &[KEY],
    },
    EventKind {
        name: "wemasy-auth:rate-limited",
        about: "The server asked to wait.",
        detail: &[("seconds", "number | null", "How long, when the server said.")],
    },
    EventKind { name: "wemasy-auth:error", about: "Anything else went wrong.", detail: &[MESSAGE] },
];

impl WidgetEvent {
    /// The event's `detail` besides `form`, in [`EVENT_KINDS`]' order, handed to `put` field by
    /// field; `token_key` is where the form's token lives. (Handed over rather than returned as a
    /// `Vec`: 0.1 KB brotli less.)
    pub fn detail(&self, token_key: &str, mut put: impl FnMut(&'static str, DetailValue)) {
        match self {
            WidgetEvent::Ready => {}
            WidgetEvent::Success { message } | WidgetEvent::Error { message } => {
                put("message", DetailValue::Text(message.clone()))
            }
            WidgetEvent::TokenChanged { persisted, removed } => {
                put("key", DetailValue::Text(token_key.to_owned()));
                put("persisted", DetailValue::Flag(*persisted));
                put("removed", DetailValue::Flag(*removed));
            }
            WidgetEvent::Unauthenticated => put("key", DetailValue::Text(token_key.to_owned())),
            WidgetEvent::RateLimited { seconds } => put("seconds", DetailValue::Seconds(*seconds)),
        }
    }
}

/// A function that hears one kind of event: a closure given to a component's `on_…` property.
/// A plain shared function rather than a Leptos `Callback`, which lives in the form's reactive
/// owner: a request that outlives its form (a password change that revokes every older token)
/// still reports its fresh token through it.
pub struct Handler<T>(Arc<dyn Fn(T) + Send + Sync>);

impl<T> Clone for Handler<T> {
    fn clone(&self) -> Self {
        Handler(Arc::clone(&self.0))
    }
}

impl<T, F: Fn(T) + Send + Sync + 'static> From<F> for Handler<T> {
    fn from(hear: F) -> Self {
        Handler(Arc::new(hear))
    }
}

impl<T> Handler<T> {
    pub(crate) fn call(&self, value: T) {
        (self.0)(value)
    }
}

/// Hears every event of one form: the custom elements turn them into DOM events, the component
/// hands them to the app's [`Handlers`]. A [`Handler`] of every kind of event at once, handed a
/// reference (no event is copied to be heard).
#[derive(Clone)]
pub struct EventSink(Arc<dyn Fn(&WidgetEvent) + Send + Sync>);

impl EventSink {
    pub fn new(hear: impl Fn(&WidgetEvent) + Send + Sync + 'static) -> EventSink {
        EventSink(Arc::new(hear))
    }

    pub fn tell(&self, event: &WidgetEvent) {
        (self.0)(event)
    }
}

/// What a `token-changed` event says: the token itself is never handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenChanged {
    /// The new token is in `localStorage` (`false`: the browser refused it; it lasts as long as
    /// the page).
    pub persisted: bool,
    /// The token was removed: the server no longer accepts it.
    pub removed: bool,
}

/// The handlers a Leptos app gave a form, one per kind of event; `None` hears nothing.
#[derive(Clone, Default)]
pub struct Handlers {
    pub on_success: Option<Handler<String>>,
    pub on_token_changed: Option<Handler<TokenChanged>>,
    pub on_unauthenticated: Option<Handler<()>>,
    pub on_rate_limited: Option<Handler<Option<u64>>>,
    pub on_error: Option<Handler<String>>,
}

impl Handlers {
    /// Hands `event` to the handler of its kind.
    pub fn hear(&self, event: &WidgetEvent) {
        fn call<T>(handler: &Option<Handler<T>>, value: T) {
            if let Some(handler) = handler {
                handler.call(value);
            }
        }
        match event {
            WidgetEvent::Ready => {}
            WidgetEvent::Success { message } => call(&self.on_success, message.clone()),
            WidgetEvent::TokenChanged { persisted, removed } => {
                call(&self.on_token_changed, TokenChanged { persisted: *persisted, removed: *removed })
            }
            WidgetEvent::Unauthenticated => call(&self.on_unauthenticated, ()),
            WidgetEvent::RateLimited { seconds } => call(&self.on_rate_limited, *seconds),
            WidgetEvent::Error { message } => call(&self.on_error, message.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// One event of every kind, in declaration order.
    fn one_of_each() -> Vec<WidgetEvent> {
        // A new kind of event fails to compile here until it has a sample below and a kind in
        // EVENT_KINDS.
        let _every_kind = |event: &WidgetEvent| match event {
            WidgetEvent::Ready
            | WidgetEvent::Success { .. }
            | WidgetEvent::TokenChanged { .. }
            | WidgetEvent::Unauthenticated
            | WidgetEvent::RateLimited { .. }
            | WidgetEvent::Error { .. } => (),
        };
        vec![
            WidgetEvent::Ready,
            WidgetEvent::Success { message: "done".into() },
            WidgetEvent::TokenChanged { persisted: true, removed: false },
            WidgetEvent::Unauthenticated,
            WidgetEvent::RateLimited { seconds: None },
            WidgetEvent::Error { message: "down".into() },
        ]
    }

    #[test]
    fn every_event_is_declared_with_the_detail_it_carries() {
        let events = one_of_each();
        assert_eq!(events.len(), EVENT_KINDS.len());
        for (event, kind) in events.iter().zip(EVENT_KINDS) {
            assert_eq!(event.name(), kind.name);
            let mut sent = Vec::new();
            event.detail("k", |field, value| sent.push((field, value)));
            let fields: Vec<&str> = sent.iter().map(|(field, _)| *field).collect();
            let declared: Vec<&str> = kind.detail.iter().map(|(field, _, _)| *field).collect();
            assert_eq!(fields, declared, "{}", kind.name);
            for (field, value) in sent {
                let ts = kind.detail.iter().find(|(f, _, _)| *f == field).map(|(_, ts, _)| *ts);
                let expected = match value {
                    DetailValue::Text(_) => "string",
                    DetailValue::Flag(_) => "boolean",
                    DetailValue::Seconds(_) => "number | null",
                };
                assert_eq!(ts, Some(expected), "{}.{field}", kind.name);
            }
        }
    }

    #[test]
    fn each_event_reaches_the_handler_of_its_kind_only() {
        let heard = Arc::new(Mutex::new(Vec::<String>::new()));
        let log = |kind: &'static str| {
            let heard = Arc::clone(&heard);
            move |what: String| heard.lock().unwrap().push(format!("{kind}: {what}"))
        };
        let (success, token, unauthenticated, limited, error) =
            (log("success"), log("token"), log("unauthenticated"), log("limited"), log("error"));
        let handlers = Handlers {
            on_success: Some(success.into()),
            on_token_changed: Some((move |t: TokenChanged| token(format!("{t:?}"))).into()),
            on_unauthenticated: Some((move |()| unauthenticated(String::new())).into()),
            on_rate_limited: Some((move |s: Option<u64>| limited(format!("{s:?}"))).into()),
            on_error: Some(error.into()),
        };
        for event in [
            WidgetEvent::Ready,
            WidgetEvent::Success { message: "done".into() },
            WidgetEvent::TokenChanged { persisted: true, removed: false },
            WidgetEvent::Unauthenticated,
            WidgetEvent::RateLimited { seconds: Some(30) },
            WidgetEvent::Error { message: "down".into() },
        ] {
            handlers.hear(&event);
        }
        assert_eq!(
            *heard.lock().unwrap(),
            [
                "success: done",
                "token: TokenChanged { persisted: true, removed: false }",
                "unauthenticated: ",
                "limited: Some(30)",
                "error: down",
            ]
        );
        // No handlers: every event is dropped quietly.
        Handlers::default().hear(&WidgetEvent::Success { message: "x".into() });
    }
}

//! What the widget tells the host page, as DOM events bubbling from the form's element.

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

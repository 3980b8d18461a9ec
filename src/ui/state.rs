//! The state of one mounted form and what happens to it: checking, submitting, and applying an
//! outcome. Every decision is the core's; this wires its verdicts to signals.

use super::Strings;
use crate::domain::answer::{Outcome, TokenChange, no_answer};
use crate::domain::config::Config;
use crate::domain::events::WidgetEvent;
use crate::domain::request::RequestBody;
use crate::domain::rules::{check_field, check_form, server_trim};
use crate::domain::spec::{Auth, FormSpec, SuccessKind};
use crate::domain::text::{Msg, Text, rate_limit_wait};
use crate::shell::{http, storage};
use leptos::html::Input;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::time::Duration;

/// How a notice is announced and coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Done as asked (`role="status"`).
    Success,
    /// Nothing wrong, but the user must wait (`role="status"`).
    Waiting,
    /// Something went wrong (`role="alert"`).
    Error,
}

/// A message for the whole form, optionally with a link (to sign in, to request a new link).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub tone: Tone,
    pub lines: Vec<Msg>,
    pub link: Option<(Text, String)>,
}

impl Notice {
    pub fn success(lines: Vec<Msg>) -> Notice {
        Notice { tone: Tone::Success, lines, link: None }
    }

    pub fn error(lines: Vec<Msg>) -> Notice {
        Notice { tone: Tone::Error, lines, link: None }
    }

    pub fn waiting(lines: Vec<Msg>) -> Notice {
        Notice { tone: Tone::Waiting, lines, link: None }
    }

    pub fn is_error(&self) -> bool {
        self.tone == Tone::Error
    }

    /// Adds a link with `text` to `url`, when there is a URL.
    pub fn with_link(mut self, text: Text, url: Option<&String>) -> Notice {
        self.link = url.map(|url| (text, url.clone()));
        self
    }

    pub fn text(&self, strings: &Strings) -> String {
        self.lines.iter().map(|line| strings.render(line)).collect::<Vec<_>>().join(" ")
    }
}

/// One field's state.
#[derive(Clone, Copy)]
pub struct FieldState {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<Msg>>,
    /// Edited since the form appeared: only then does leaving the field show its errors.
    pub touched: RwSignal<bool>,
    pub input: NodeRef<Input>,
}

/// What a submit sends.
#[derive(Clone)]
pub struct Submission {
    pub url: String,
    pub bearer: Option<String>,
    pub body: RequestBody,
    pub timeout: Duration,
    /// Cancels the request when the form goes away.
    pub abort: SendWrapper<web_sys::AbortController>,
}

/// What a form keeps outside the reactive graph: its handlers read and write it, nothing shows
/// it. One stored value rather than one per item: each stored type adds its own copy of the
/// storage code to the bundle.
struct Kept {
    fields: Vec<FieldState>,
    countdown: Option<IntervalHandle>,
    /// A fresh token that storage refused to keep: it still serves this page.
    unsaved_token: Option<String>,
    config: Config,
    /// The token of the reset link, kept out of the DOM.
    reset_token: Option<String>,
    strings: Strings,
    /// The request under way, aborted if the form is removed meanwhile.
    in_flight: Option<SendWrapper<web_sys::AbortController>>,
}

/// Everything a mounted form holds; `Copy`, so every handler can have it.
#[derive(Clone, Copy)]
pub struct FormState {
    pub spec: &'static FormSpec,
    pub notice: RwSignal<Option<Notice>>,
    pub wait_seconds: RwSignal<Option<u64>>,
    /// The form's job is done (a reset link was used): only the notice remains.
    pub done: RwSignal<bool>,
    submitted_once: RwSignal<bool>,
    kept: StoredValue<Kept>,
    on_event: Option<Callback<WidgetEvent>>,
}

impl FormState {
    pub fn new(
        spec: &'static FormSpec,
        config: Config,
        reset_token: Option<String>,
        prefill_email: Option<String>,
        strings: Strings,
        on_event: Option<Callback<WidgetEvent>>,
    ) -> FormState {
        let email_field = spec.link_email_field();
        let fields = (0..spec.fields.len())
            .map(|index| FieldState {
                value: RwSignal::new(if Some(index) == email_field {
                    prefill_email.clone().unwrap_or_default()
                } else {
                    String::new()
                }),
                error: RwSignal::new(None),
                touched: RwSignal::new(false),
                input: NodeRef::new(),
            })
            .collect();
        let state = FormState {
            spec,
            notice: RwSignal::new(None),
            wait_seconds: RwSignal::new(None),
            done: RwSignal::new(false),
            submitted_once: RwSignal::new(false),
            kept: StoredValue::new(Kept {
                fields,
                countdown: None,
                unsaved_token: None,
                config,
                reset_token,
                strings,
                in_flight: None,
            }),
            on_event,
        };
        if let Auth::Bearer(realm) = spec.auth {
            let key = state.kept.with_value(|k| k.config.token_key(realm).to_owned());
            // Another tab stored a token (its own change, or a new sign-in): it is newer than a
            // fresh one this page kept in memory because storage refused it then.
            let listener = window_event_listener(leptos::ev::storage, move |event| {
                if event.key().as_deref() == Some(key.as_str()) && event.new_value().is_some() {
                    state.kept.try_update_value(|k| k.unsaved_token = None);
                }
            });
            on_cleanup(move || listener.remove());
        }
        on_cleanup(move || {
            state.stop_countdown();
            if let Some(Some(request)) = state.kept.try_with_value(|k| k.in_flight.clone()) {
                request.abort();
            }
        });
        state
    }

    pub fn field(&self, index: usize) -> Option<FieldState> {
        self.kept.with_value(|k| k.fields.get(index).copied())
    }

    fn values(&self) -> Vec<String> {
        self.kept.with_value(|k| k.fields.iter().map(|f| f.value.get_untracked()).collect())
    }

    fn emit(&self, event: WidgetEvent) {
        if let Some(on_event) = self.on_event {
            on_event.run(event);
        }
    }

    /// Re-judges the field at `index` against the rules.
    pub fn recheck(&self, index: usize) {
        let values = self.values();
        if let (Some(state), Some(field)) = (self.field(index), self.spec.fields.get(index)) {
            state.error.set(check_field(self.spec, field, &values));
        }
    }

    /// After typing: an error already shown follows the input, and so does a complaining
    /// confirmation of this field.
    pub fn on_input(&self, index: usize) {
        let Some(state) = self.field(index) else { return };
        state.touched.set(true);
        if state.error.with_untracked(Option::is_some) {
            self.recheck(index);
        }
        let confirmation =
            self.spec.fields.get(index).and_then(|field| self.spec.confirmation_of(field.name));
        if let Some(confirmation) = confirmation
            && self.field(confirmation).is_some_and(|c| c.error.with_untracked(Option::is_some))
        {
            self.recheck(confirmation);
        }
    }

    /// Leaving a field shows its error once the user has typed in it or tried to submit. It never
    /// removes one (typing does), so the layout does not move under a pointer on its way to a
    /// button; and when focus goes to the submit button, the submit does the checking.
    pub fn on_blur(&self, index: usize, to_submit: bool) {
        let Some(field) = self.field(index) else { return };
        let engaged = field.touched.get_untracked() || self.submitted_once.get_untracked();
        if to_submit || !engaged || field.error.with_untracked(Option::is_some) {
            return;
        }
        self.recheck(index);
    }

    fn focus_first_error(&self) {
        let first = self.kept.with_value(|k| {
            k.fields
                .iter()
                .find(|f| f.error.with_untracked(Option::is_some))
                .and_then(|f| f.input.get_untracked())
        });
        if let Some(input) = first {
            let _ = input.focus();
        }
    }

    /// Checks everything and builds the request, or says why nothing can be sent.
    pub fn prepare(&self) -> Option<Submission> {
        self.submitted_once.set(true);
        let values = self.values();
        let verdicts = check_form(self.spec, &values);
        let invalid = verdicts.iter().any(Option::is_some);
        self.kept.with_value(|k| {
            for (field, verdict) in k.fields.iter().zip(verdicts) {
                field.error.set(verdict);
            }
        });
        if invalid {
            self.notice.set(None);
            self.focus_first_error();
            return None;
        }
        let bearer = match self.spec.auth {
            Auth::Public => None,
            Auth::Bearer(realm) => {
                // A fresh token storage refused comes first: storage still holds the revoked one.
                // Otherwise read at the moment of sending: another tab may have swapped it since.
                let token = self.kept.with_value(|k| {
                    k.unsaved_token.clone().or_else(|| storage::read_token(k.config.token_key(realm)))
                });
                let Some(token) = token else {
                    self.notice.set(Some(Notice::error(vec![Msg::Text(Text::NotSignedIn)])));
                    return None;
                };
                Some(token)
            }
        };
        self.notice.set(None);
        let abort = web_sys::AbortController::new().ok().map(SendWrapper::new)?;
        self.kept.update_value(|k| k.in_flight = Some(abort.clone()));
        Some(self.kept.with_value(|k| Submission {
            url: k.config.url(self.spec.endpoint),
            bearer,
            body: RequestBody::new(self.spec, &values, k.reset_token.as_deref(), k.config.project_id),
            timeout: Duration::from_secs(u64::from(k.config.timeout_seconds)),
            abort,
        }))
    }

    /// After a 401: the token stored now, if another tab has replaced the one `sent` since.
    pub fn newer_token(&self, sent: Option<&str>) -> Option<String> {
        let Auth::Bearer(realm) = self.spec.auth else { return None };
        // What storage holds is older than a fresh token it refused to keep.
        let stored = self
            .kept
            .try_with_value(|k| match k.unsaved_token {
                Some(_) => None,
                None => storage::read_token(k.config.token_key(realm)),
            })
            .flatten()?;
        (Some(stored.as_str()) != sent).then_some(stored)
    }

    /// Shows what the answer means. Runs after an await, so the form may be gone.
    pub fn apply(&self, result: Result<Outcome, http::NoAnswer>) {
        // Unmounted while the request was under way: nothing is left to show it in, and the
        // stored values below are gone (reading them would panic).
        if self.kept.try_update_value(|k| k.in_flight = None).is_none() {
            return;
        }
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(no) => {
                return self.fail(Notice::error(vec![no_answer(self.spec, no == http::NoAnswer::TimedOut)]));
            }
        };
        let notice = match outcome {
            Outcome::Success { message, token } => self.succeed(message, token),
            Outcome::Rejected { fields: verdicts, summary } => {
                self.kept.try_with_value(|k| {
                    for (field, verdict) in k.fields.iter().zip(verdicts) {
                        field.error.try_set(verdict);
                    }
                });
                self.focus_first_error();
                (!summary.is_empty()).then(|| Notice::error(summary))
            }
            Outcome::Unauthenticated => {
                self.emit(WidgetEvent::Unauthenticated);
                Some(Notice::error(vec![Msg::Text(Text::SessionExpired)]))
            }
            Outcome::RateLimited { message, wait_seconds } => {
                self.emit(WidgetEvent::RateLimited { seconds: wait_seconds });
                let (wait_said, seconds) = rate_limit_wait(wait_seconds);
                if seconds > 0 {
                    self.start_countdown(seconds);
                }
                let said = message.map_or(Msg::Text(Text::TooManyAttempts), Msg::Server);
                Some(Notice::waiting(vec![said, wait_said]))
            }
            Outcome::InvalidLink { .. } => {
                let url = self.kept.with_value(|k| k.config.request_reset_url.clone());
                let notice = Notice::error(vec![Msg::Text(Text::LinkInvalid)])
                    .with_link(Text::RequestNewLink, url.as_ref());
                return self.fail(notice);
            }
            Outcome::Failed(message) => return self.fail(Notice::error(vec![message])),
        };
        self.notice.try_set(notice);
    }

    /// Shows an error for the whole form and tells the page.
    fn fail(&self, notice: Notice) {
        let message = self.kept.with_value(|k| notice.text(&k.strings));
        self.emit(WidgetEvent::Error { message });
        self.notice.try_set(Some(notice));
    }

    fn succeed(&self, message: Option<String>, token: Option<TokenChange>) -> Option<Notice> {
        let values = self.values();
        self.kept.try_with_value(|k| {
            for field in &k.fields {
                field.value.try_set(String::new());
                field.error.try_set(None);
                field.touched.try_set(false);
            }
        });
        self.submitted_once.try_set(false);
        let config = self.kept.with_value(|k| k.config.clone());
        let said = |fallback: Text| message.clone().map_or(Msg::Text(fallback), Msg::Server);
        let notice = match (self.spec.success, token) {
            (_, Some(TokenChange::Replace(fresh))) => {
                let key = match self.spec.auth {
                    Auth::Bearer(realm) => config.token_key(realm),
                    Auth::Public => return None,
                };
                let persisted = storage::write_token(key, &fresh);
                self.kept.try_update_value(|k| k.unsaved_token = (!persisted).then_some(fresh));
                self.emit(WidgetEvent::TokenChanged { persisted, removed: false });
                let mut lines = vec![said(Text::PasswordChanged)];
                if !persisted {
                    lines.push(Msg::Text(Text::TokenNotSaved));
                }
                Notice::success(lines)
            }
            (_, Some(TokenChange::Revoked)) => {
                if let Auth::Bearer(realm) = self.spec.auth {
                    storage::remove_token(config.token_key(realm));
                }
                self.kept.try_update_value(|k| k.unsaved_token = None);
                self.emit(WidgetEvent::TokenChanged { persisted: true, removed: true });
                self.emit(WidgetEvent::Unauthenticated);
                return Some(Notice::error(vec![Msg::Text(Text::SignedOutEverywhere)]));
            }
            (SuccessKind::PasswordReset, None) => {
                self.done.try_set(true);
                Notice::success(vec![said(Text::PasswordWasReset)])
                    .with_link(Text::GoToSignIn, config.sign_in_url.as_ref())
            }
            (SuccessKind::EmailChangeRequested, None) => {
                let new_address = values.first().map(|v| server_trim(v).to_owned()).unwrap_or_default();
                Notice::success(vec![Msg::With(Text::EmailChangeSent, new_address)])
            }
            (SuccessKind::SwapToken | SuccessKind::Changed, None) => {
                Notice::success(vec![said(Text::PasswordChanged)])
            }
        };
        // The page may have removed the form when it heard of the new token.
        let message = self.kept.try_with_value(|k| notice.text(&k.strings))?;
        self.emit(WidgetEvent::Success { message });
        Some(notice)
    }

    fn stop_countdown(&self) {
        if let Some(Some(handle)) = self.kept.try_update_value(|k| k.countdown.take()) {
            handle.clear();
        }
    }

    /// Counts `seconds` down to zero in `wait_seconds`, once a second, then clears it.
    fn start_countdown(&self, seconds: u64) {
        self.stop_countdown();
        self.wait_seconds.try_set(Some(seconds));
        let state = *self;
        let tick = move || {
            let left = state.wait_seconds.try_get_untracked().flatten().unwrap_or(0).saturating_sub(1);
            state.wait_seconds.try_set((left > 0).then_some(left));
            if left == 0 {
                state.stop_countdown();
            }
        };
        if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            self.kept.try_update_value(|k| k.countdown = Some(interval));
        }
    }
}

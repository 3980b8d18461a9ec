//! The state of one mounted form and the request it sends. Every decision is the core's
//! ([`crate::domain::rules`], [`crate::domain::session`], [`crate::domain::verdict`]); this holds
//! signals, sends, and applies verdicts.

use super::Strings;
use crate::domain::answer::{NoAnswer, Outcome, interpret, no_answer};
use crate::domain::config::Config;
use crate::domain::events::EventSink;
use crate::domain::request::RequestBody;
use crate::domain::rules::{check_field, check_form};
use crate::domain::session::{self, Kept, Stored};
use crate::domain::spec::{Auth, FormSpec};
use crate::domain::text::{Msg, wait_label};
use crate::domain::verdict::{
    Attempt, Context, Fields, LATE_ANSWER_SECONDS, Notice, Remembered, Verdict, decide, next_tick_ms, seconds_left,
    try_again,
};
use crate::shell::{http, storage};
use leptos::html::Input;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// One field's state.
#[derive(Clone, Copy)]
pub struct FieldState {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<Msg>>,
    /// Edited since the form appeared: only then does leaving the field show its errors.
    pub touched: RwSignal<bool>,
    pub input: NodeRef<Input>,
}

/// What a form keeps outside the reactive graph: its handlers read and write it, nothing shows
/// it. One stored value rather than one per item: each stored type adds its own copy of the
/// storage code to the bundle.
struct Parts {
    fields: Vec<FieldState>,
    config: Config,
    /// The token of the reset link, kept out of the DOM.
    reset_token: Option<String>,
    strings: Strings,
    events: Option<EventSink>,
    /// The request under way: aborted if the form is removed meanwhile, unless it outlives it.
    in_flight: Option<SendWrapper<Rc<Request>>>,
    /// Submit stays disabled until then (ms since the Unix epoch), and the next tick of its
    /// countdown.
    wait_until_ms: Option<u64>,
    tick: Option<TimeoutHandle>,
}

/// Everything a mounted form holds; `Copy`, so every handler can have it.
#[derive(Clone, Copy)]
pub struct FormState {
    pub spec: &'static FormSpec,
    pub notice: RwSignal<Option<Notice>>,
    /// While a rate limit's wait lasts, what the button says ("Wait 52 min"). A `Msg`, not the
    /// seconds: one signal value type fewer is 0.56 KB brotli of reactive code less.
    pub waiting: RwSignal<Option<Msg>>,
    /// A request is under way and not given up on.
    pub pending: RwSignal<bool>,
    /// The form's job is done (a reset link was used): only the notice remains.
    pub done: RwSignal<bool>,
    /// The form runs in the browser with everything from the page; false while server-rendered
    /// markup waits to be taken over.
    pub live: RwSignal<bool>,
    submitted_once: RwSignal<bool>,
    parts: StoredValue<Parts>,
}

/// A request on its way, and what it needs once the answer arrives, even if its form is gone by
/// then: a password change that revoked every token must still store the fresh one.
struct Request {
    spec: &'static FormSpec,
    url: String,
    body: RequestBody,
    /// What its verdict needs of what was typed (no password: those are in `body` only).
    remembered: Remembered,
    token_key: Option<String>,
    config: Config,
    strings: Strings,
    events: Option<EventSink>,
    abort: web_sys::AbortController,
    /// The form stopped waiting for the answer (its timeout).
    given_up: Cell<bool>,
    timer: Cell<Option<TimeoutHandle>>,
}

impl Request {
    fn emit(&self, verdict: &Verdict) {
        if let Some(sink) = &self.events {
            for event in &verdict.events {
                sink.tell(event);
            }
        }
    }

    fn stop_timer(&self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }

    /// What storage and the page hold for this request's token now (nothing for a public form).
    fn token_now(&self) -> (Stored, Option<Kept>) {
        match self.token_key.as_deref() {
            Some(key) => (storage::read(key), storage::kept(key)),
            None => (Stored::Nothing, None),
        }
    }

    /// Judges `outcome` given the token situation `now` (read once the answer is in), applies
    /// what concerns the token, and returns the verdict.
    fn judge(
        &self,
        outcome: Outcome,
        sent: Option<&str>,
        shown: bool,
        now: (Stored, Option<Kept>),
    ) -> Verdict {
        let (stored, kept) = now;
        let ctx = Context {
            spec: self.spec,
            config: &self.config,
            catalog: &self.strings.0,
            remembered: &self.remembered,
            sent,
            stored: &stored,
            kept: kept.as_ref(),
            shown,
            now_ms: http::now_ms(),
        };
        let verdict = decide(&ctx, outcome);
        let Some(key) = &self.token_key else { return verdict };
        // The shell says whether storage took the fresh token; the core says what follows.
        let verdict = match storage::write(key, &verdict.storage) {
            Ok(()) => verdict,
            Err(storage::Refused) => verdict.storage_refused(&stored, &self.strings.0),
        };
        storage::keep(key, &verdict);
        verdict
    }
}

impl FormState {
    pub fn new(
        spec: &'static FormSpec,
        config: Config,
        reset_token: Option<String>,
        prefill_email: Option<String>,
        strings: Strings,
        events: Option<EventSink>,
        live: bool,
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
            waiting: RwSignal::new(None),
            pending: RwSignal::new(false),
            done: RwSignal::new(false),
            live: RwSignal::new(live),
            submitted_once: RwSignal::new(false),
            parts: StoredValue::new(Parts {
                fields,
                config,
                reset_token,
                strings,
                events,
                in_flight: None,
                wait_until_ms: None,
                tick: None,
            }),
        };
        on_cleanup(move || {
            let Some((tick, request)) = state.parts.try_update_value(|p| (p.tick.take(), p.in_flight.take()))
            else {
                return;
            };
            if let Some(tick) = tick {
                tick.clear();
            }
            if let Some(request) = request
                && !request.spec.success.outlives_form()
            {
                request.stop_timer();
                request.abort.abort();
            }
        });
        state
    }

    /// Takes in what the page adds to a form rendered without it: the configuration with its
    /// URLs resolved against the page, and the reset link (its token kept, its address filled in,
    /// or the notice of a link without a token). What was typed or filled in before stays, and
    /// counts as typed. Then the form can be submitted.
    pub fn adopt(&self, setup: crate::shell::setup::Setup) {
        let crate::shell::setup::Setup { config, reset_link, .. } = setup;
        let email_field = self.spec.link_email_field();
        for (index, field) in self.fields().iter().enumerate() {
            let typed = field.input.get_untracked().map(|input| input.value()).unwrap_or_default();
            if !typed.is_empty() {
                field.value.set(typed);
                field.touched.set(true);
            } else if Some(index) == email_field
                && let Some(email) = &reset_link.email
            {
                field.value.set(email.clone());
            }
        }
        let opening = crate::domain::verdict::opening_notice(self.spec, &config, reset_link.token.is_some());
        self.parts.update_value(|p| {
            p.config = config;
            p.reset_token = reset_link.token;
        });
        if let Some(notice) = opening {
            self.end_with(notice);
        }
        self.live.set(true);
    }

    /// Shows why the page's configuration is refused, in place of the fields and the button; the
    /// form never becomes live.
    pub fn refuse(&self, problem: String) {
        self.end_with(Notice::error(vec![Msg::Server(problem)]));
    }

    /// Leaves only `notice`: there is nothing (more) to send.
    pub fn end_with(&self, notice: Notice) {
        self.notice.set(Some(notice));
        self.done.set(true);
    }

    /// The fields' states, copied out. Every read of the fields goes through here: each closure
    /// given to the arena's accessors adds its own copy of them to the bundle. Signals are then
    /// set and focus moved outside the arena's lock, which a handler they wake may need.
    fn fields(&self) -> Vec<FieldState> {
        self.parts.try_with_value(|p| p.fields.clone()).unwrap_or_default()
    }

    pub fn field(&self, index: usize) -> Option<FieldState> {
        self.fields().get(index).copied()
    }

    fn values(&self) -> Vec<String> {
        self.fields().iter().map(|f| f.value.get_untracked()).collect()
    }

    /// The request under way; `None` once the form is gone.
    fn in_flight(&self) -> Option<Option<SendWrapper<Rc<Request>>>> {
        self.parts.try_with_value(|p| p.in_flight.clone())
    }

    /// Whether the form is still mounted.
    fn alive(&self) -> bool {
        self.in_flight().is_some()
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
        let fields = self.fields();
        let first = fields.iter().find(|f| f.error.with_untracked(Option::is_some));
        if let Some(input) = first.and_then(|f| f.input.get_untracked()) {
            let _ = input.focus();
        }
    }

    /// Submits, unless a request is under way, the server asked to wait, or the input is not
    /// acceptable (then says why).
    pub fn submit(&self) {
        let waiting = self
            .parts
            .with_value(|p| p.wait_until_ms)
            .is_some_and(|until| seconds_left(until, http::now_ms()).is_some());
        // Not live: server-rendered markup whose configuration the browser has not checked yet.
        // Done: only a notice is left (a reset link without its token, a refusal), nothing to send.
        if self.pending.get_untracked() || waiting || !self.live.get_untracked() || self.done.get_untracked() {
            return;
        }
        if let Some((request, bearer)) = self.prepare() {
            self.send(request, bearer);
        }
    }

    /// Checks everything and builds the request, or says why nothing can be sent.
    fn prepare(&self) -> Option<(Rc<Request>, Option<String>)> {
        self.submitted_once.set(true);
        let values = self.values();
        let verdicts = check_form(self.spec, &values);
        let invalid = verdicts.iter().any(Option::is_some);
        for (field, verdict) in self.fields().iter().zip(verdicts) {
            field.error.set(verdict);
        }
        if invalid {
            self.notice.set(None);
            self.focus_first_error();
            return None;
        }
        let token_key = match self.spec.auth {
            Auth::Bearer(realm) => Some(self.parts.with_value(|p| p.config.token_key_of(realm).to_owned())),
            Auth::Public => None,
        };
        // Read at the moment of sending: another tab may have swapped the token since.
        let bearer = match &token_key {
            None => None,
            Some(key) => match session::to_send(&storage::read(key), storage::kept(key).as_ref()) {
                Ok(token) => Some(token),
                Err(why) => {
                    self.notice.set(Some(Notice::error(vec![Msg::Text(why)])));
                    return None;
                }
            },
        };
        let abort = web_sys::AbortController::new().ok()?;
        self.notice.set(None);
        let request = self.parts.with_value(|p| Request {
            spec: self.spec,
            url: p.config.url(self.spec.endpoint),
            body: RequestBody::new(self.spec, &values, p.reset_token.as_deref(), p.config.project_id),
            remembered: Remembered::of(self.spec, &values),
            token_key,
            config: p.config.clone(),
            strings: p.strings.clone(),
            events: p.events.clone(),
            abort,
            given_up: Cell::new(false),
            timer: Cell::new(None),
        });
        Some((Rc::new(request), bearer))
    }

    /// Sends `request` and applies its answer. A request that must outlive its form (a password
    /// change that revokes every token) is neither aborted when the form goes nor when the form
    /// stops waiting for it: its fresh token is still stored and announced.
    fn send(self, request: Rc<Request>, bearer: Option<String>) {
        self.pending.set(true);
        self.parts.update_value(|p| p.in_flight = Some(SendWrapper::new(Rc::clone(&request))));
        self.arm_timeout(&request, Duration::from_secs(u64::from(request.config.timeout_seconds)));
        leptos::task::spawn_local(async move {
            let mut bearer = bearer;
            let mut retried = false;
            let outcome = loop {
                let answer =
                    http::post(&request.url, bearer.as_deref(), &request.body, &request.abort.signal()).await;
                let outcome = answer.map_or_else(no_answer, |answer| interpret(request.spec, &answer));
                // Read once per answer, for the retry and the verdict alike.
                let now = request.token_now();
                let attempt = if retried {
                    Attempt::Retried
                } else if self.superseded(&request) {
                    Attempt::Superseded
                } else {
                    Attempt::First
                };
                let retry = try_again(&outcome, attempt, bearer.as_deref(), &now.0, now.1.as_ref());
                match retry {
                    Some(token) => {
                        bearer = Some(token);
                        retried = true;
                    }
                    None => break (outcome, now),
                }
            };
            let (outcome, now) = outcome;
            request.stop_timer();
            let shown = self.shows(&request);
            let verdict = request.judge(outcome, bearer.as_deref(), shown, now);
            if shown {
                self.show(&verdict);
            }
            // Last: a handler may remove the form.
            request.emit(&verdict);
        });
    }

    /// Whether the form has sent another request since `request`.
    fn superseded(&self, request: &Rc<Request>) -> bool {
        self.in_flight().flatten().is_some_and(|current| !Rc::ptr_eq(&current, request))
    }

    /// Whether the answer to `request` is still for the user to see.
    fn shows(&self, request: &Rc<Request>) -> bool {
        !request.given_up.get()
            && self.in_flight().flatten().is_some_and(|current| Rc::ptr_eq(&current, request))
    }

    /// After `after`, the form stops waiting: it says the outcome is not known and can be used
    /// again. A request that outlives its form goes on (up to [`LATE_ANSWER_SECONDS`]) so that a
    /// late fresh token is still stored; any other is aborted.
    fn arm_timeout(self, request: &Rc<Request>, after: Duration) {
        let weak = Rc::downgrade(request);
        let fire = move || {
            let Some(request) = weak.upgrade() else { return };
            let first = !request.given_up.replace(true);
            if first && request.spec.success.outlives_form() {
                self.arm_timeout(&request, Duration::from_secs(LATE_ANSWER_SECONDS));
            } else {
                request.abort.abort();
            }
            if first && self.alive() {
                let verdict = request.judge(no_answer(NoAnswer::TimedOut), None, true, request.token_now());
                self.show(&verdict);
                request.emit(&verdict);
            }
        };
        if let Ok(timer) = set_timeout_with_handle(fire, after) {
            request.timer.set(Some(timer));
        }
    }

    /// Shows `verdict` in the form. Runs after an await or a timer, so the form may be gone.
    fn show(&self, verdict: &Verdict) {
        if !self.alive() {
            return;
        }
        self.pending.try_set(false);
        self.parts.try_update_value(|p| p.in_flight = None);
        for (index, field) in self.fields().iter().enumerate() {
            match &verdict.fields {
                Fields::Keep => {}
                Fields::Clear => {
                    field.value.try_set(String::new());
                    field.error.try_set(None);
                    field.touched.try_set(false);
                }
                Fields::Errors(errors) => {
                    field.error.try_set(errors.get(index).cloned().flatten());
                }
            }
        }
        if verdict.fields == Fields::Clear {
            self.submitted_once.try_set(false);
        }
        if verdict.done {
            self.done.try_set(true);
        }
        self.notice.try_set(verdict.notice.clone());
        if verdict.focus_first_error {
            self.focus_first_error();
        }
        if let Some(until) = verdict.wait_until_ms {
            self.tick(until);
        }
    }

    /// Shows the seconds left of the wait until `until`, and comes back when the next one has
    /// passed. Ends by itself when the wait is over or the form is gone; a removed form clears it
    /// at once.
    fn tick(self, until: u64) {
        let Some(previous) = self.parts.try_update_value(|p| {
            p.wait_until_ms = Some(until);
            p.tick.take()
        }) else {
            return;
        };
        if let Some(previous) = previous {
            previous.clear();
        }
        let now = http::now_ms();
        let left = seconds_left(until, now);
        self.waiting.try_set(left.map(wait_label));
        if left.is_none() {
            return;
        }
        if let Ok(handle) =
            set_timeout_with_handle(move || self.tick(until), Duration::from_millis(next_tick_ms(until, now)))
            && self.parts.try_update_value(|p| p.tick = Some(handle)).is_none()
        {
            handle.clear();
        }
    }
}

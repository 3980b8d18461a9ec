//! The one renderer every form uses: it takes a [`FormSpec`] and shows its fields, checks them,
//! submits, and turns the answer into messages on the right fields.

use super::field::Field;
use super::submit::SubmitButton;
use crate::domain::answer::{Outcome, TokenChange, interpret};
use crate::domain::config::Config;
use crate::domain::events::WidgetEvent;
use crate::domain::request::RequestBody;
use crate::domain::rules::{check_field, check_form};
use crate::domain::spec::{Auth, FormSpec};
use crate::domain::text::{Msg, Text};
use crate::shell::{http, storage};
use leptos::html::Input;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Gives each mounted form its own element ids.
static FORMS_MOUNTED: AtomicUsize = AtomicUsize::new(0);

/// A message for the whole form.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Notice {
    is_error: bool,
    lines: Vec<Msg>,
}

impl Notice {
    fn success(lines: Vec<Msg>) -> Notice {
        Notice { is_error: false, lines }
    }

    fn error(lines: Vec<Msg>) -> Notice {
        Notice { is_error: true, lines }
    }
}

/// One field's state.
#[derive(Clone, Copy)]
struct FieldState {
    value: RwSignal<String>,
    error: RwSignal<Option<Msg>>,
    /// Edited since the form appeared: only then does leaving the field show its errors.
    touched: RwSignal<bool>,
    input: NodeRef<Input>,
}

/// What a submit sends.
#[derive(Clone)]
struct Submission {
    url: String,
    bearer: Option<String>,
    body: RequestBody,
}

/// Any form, rendered from its declaration.
#[component]
pub fn AuthForm(
    /// Which form this is.
    spec: &'static FormSpec,
    /// Where to send it and where the token lives.
    config: Config,
    /// Hears what happened, for the host page.
    #[prop(optional)]
    on_event: Option<Callback<WidgetEvent>>,
) -> impl IntoView {
    let emit = move |event: WidgetEvent| {
        if let Some(on_event) = on_event {
            on_event.run(event);
        }
    };
    let form_number = FORMS_MOUNTED.fetch_add(1, Ordering::Relaxed) + 1;
    let fields: Vec<FieldState> = spec
        .fields
        .iter()
        .map(|_| FieldState {
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            touched: RwSignal::new(false),
            input: NodeRef::new(),
        })
        .collect();
    let fields = StoredValue::new(fields);
    let notice = RwSignal::new(None::<Notice>);
    let wait_seconds = RwSignal::new(None::<u64>);
    let submitted_once = RwSignal::new(false);
    // A fresh token that storage refused to keep: it still serves this page.
    let unsaved_token = RwSignal::new(None::<String>);
    let countdown = StoredValue::new(None::<IntervalHandle>);
    on_cleanup(move || {
        if let Some(Some(handle)) = countdown.try_get_value() {
            handle.clear();
        }
    });

    let values = move || {
        fields.with_value(|fields| fields.iter().map(|f| f.value.get_untracked()).collect::<Vec<_>>())
    };
    let recheck = move |index: usize| {
        let current = values();
        fields.with_value(|fields| {
            if let (Some(state), Some(field)) = (fields.get(index), spec.fields.get(index)) {
                state.error.set(check_field(spec, field, &current));
            }
        });
    };
    let focus_first_error = move || {
        fields.with_value(|fields| {
            if let Some(input) =
                fields.iter().find(|f| f.error.with_untracked(Option::is_some)).and_then(|f| f.input.get())
            {
                let _ = input.focus();
            }
        });
    };

    let username = config.username.clone();
    let config = StoredValue::new(config);
    let apply = move |result: Result<Outcome, http::Unreachable>| {
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(http::Unreachable) => {
                notice.try_set(Some(Notice::error(vec![Msg::Text(Text::Unreachable)])));
                return;
            }
        };
        match outcome {
            Outcome::Success { message, token } => {
                fields.with_value(|fields| {
                    for field in fields {
                        field.value.try_set(String::new());
                        field.error.try_set(None);
                        field.touched.try_set(false);
                    }
                });
                submitted_once.try_set(false);
                let said = message.map_or(Msg::Text(Text::PasswordChanged), Msg::Server);
                let shown = match token {
                    Some(TokenChange::Replace(fresh)) => {
                        let persisted = config.with_value(|c| storage::write_token(&c.token_key, &fresh));
                        unsaved_token.try_set((!persisted).then_some(fresh));
                        emit(WidgetEvent::TokenChanged { persisted, removed: false });
                        if persisted {
                            Notice::success(vec![said])
                        } else {
                            Notice::success(vec![said, Msg::Text(Text::TokenNotSaved)])
                        }
                    }
                    Some(TokenChange::Revoked) => {
                        config.with_value(|c| storage::remove_token(&c.token_key));
                        unsaved_token.try_set(None);
                        emit(WidgetEvent::TokenChanged { persisted: true, removed: true });
                        emit(WidgetEvent::Unauthenticated);
                        Notice::error(vec![Msg::Text(Text::SignedOutEverywhere)])
                    }
                    None => Notice::success(vec![said]),
                };
                if !shown.is_error {
                    emit(WidgetEvent::Success {
                        message: shown.lines.iter().map(Msg::en).collect::<Vec<_>>().join(" "),
                    });
                }
                notice.try_set(Some(shown));
            }
            Outcome::Rejected { fields: verdicts, summary } => {
                fields.with_value(|fields| {
                    for (field, verdict) in fields.iter().zip(verdicts) {
                        field.error.try_set(verdict);
                    }
                });
                notice.try_set((!summary.is_empty()).then(|| Notice::error(summary)));
                focus_first_error();
            }
            Outcome::Unauthenticated => {
                emit(WidgetEvent::Unauthenticated);
                notice.try_set(Some(Notice::error(vec![Msg::Text(Text::SessionExpired)])));
            }
            Outcome::RateLimited { message, wait_seconds: wait } => {
                let mut lines = vec![message.map_or(Msg::Text(Text::TooManyAttempts), Msg::Server)];
                if let Some(seconds) = wait.filter(|s| *s > 0) {
                    lines.push(Msg::Count(Text::TryAgainInSeconds, seconds));
                    start_countdown(wait_seconds, countdown, seconds);
                }
                notice.try_set(Some(Notice::error(lines)));
            }
            Outcome::Failed(message) => {
                notice.try_set(Some(Notice::error(vec![message])));
            }
        }
    };

    let submit = Action::new_local(move |submission: &Submission| {
        let submission = submission.clone();
        async move {
            let answer = http::post(&submission.url, submission.bearer.as_deref(), &submission.body).await;
            apply(answer.map(|answer| interpret(spec, &answer)));
        }
    });
    let pending = submit.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || wait_seconds.get_untracked().is_some() {
            return;
        }
        submitted_once.set(true);
        let current = values();
        let verdicts = check_form(spec, &current);
        let invalid = verdicts.iter().any(Option::is_some);
        fields.with_value(|fields| {
            for (field, verdict) in fields.iter().zip(verdicts) {
                field.error.set(verdict);
            }
        });
        if invalid {
            notice.set(None);
            focus_first_error();
            return;
        }
        let bearer = match spec.auth {
            Auth::Bearer => {
                // Read at the moment of sending: another tab may have swapped it since.
                let Some(token) = config
                    .with_value(|c| storage::read_token(&c.token_key))
                    .or_else(|| unsaved_token.get_untracked())
                else {
                    notice.set(Some(Notice::error(vec![Msg::Text(Text::NotSignedIn)])));
                    return;
                };
                Some(token)
            }
        };
        notice.set(None);
        submit.dispatch(Submission {
            url: config.with_value(|c| c.url(spec.endpoint)),
            bearer,
            body: RequestBody::new(spec, &current),
        });
    };

    let field_views = spec
        .fields
        .iter()
        .enumerate()
        .filter_map(|(index, field)| {
            let state = fields.with_value(|fields| fields.get(index).copied())?;
            let on_input = Callback::new(move |()| {
                state.touched.set(true);
                if state.error.with_untracked(Option::is_some) {
                    recheck(index);
                }
                // A confirmation that already complains is re-judged when its original changes.
                if let Some(confirmation) = spec.confirmation_of(field.name) {
                    let complains = fields.with_value(|f| {
                        f.get(confirmation).is_some_and(|c| c.error.with_untracked(Option::is_some))
                    });
                    if complains {
                        recheck(confirmation);
                    }
                }
            });
            let on_blur = Callback::new(move |()| {
                if state.touched.get_untracked() || submitted_once.get_untracked() {
                    recheck(index);
                }
            });
            Some(view! {
                <Field
                    id=format!("wemasy-{form_number}-{}", field.name)
                    field=field
                    value=state.value
                    error=state.error
                    node_ref=state.input
                    on_input=on_input
                    on_blur=on_blur
                />
            })
        })
        .collect_view();

    let username = username.map(|name| {
        view! { <input type="text" name="username" autocomplete="username" value=name hidden readonly /> }
    });
    let notice_lines = move |want_error: bool| {
        notice.with(|n| match n {
            Some(n) if n.is_error == want_error => n.lines.iter().map(Msg::en).collect::<Vec<_>>().join(" "),
            _ => String::new(),
        })
    };
    let status_text = move || {
        if pending.get() { spec.pending.en().to_owned() } else { notice_lines(false) }
    };

    view! {
        <form class="wemasy-form" novalidate on:submit=on_submit>
            {username}
            {field_views}
            <div class="wemasy-alert" role="alert">
                {move || notice_lines(true)}
            </div>
            <div class="wemasy-status" role="status">
                {status_text}
            </div>
            <SubmitButton
                label=spec.submit
                pending_label=spec.pending
                pending=pending.into()
                wait_seconds=wait_seconds
            />
        </form>
    }
}

/// Counts `seconds` down to zero in `wait_seconds`, once a second, then clears it.
fn start_countdown(
    wait_seconds: RwSignal<Option<u64>>,
    handle: StoredValue<Option<IntervalHandle>>,
    seconds: u64,
) {
    if let Some(Some(previous)) = handle.try_get_value() {
        previous.clear();
    }
    wait_seconds.try_set(Some(seconds));
    let tick = move || {
        let left = wait_seconds.try_get_untracked().flatten().unwrap_or(0).saturating_sub(1);
        wait_seconds.try_set((left > 0).then_some(left));
        if left == 0
            && let Some(Some(interval)) = handle.try_get_value()
        {
            interval.clear();
        }
    };
    if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        handle.try_set_value(Some(interval));
    }
}

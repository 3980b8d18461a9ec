//! What an answer does: one pure function, [`decide`], takes the form, the outcome of its submit
//! and the token situation, and returns everything that follows: what happens to the stored
//! token, the notice, the fields, the focus, the wait, and the events in order. The shell applies
//! it and decides nothing.

use super::answer::{Outcome, TokenChange, Unknown};
use super::config::Config;
use super::events::WidgetEvent;
use super::rules::server_trim;
use super::session::{Kept, Stored, newer_than, other_token, revoked_by_change};
use super::spec::{FormSpec, InputKind, SuccessKind};
use super::text::{Catalog, Msg, Text, rate_limit_wait};

/// The longest a form waits after a 429, whatever `Retry-After` says.
pub const MAX_WAIT_SECONDS: u64 = 24 * 60 * 60;

/// How long the answer to a request that outlives its form is still awaited after the form
/// stopped waiting for it (its timeout); then it is aborted.
pub const LATE_ANSWER_SECONDS: u64 = 300;

/// Whole seconds left until `until_ms` at `now_ms`, rounded up; `None` once it has passed. A
/// countdown computed from its deadline stays right when timers run late (background tabs).
pub fn seconds_left(until_ms: u64, now_ms: u64) -> Option<u64> {
    until_ms.checked_sub(now_ms).filter(|ms| *ms > 0).map(|ms| ms.div_ceil(1000))
}

/// Milliseconds until [`seconds_left`] changes next.
pub fn next_tick_ms(until_ms: u64, now_ms: u64) -> u64 {
    match until_ms.saturating_sub(now_ms) % 1000 {
        0 => 1000,
        rest => rest,
    }
}

/// Where a request stands when an answer to it arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Its first answer, and the form has sent nothing since. Whether the form still waits for
    /// it or gave up waiting (its timeout) makes no difference: a 401 changed nothing on the
    /// server either way.
    First,
    /// The answer to sending it once more.
    Retried,
    /// The user sent the form again since (after its timeout): that request carries the page's
    /// newest token, and this one is not repeated beside it.
    Superseded,
}

/// Whether a request is sent once more, and with which token: after a 401 on its first attempt,
/// when the page holds another token by now ([`other_token`]). `sent` is the token it carried.
pub fn try_again(outcome: &Outcome, attempt: Attempt, sent: Option<&str>, stored: &Stored, kept: Option<&Kept>) -> Option<String> {
    match (outcome, attempt, sent) {
        (Outcome::Unauthenticated, Attempt::First, Some(sent)) => other_token(sent, stored, kept),
        _ => None,
    }
}

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

    pub fn text(&self, catalog: &Catalog) -> String {
        self.lines.iter().map(|line| catalog.render(line)).collect::<Vec<_>>().join(" ")
    }
}

/// What happens to the token in `localStorage`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageAction {
    LeaveAlone,
    /// Store this fresh token (if storage refuses: [`Verdict::storage_refused`]).
    Write(String),
    /// Remove the stored token: the server has revoked it.
    Remove,
}

/// What happens to what the user typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fields {
    /// Everything stays as typed, errors included.
    Keep,
    /// The job is done: empty fields, no errors.
    Clear,
    /// The server's verdict per field, in order; values stay.
    Errors(Vec<Option<Msg>>),
}

/// Everything an answer is judged against, besides the answer itself.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub spec: &'a FormSpec,
    pub config: &'a Config,
    pub catalog: &'a Catalog,
    /// What the request remembers of what was typed.
    pub remembered: &'a Remembered,
    /// The token the request carried (`None` for public forms).
    pub sent: Option<&'a str>,
    /// What storage holds now.
    pub stored: &'a Stored,
    /// The fresh token this page keeps in memory, if storage refused it earlier.
    pub kept: Option<&'a Kept>,
    /// False once the form no longer shows answers (it was removed, or gave up waiting): then
    /// only the token is looked after, and the page told about it.
    pub shown: bool,
    /// When the answer arrived, in milliseconds since the Unix epoch.
    pub now_ms: u64,
}

impl Context<'_> {
    /// Whether the change this request made has revoked `token`.
    fn revoked(&self, token: &str) -> bool {
        self.sent.is_some_and(|sent| revoked_by_change(token, sent))
    }
}

/// What a request remembers of what was typed, for its verdict: only what a notice names, and
/// never a password (those live in the fields and the request body only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    /// The new address an e-mail change was sent for, as the server reads it (trimmed), found
    /// by what its field is, never by position.
    pub new_address: Option<String>,
}

impl Remembered {
    /// What a request of `spec` sent with `values` (one per field) remembers.
    pub fn of(spec: &FormSpec, values: &[String]) -> Remembered {
        let new_address = spec
            .fields
            .iter()
            .zip(values)
            .find(|(field, _)| field.input == InputKind::NewEmail)
            .map(|(_, value)| server_trim(value).to_owned());
        Remembered { new_address }
    }
}

/// What the form and the page must do after an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub storage: StorageAction,
    /// Forget the token kept in memory (it was revoked, refused or superseded).
    pub forget_kept: bool,
    /// Keep this token in memory (set by [`Verdict::storage_refused`]).
    pub keep: Option<Kept>,
    /// The form's notice from now on (`None`: no notice). Ignored when the answer is not shown.
    pub notice: Option<Notice>,
    pub fields: Fields,
    /// The form's job is done (a reset link was used): only the notice remains.
    pub done: bool,
    /// Move focus to the first field with an error.
    pub focus_first_error: bool,
    /// Submit stays disabled until this moment (milliseconds since the Unix epoch).
    pub wait_until_ms: Option<u64>,
    /// For the host page, in this order, after everything else is applied.
    pub events: Vec<WidgetEvent>,
}

impl Verdict {
    fn nothing() -> Verdict {
        Verdict {
            storage: StorageAction::LeaveAlone,
            forget_kept: false,
            keep: None,
            notice: None,
            fields: Fields::Keep,
            done: false,
            focus_first_error: false,
            wait_until_ms: None,
            events: Vec::new(),
        }
    }

    /// An error for the whole form, told to the page as well.
    fn failed(notice: Notice) -> Verdict {
        Verdict {
            notice: Some(notice),
            events: vec![WidgetEvent::Error { message: String::new() }],
            ..Verdict::nothing()
        }
    }

    /// Puts what the user is shown into the events that tell the page what the user was shown.
    fn fill_messages(mut self, catalog: &Catalog) -> Verdict {
        let said = self.notice.as_ref().map(|notice| notice.text(catalog)).unwrap_or_default();
        for event in &mut self.events {
            if let WidgetEvent::Success { message } | WidgetEvent::Error { message } = event {
                message.clone_from(&said);
            }
        }
        self
    }

    /// What follows when storage refused [`StorageAction::Write`]: the fresh token serves this
    /// page from memory for as long as storage keeps holding `stored`, and the user and the page
    /// are told it is not saved.
    pub fn storage_refused(mut self, stored: &Stored, catalog: &Catalog) -> Verdict {
        let StorageAction::Write(token) = std::mem::replace(&mut self.storage, StorageAction::LeaveAlone)
        else {
            return self;
        };
        self.keep = Some(Kept { token, storage_held: stored.clone() });
        self.forget_kept = false;
        if let Some(notice) = &mut self.notice {
            notice.lines.push(Msg::Text(Text::TokenNotSaved));
        }
        for event in &mut self.events {
            if let WidgetEvent::TokenChanged { persisted, .. } = event {
                *persisted = false;
            }
        }
        self.fill_messages(catalog)
    }
}

/// What a form says before anything is sent: a reset form opened without the link's token has
/// nothing to send, and says how to get a new link.
pub fn opening_notice(spec: &FormSpec, config: &Config, has_reset_token: bool) -> Option<Notice> {
    (spec.needs_reset_token() && !has_reset_token).then(|| {
        Notice::error(vec![Msg::Text(Text::LinkIncomplete)])
            .with_link(Text::RequestNewLink, config.request_reset_url.as_ref())
    })
}

/// Everything that follows `outcome` of a submit.
pub fn decide(ctx: &Context, outcome: Outcome) -> Verdict {
    let mut verdict = match outcome {
        Outcome::Success { message, token } => succeed(ctx, message, token),
        Outcome::Unknown(why) => {
            let reason = match why {
                Unknown::TimedOut => Text::NoAnswerInTime,
                Unknown::ConnectionLost => Text::ConnectionLost,
                Unknown::Unreadable => Text::AnswerUnreadable,
            };
            let consequence = match ctx.spec.success {
                SuccessKind::EmailChangeRequested => Text::OutcomeUnknownEmail,
                SuccessKind::SwapToken | SuccessKind::Changed | SuccessKind::PasswordReset => {
                    Text::OutcomeUnknownPassword
                }
            };
            Verdict::failed(Notice::error(vec![Msg::Text(reason), Msg::Text(consequence)]))
        }
        Outcome::Rejected { fields, summary } => Verdict {
            notice: (!summary.is_empty()).then(|| Notice::error(summary)),
            fields: Fields::Errors(fields),
            focus_first_error: true,
            ..Verdict::nothing()
        },
        Outcome::Unauthenticated => Verdict {
            // A token kept in memory that the server refuses serves no longer.
            forget_kept: ctx.kept.is_some_and(|kept| Some(kept.token.as_str()) == ctx.sent),
            notice: Some(Notice::error(vec![Msg::Text(Text::SessionExpired)])),
            // Only when the page holds no other token: a request the user has sent again since
            // carries that one, and the page is not signed out.
            events: match ctx.sent.and_then(|sent| other_token(sent, ctx.stored, ctx.kept)) {
                Some(_) => vec![],
                None => vec![WidgetEvent::Unauthenticated],
            },
            ..Verdict::nothing()
        },
        Outcome::RateLimited { wait_seconds } => {
            let capped = wait_seconds.map(|seconds| seconds.min(MAX_WAIT_SECONDS));
            let (wait_said, seconds) = rate_limit_wait(capped);
            let said = Msg::Text(Text::TooManyAttempts);
            Verdict {
                notice: Some(Notice::waiting(vec![said, wait_said])),
                wait_until_ms: (seconds > 0).then(|| ctx.now_ms.saturating_add(seconds * 1000)),
                events: vec![WidgetEvent::RateLimited { seconds: capped }],
                ..Verdict::nothing()
            }
        }
        Outcome::InvalidLink { .. } => Verdict::failed(
            Notice::error(vec![Msg::Text(Text::LinkInvalid)])
                .with_link(Text::RequestNewLink, ctx.config.request_reset_url.as_ref()),
        ),
        Outcome::Failed(message) => Verdict::failed(Notice::error(vec![message])),
    };
    if !ctx.shown {
        // Nobody sees the form's answer any more: the token is still looked after, and the page
        // still hears about it.
        verdict = Verdict {
            storage: verdict.storage,
            forget_kept: verdict.forget_kept,
            events: verdict.events,
            ..Verdict::nothing()
        };
        verdict
            .events
            .retain(|event| matches!(event, WidgetEvent::TokenChanged { .. } | WidgetEvent::Unauthenticated));
    }
    verdict.fill_messages(ctx.catalog)
}

fn succeed(ctx: &Context, message: Option<String>, token: Option<TokenChange>) -> Verdict {
    let (spec, config) = (ctx.spec, ctx.config);
    let said = |fallback: Text| message.clone().map_or(Msg::Text(fallback), Msg::Server);
    // The change revoked every token that existed when it was made, the kept one included.
    let forget_kept = ctx.kept.is_some_and(|kept| ctx.revoked(&kept.token));
    let mut verdict = Verdict { fields: Fields::Clear, forget_kept, ..Verdict::nothing() };
    let notice = match (spec.success, token) {
        (_, Some(TokenChange::Replace(fresh))) => {
            // A late answer never replaces a token issued after its own (another tab's newer
            // change, a new sign-in), nor undoes a sign-out made meanwhile (storage emptied while
            // no kept token serves).
            let known = [ctx.stored.token(), ctx.kept.map(|kept| kept.token.as_str())];
            let superseded = known.into_iter().flatten().any(|token| newer_than(token, &fresh));
            let signed_out_since = *ctx.stored == Stored::Nothing
                && !ctx.kept.is_some_and(|kept| kept.storage_held == Stored::Nothing);
            if !superseded && !signed_out_since {
                verdict.storage = StorageAction::Write(fresh);
                verdict.forget_kept = true;
                verdict.events.push(WidgetEvent::TokenChanged { persisted: true, removed: false });
            }
            Notice::success(vec![said(Text::PasswordChanged)])
        }
        (_, Some(TokenChange::Revoked)) => {
            // Changed, but no token came back. A stored token that may be newer than the change
            // stays: deleting a valid token costs the session, keeping a revoked one one 401.
            if ctx.stored.token().is_some_and(|token| ctx.revoked(token)) {
                verdict.storage = StorageAction::Remove;
            }
            if verdict.storage == StorageAction::Remove || verdict.forget_kept {
                verdict.events.push(WidgetEvent::TokenChanged { persisted: true, removed: true });
                verdict.events.push(WidgetEvent::Unauthenticated);
            }
            Notice::success(vec![Msg::Text(Text::SignedOutEverywhere)])
                .with_link(Text::GoToSignIn, config.sign_in_url.as_ref())
        }
        (SuccessKind::PasswordReset, None) => {
            verdict.done = true;
            Notice::success(vec![said(Text::PasswordWasReset)])
                .with_link(Text::GoToSignIn, config.sign_in_url.as_ref())
        }
        (SuccessKind::EmailChangeRequested, None) => {
            // The address shown is the new one the user typed.
            let new_address = ctx.remembered.new_address.clone().unwrap_or_default();
            Notice::success(vec![Msg::With(Text::EmailChangeSent, new_address)])
        }
        (SuccessKind::SwapToken | SuccessKind::Changed, None) => {
            Notice::success(vec![said(Text::PasswordChanged)])
        }
    };
    verdict.events.push(WidgetEvent::Success { message: String::new() });
    verdict.notice = Some(notice);
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{CHANGE, EMAIL, RESET, SWAP};

    const NOW: u64 = 1_795_330_800_000;

    /// A token situation: what was sent, what storage holds now, what memory keeps.
    struct Situation {
        name: &'static str,
        sent: &'static str,
        stored: Stored,
        kept: Option<Kept>,
    }

    fn token(t: &str) -> Stored {
        Stored::Token(t.to_owned())
    }

    fn situations() -> Vec<Situation> {
        let kept = |held: Stored| Some(Kept { token: "9|fresh".into(), storage_held: held });
        vec![
            Situation { name: "as sent", sent: "5|a", stored: token("5|a"), kept: None },
            Situation { name: "newer in storage", sent: "5|a", stored: token("12|other-tab"), kept: None },
            Situation { name: "older in storage", sent: "5|a", stored: token("3|stale"), kept: None },
            Situation { name: "opaque as sent", sent: "opaque", stored: token("opaque"), kept: None },
            Situation { name: "opaque other", sent: "opaque", stored: token("other"), kept: None },
            Situation {
                name: "kept sent",
                sent: "9|fresh",
                stored: token("5|old"),
                kept: kept(token("5|old")),
            },
            Situation {
                name: "kept, blocked",
                sent: "9|fresh",
                stored: Stored::Blocked,
                kept: kept(Stored::Blocked),
            },
            Situation { name: "signed out since", sent: "5|a", stored: Stored::Nothing, kept: None },
        ]
    }

    fn judge(spec: &FormSpec, situation: &Situation, outcome: Outcome, shown: bool) -> Verdict {
        let config = Config { sign_in_url: Some("/sign-in".into()), ..Config::default() };
        let ctx = Context {
            spec,
            config: &config,
            catalog: &Catalog::default(),
            remembered: &Remembered::of(
                spec,
                &["old secret".into(), "new secret".into(), "new secret".into()],
            ),
            sent: Some(situation.sent),
            stored: &situation.stored,
            kept: situation.kept.as_ref(),
            shown,
            now_ms: NOW,
        };
        decide(&ctx, outcome)
    }

    fn changed(persisted: bool, removed: bool) -> WidgetEvent {
        WidgetEvent::TokenChanged { persisted, removed }
    }

    fn success(message: &str) -> WidgetEvent {
        WidgetEvent::Success { message: message.to_owned() }
    }

    const CHANGED: &str = "Your password has been changed.";
    const SIGNED_OUT: &str = "Your password has been changed and you have been signed out everywhere. Sign in again with your new password.";

    #[test]
    fn a_fresh_token_is_stored_unless_a_newer_one_is_there_or_the_page_signed_out() {
        let fresh =
            || Outcome::Success { message: None, token: Some(TokenChange::Replace("10|fresh".into())) };
        let write = || StorageAction::Write("10|fresh".into());
        // (situation, storage action, events)
        let table = [
            ("as sent", write(), vec![changed(true, false), success(CHANGED)]),
            ("newer in storage", StorageAction::LeaveAlone, vec![success(CHANGED)]),
            ("older in storage", write(), vec![changed(true, false), success(CHANGED)]),
            ("opaque as sent", write(), vec![changed(true, false), success(CHANGED)]),
            ("opaque other", write(), vec![changed(true, false), success(CHANGED)]),
            ("kept sent", write(), vec![changed(true, false), success(CHANGED)]),
            ("kept, blocked", write(), vec![changed(true, false), success(CHANGED)]),
            ("signed out since", StorageAction::LeaveAlone, vec![success(CHANGED)]),
        ];
        for (situation, (name, storage, events)) in situations().iter().zip(table) {
            assert_eq!(situation.name, name);
            let verdict = judge(&SWAP, situation, fresh(), true);
            assert_eq!(verdict.storage, storage, "{name}");
            assert_eq!(verdict.events, events, "{name}");
            assert_eq!(verdict.fields, Fields::Clear, "{name}");
            assert_eq!(
                verdict.notice,
                Some(Notice::success(vec![Msg::Text(Text::PasswordChanged)])),
                "{name}"
            );
            // What was kept in memory is forgotten once storage has the fresh token, or when
            // this change revoked it.
            let kept_revoked = situation.kept.is_some();
            assert_eq!(
                verdict.forget_kept,
                matches!(verdict.storage, StorageAction::Write(_)) || kept_revoked,
                "{name}"
            );
        }
    }

    #[test]
    fn a_fresh_token_storage_refuses_is_kept_in_memory_and_said_so() {
        let situation = &situations()[6];
        let verdict = judge(
            &SWAP,
            situation,
            Outcome::Success {
                message: Some("Done.".into()),
                token: Some(TokenChange::Replace("10|fresh".into())),
            },
            true,
        )
        .storage_refused(&situation.stored, &Catalog::default());
        assert_eq!(verdict.storage, StorageAction::LeaveAlone);
        assert_eq!(verdict.keep, Some(Kept { token: "10|fresh".into(), storage_held: Stored::Blocked }));
        assert!(!verdict.forget_kept);
        let said =
            "Done. Your new sign-in could not be saved in this browser; it lasts until you close this page.";
        assert_eq!(verdict.notice.as_ref().map(|n| n.text(&Catalog::default())).as_deref(), Some(said));
        assert_eq!(verdict.events, vec![changed(false, false), success(said)]);
        // Nothing to refuse: nothing changes.
        let plain = judge(&CHANGE, situation, Outcome::Success { message: None, token: None }, true);
        assert_eq!(plain.clone().storage_refused(&Stored::Blocked, &Catalog::default()), plain);
    }

    #[test]
    fn changed_without_a_token_removes_only_what_the_change_revoked() {
        let revoked = || Outcome::Success { message: None, token: Some(TokenChange::Revoked) };
        let gone = || vec![changed(true, true), WidgetEvent::Unauthenticated, success(SIGNED_OUT)];
        let table = [
            ("as sent", StorageAction::Remove, false, gone()),
            ("newer in storage", StorageAction::LeaveAlone, false, vec![success(SIGNED_OUT)]),
            ("older in storage", StorageAction::Remove, false, gone()),
            ("opaque as sent", StorageAction::Remove, false, gone()),
            ("opaque other", StorageAction::LeaveAlone, false, vec![success(SIGNED_OUT)]),
            ("kept sent", StorageAction::Remove, true, gone()),
            ("kept, blocked", StorageAction::LeaveAlone, true, gone()),
            ("signed out since", StorageAction::LeaveAlone, false, vec![success(SIGNED_OUT)]),
        ];
        for (situation, (name, storage, forget_kept, events)) in situations().iter().zip(table) {
            assert_eq!(situation.name, name);
            let verdict = judge(&SWAP, situation, revoked(), true);
            assert_eq!((&verdict.storage, verdict.forget_kept), (&storage, forget_kept), "{name}");
            assert_eq!(verdict.events, events, "{name}");
            assert_eq!(verdict.fields, Fields::Clear, "{name}");
            let notice = verdict.notice.expect("a notice");
            assert_eq!(notice.tone, Tone::Success, "{name}");
            assert_eq!(notice.link, Some((Text::GoToSignIn, "/sign-in".into())), "{name}");
        }
    }

    #[test]
    fn nothing_known_changes_nothing_and_says_so() {
        for situation in &situations() {
            for (spec, consequence) in [
                (&SWAP, Text::OutcomeUnknownPassword),
                (&CHANGE, Text::OutcomeUnknownPassword),
                (&RESET, Text::OutcomeUnknownPassword),
                (&EMAIL, Text::OutcomeUnknownEmail),
            ] {
                for (why, reason) in [
                    (Unknown::TimedOut, Text::NoAnswerInTime),
                    (Unknown::ConnectionLost, Text::ConnectionLost),
                    (Unknown::Unreadable, Text::AnswerUnreadable),
                ] {
                    let verdict = judge(spec, situation, Outcome::Unknown(why), true);
                    let notice = Notice::error(vec![Msg::Text(reason), Msg::Text(consequence)]);
                    let message = notice.text(&Catalog::default());
                    assert_eq!(
                        verdict,
                        Verdict {
                            notice: Some(notice),
                            events: vec![WidgetEvent::Error { message }],
                            ..Verdict::nothing()
                        },
                        "{} {why:?}",
                        situation.name
                    );
                }
            }
        }
    }

    #[test]
    fn refusals_and_failures_keep_everything_typed_and_the_token() {
        for situation in &situations() {
            let rejected = judge(
                &SWAP,
                situation,
                Outcome::Rejected {
                    fields: vec![Some(Msg::Server("Wrong.".into())), None, None],
                    summary: vec![],
                },
                true,
            );
            assert_eq!(rejected.fields, Fields::Errors(vec![Some(Msg::Server("Wrong.".into())), None, None]));
            assert!(rejected.focus_first_error && rejected.notice.is_none() && rejected.events.is_empty());
            assert_eq!((&rejected.storage, rejected.forget_kept), (&StorageAction::LeaveAlone, false));

            let failed = judge(&SWAP, situation, Outcome::Failed(Msg::Text(Text::UnexpectedAnswer)), true);
            assert_eq!(failed.fields, Fields::Keep);
            assert_eq!((&failed.storage, failed.forget_kept), (&StorageAction::LeaveAlone, false));
            assert_eq!(
                failed.events,
                vec![WidgetEvent::Error { message: Text::UnexpectedAnswer.en().into() }]
            );

            // A 401: the token kept in memory that was refused serves no more; storage is the
            // page's to sort out after it hears `unauthenticated`.
            let refused = judge(&SWAP, situation, Outcome::Unauthenticated, true);
            assert_eq!(refused.storage, StorageAction::LeaveAlone);
            assert_eq!(refused.forget_kept, situation.kept.is_some(), "{}", situation.name);
            assert_eq!(refused.fields, Fields::Keep);
        }
    }

    /// A 401 is tried once more with the page's other token, if it has one, whether the form
    /// still waits or gave up waiting (its timeout); `unauthenticated` follows only when the page
    /// has no other token. Columns: the token tried on a first attempt, and whether the page
    /// hears `unauthenticated` when nothing more is tried.
    #[test]
    fn a_401_tries_the_pages_other_token_once_and_signs_out_only_without_one() {
        let table = [
            ("as sent", None, true),
            ("newer in storage", Some("12|other-tab"), false),
            ("older in storage", Some("3|stale"), false),
            ("opaque as sent", None, true),
            ("opaque other", Some("other"), false),
            // The kept token was refused; the stored one it replaced was revoked with its change.
            ("kept sent", None, true),
            ("kept, blocked", None, true),
            ("signed out since", None, true),
        ];
        for (situation, (name, tried, signed_out)) in situations().iter().zip(table) {
            assert_eq!(situation.name, name);
            let again = |attempt| {
                try_again(&Outcome::Unauthenticated, attempt, Some(situation.sent), &situation.stored, situation.kept.as_ref())
            };
            assert_eq!(again(Attempt::First).as_deref(), tried, "{name}");
            assert_eq!((again(Attempt::Retried), again(Attempt::Superseded)), (None, None), "{name}");
            for shown in [true, false] {
                let verdict = judge(&SWAP, situation, Outcome::Unauthenticated, shown);
                let events = if signed_out { vec![WidgetEvent::Unauthenticated] } else { vec![] };
                assert_eq!(verdict.events, events, "{name}, shown: {shown}");
                assert_eq!(verdict.forget_kept, situation.kept.is_some(), "{name}, shown: {shown}");
            }
            // Nothing but a 401 is tried again.
            let failed = Outcome::Failed(Msg::Text(Text::UnexpectedAnswer));
            let stored = &situation.stored;
            assert_eq!(try_again(&failed, Attempt::First, Some(situation.sent), stored, None), None);
        }
        assert_eq!(try_again(&Outcome::Unauthenticated, Attempt::First, None, &token("5|a"), None), None);
    }

    #[test]
    fn an_expired_link_offers_a_new_one() {
        let config = Config { request_reset_url: Some("/forgot".into()), ..Config::default() };
        let ctx = Context {
            spec: &RESET,
            config: &config,
            catalog: &Catalog::default(),
            remembered: &Remembered::default(),
            sent: None,
            stored: &Stored::Nothing,
            kept: None,
            shown: true,
            now_ms: NOW,
        };
        let verdict = decide(&ctx, Outcome::InvalidLink { message: None });
        assert_eq!(verdict.notice.and_then(|n| n.link), Some((Text::RequestNewLink, "/forgot".into())));
        assert_eq!(verdict.fields, Fields::Keep);
        let done = decide(&ctx, Outcome::Success { message: None, token: None });
        assert!(done.done);
        assert_eq!(done.storage, StorageAction::LeaveAlone);
        assert_eq!(
            opening_notice(&RESET, &config, false).and_then(|n| n.link),
            Some((Text::RequestNewLink, "/forgot".into()))
        );
        assert_eq!(opening_notice(&RESET, &config, true), None);
        assert_eq!(opening_notice(&SWAP, &config, false), None);
    }

    /// Where the widget has its own words for an answer, the whole notice is in the form's
    /// language: the server's text (English from a test server, Dutch from the real API) stays out.
    #[test]
    fn the_widgets_own_answers_are_in_the_forms_language_alone() {
        use crate::domain::answer::{Answer, interpret};
        use crate::domain::json::Json;
        use crate::domain::text::Lang;
        let table = [
            (&SWAP, 429, Some("30"), vec![Text::TooManyAttempts, Text::TryAgainInSeconds]),
            (&SWAP, 401, None, vec![Text::SessionExpired]),
            (&SWAP, 403, None, vec![Text::NotAllowed]),
            (&SWAP, 503, None, vec![Text::ServerTrouble]),
            (&RESET, 400, None, vec![Text::LinkInvalid]),
        ];
        for lang in Lang::ALL {
            let catalog = Catalog::new(*lang, vec![]);
            for (spec, status, retry_after, keys) in &table {
                let answer = Answer {
                    status: *status,
                    retry_after: retry_after.map(str::to_owned),
                    body: Some(Json::Object(vec![("message".into(), Json::String("Too Many Attempts.".into()))])),
                    received_at: 0,
                };
                let config = Config::default();
                let ctx = Context {
                    spec,
                    config: &config,
                    catalog: &catalog,
                    remembered: &Remembered::default(),
                    sent: Some("5|a"),
                    stored: &Stored::Token("5|a".into()),
                    kept: None,
                    shown: true,
                    now_ms: NOW,
                };
                let said = decide(&ctx, interpret(spec, &answer)).notice.map(|n| n.text(&catalog)).unwrap_or_default();
                assert!(!said.contains("Too Many"), "{lang:?} {status}: {said}");
                // Each of its sentences is the language's own (the number filled in).
                for key in keys {
                    let words = catalog.text(*key);
                    let start = words.split("{n}").next().unwrap_or_default();
                    assert!(said.contains(start), "{lang:?} {status}: {said} lacks {words}");
                }
            }
        }
    }

    #[test]
    fn a_rate_limit_holds_the_form_until_a_deadline_of_at_most_a_day() {
        let situation = &situations()[0];
        let limited = |wait_seconds| {
            judge(&SWAP, situation, Outcome::RateLimited { wait_seconds }, true)
        };
        let verdict = limited(Some(30));
        assert_eq!(verdict.wait_until_ms, Some(NOW + 30_000));
        assert_eq!(verdict.events, vec![WidgetEvent::RateLimited { seconds: Some(30) }]);
        assert_eq!(verdict.notice.map(|n| n.tone), Some(Tone::Waiting));
        // Not said: a minute, and the page hears that it was not said.
        let verdict = limited(None);
        assert_eq!(verdict.wait_until_ms, Some(NOW + 60_000));
        assert_eq!(verdict.events, vec![WidgetEvent::RateLimited { seconds: None }]);
        let verdict = limited(Some(u64::MAX));
        assert_eq!(verdict.wait_until_ms, Some(NOW + MAX_WAIT_SECONDS * 1000));
        assert_eq!(verdict.events, vec![WidgetEvent::RateLimited { seconds: Some(MAX_WAIT_SECONDS) }]);
        assert_eq!(limited(Some(0)).wait_until_ms, None);
        assert_eq!(verdict.fields, Fields::Keep);
    }

    #[test]
    fn the_countdown_follows_its_deadline() {
        assert_eq!(seconds_left(NOW + 2_500, NOW), Some(3));
        assert_eq!(seconds_left(NOW + 2_000, NOW), Some(2));
        assert_eq!(seconds_left(NOW + 1, NOW), Some(1));
        assert_eq!(seconds_left(NOW, NOW), None);
        // A timer that ran late (a background tab) does not stretch the wait.
        assert_eq!(seconds_left(NOW + 30_000, NOW + 45_000), None);
        assert_eq!(next_tick_ms(NOW + 2_500, NOW), 500);
        assert_eq!(next_tick_ms(NOW + 2_000, NOW), 1_000);
        assert_eq!(next_tick_ms(NOW + 300, NOW), 300);
    }

    #[test]
    fn an_answer_nobody_sees_only_looks_after_the_token() {
        let situation = &situations()[0];
        let fresh = Outcome::Success { message: None, token: Some(TokenChange::Replace("10|fresh".into())) };
        let verdict = judge(&SWAP, situation, fresh, false);
        assert_eq!(
            verdict,
            Verdict {
                storage: StorageAction::Write("10|fresh".into()),
                forget_kept: true,
                events: vec![changed(true, false)],
                ..Verdict::nothing()
            }
        );
        let revoked = judge(
            &SWAP,
            situation,
            Outcome::Success { message: None, token: Some(TokenChange::Revoked) },
            false,
        );
        assert_eq!(revoked.storage, StorageAction::Remove);
        assert_eq!(revoked.events, vec![changed(true, true), WidgetEvent::Unauthenticated]);
        assert!(revoked.notice.is_none() && revoked.fields == Fields::Keep);
        for outcome in [
            Outcome::Unknown(Unknown::TimedOut),
            Outcome::Failed(Msg::Text(Text::ServerTrouble)),
            Outcome::RateLimited { wait_seconds: Some(5) },
            Outcome::Success { message: None, token: None },
        ] {
            assert_eq!(judge(&CHANGE, situation, outcome.clone(), false), Verdict::nothing(), "{outcome:?}");
        }
    }

    #[test]
    fn the_new_address_is_found_by_what_the_field_is_never_by_position() {
        let ctx = Context {
            spec: &EMAIL,
            config: &Config::default(),
            catalog: &Catalog::default(),
            remembered: &Remembered::of(&EMAIL, &["my secret password".into(), " new@example.com\n".into()]),
            sent: Some("5|a"),
            stored: &token("5|a"),
            kept: None,
            shown: true,
            now_ms: NOW,
        };
        let verdict = decide(&ctx, Outcome::Success { message: None, token: None });
        assert_eq!(
            verdict.notice.map(|n| n.lines),
            Some(vec![Msg::With(Text::EmailChangeSent, "new@example.com".into())])
        );
        let [WidgetEvent::Success { message }] = verdict.events.as_slice() else {
            panic!("{:?}", verdict.events)
        };
        assert!(message.contains("new@example.com") && !message.contains("secret"), "{message}");
    }
}

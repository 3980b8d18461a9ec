//! Every string the widget shows, as keys, and what a key says.
//!
//! Components never hold literal user-facing text: they show a [`Msg`], which is a key, a key
//! with a number or a text, or text that came from the server (always rendered as text, never as
//! HTML).

/// A string the widget itself provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    CurrentPassword,
    NewPassword,
    ConfirmNewPassword,
    Email,
    NewEmail,
    ConfirmNewEmail,
    ChangePassword,
    ChangingPassword,
    SetNewPassword,
    SavingPassword,
    SendConfirmation,
    Sending,
    /// Button text while a rate limit lasts; `{n}` is seconds.
    WaitSeconds,
    /// Button text while a long rate limit lasts; `{n}` is minutes.
    WaitMinutes,
    ErrorPrefix,
    Required,
    /// `{n}` is the maximum number of characters.
    TooLong,
    InvalidEmail,
    PasswordsDiffer,
    EmailsDiffer,
    PasswordEdgeSpace,
    PasswordChanged,
    PasswordWasReset,
    /// `{s}` is the new address.
    EmailChangeSent,
    SignedOutEverywhere,
    SessionExpired,
    NotSignedIn,
    NotAllowed,
    TooManyAttempts,
    TryAgainInOneSecond,
    /// `{n}` is seconds.
    TryAgainInSeconds,
    TryAgainInOneMinute,
    /// `{n}` is minutes.
    TryAgainInMinutes,
    TryAgainLater,
    Unreachable,
    /// `{n}` is the HTTP status.
    ServerTrouble,
    UnexpectedAnswer,
    TokenNotSaved,
    LinkIncomplete,
    LinkInvalid,
    RequestNewLink,
    GoToSignIn,
}

impl Text {
    /// The English text of this key.
    pub fn en(self) -> &'static str {
        match self {
            Text::CurrentPassword => "Current password",
            Text::NewPassword => "New password",
            Text::ConfirmNewPassword => "Confirm new password",
            Text::Email => "E-mail address",
            Text::NewEmail => "New e-mail address",
            Text::ConfirmNewEmail => "Confirm new e-mail address",
            Text::ChangePassword => "Change password",
            Text::ChangingPassword => "Changing password…",
            Text::SetNewPassword => "Set new password",
            Text::SavingPassword => "Saving new password…",
            Text::SendConfirmation => "Send confirmation",
            Text::Sending => "Sending…",
            Text::WaitSeconds => "Wait {n} s",
            Text::WaitMinutes => "Wait {n} min",
            Text::ErrorPrefix => "Error:",
            Text::Required => "This field is required.",
            Text::TooLong => "Use at most {n} characters.",
            Text::InvalidEmail => "Enter an e-mail address like name@example.com.",
            Text::PasswordsDiffer => "The passwords do not match.",
            Text::EmailsDiffer => "The e-mail addresses do not match.",
            Text::PasswordEdgeSpace => "This password cannot start or end with a space.",
            Text::PasswordChanged => "Your password has been changed.",
            Text::PasswordWasReset => "Your password has been reset. You can now sign in with it.",
            Text::EmailChangeSent => {
                "We sent a confirmation link to {s}. Your e-mail address changes only after you confirm it."
            }
            Text::SignedOutEverywhere => {
                "Your password has been changed and you have been signed out everywhere. \
                 Sign in again with your new password."
            }
            Text::SessionExpired => "Your session has expired. Sign in again.",
            Text::NotSignedIn => "You are not signed in. Sign in first.",
            Text::NotAllowed => "Your account is not allowed to do this.",
            Text::TooManyAttempts => "Too many attempts.",
            Text::TryAgainInOneSecond => "Try again in 1 second.",
            Text::TryAgainInSeconds => "Try again in {n} seconds.",
            Text::TryAgainInOneMinute => "Try again in 1 minute.",
            Text::TryAgainInMinutes => "Try again in {n} minutes.",
            Text::TryAgainLater => "Try again later.",
            Text::Unreachable => "Could not reach the server. Check your connection and try again.",
            Text::ServerTrouble => "The server could not handle the request (status {n}). Try again later.",
            Text::UnexpectedAnswer => {
                "The server sent an answer the form does not understand. Try again later."
            }
            Text::TokenNotSaved => {
                "Your new sign-in could not be saved in this browser; it lasts until you close this page."
            }
            Text::LinkIncomplete => {
                "This link is incomplete. Open the link from the e-mail again, or request a new one."
            }
            Text::LinkInvalid => "This link is invalid or has expired.",
            Text::RequestNewLink => "Request a new link",
            Text::GoToSignIn => "Go to sign in",
        }
    }
}

/// Something to show to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Text(Text),
    /// A key whose text has a `{n}` placeholder.
    Count(Text, u64),
    /// A key whose text has a `{s}` placeholder.
    With(Text, String),
    /// Text from the server, shown as it was sent.
    Server(String),
}

impl Msg {
    /// The English rendering.
    pub fn en(&self) -> String {
        match self {
            Msg::Text(key) => key.en().to_owned(),
            Msg::Count(key, n) => key.en().replace("{n}", &n.to_string()),
            Msg::With(key, s) => key.en().replace("{s}", s),
            Msg::Server(text) => text.clone(),
        }
    }
}

impl From<Text> for Msg {
    fn from(key: Text) -> Self {
        Msg::Text(key)
    }
}

/// "Try again in …" for a wait of `seconds`: seconds under a minute, whole minutes (rounded up)
/// from there, since a limit can last an hour.
pub fn try_again_in(seconds: u64) -> Msg {
    match seconds {
        0 => Msg::Text(Text::TryAgainLater),
        1 => Msg::Text(Text::TryAgainInOneSecond),
        2..=59 => Msg::Count(Text::TryAgainInSeconds, seconds),
        60 => Msg::Text(Text::TryAgainInOneMinute),
        _ => Msg::Count(Text::TryAgainInMinutes, seconds.div_ceil(60)),
    }
}

/// The submit button's text while a wait of `seconds` lasts.
pub fn wait_label(seconds: u64) -> Msg {
    if seconds < 60 {
        Msg::Count(Text::WaitSeconds, seconds)
    } else {
        Msg::Count(Text::WaitMinutes, seconds.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(Msg::Count(Text::TooLong, 191).en(), "Use at most 191 characters.");
        assert_eq!(
            Msg::With(Text::EmailChangeSent, "new@example.com".into()).en(),
            "We sent a confirmation link to new@example.com. Your e-mail address changes only after you confirm it."
        );
    }

    #[test]
    fn server_text_is_kept_exactly() {
        let raw = "<img src=x onerror=alert(1)> & more";
        assert_eq!(Msg::Server(raw.into()).en(), raw);
    }

    #[test]
    fn waits_are_said_in_words() {
        assert_eq!(try_again_in(1).en(), "Try again in 1 second.");
        assert_eq!(try_again_in(42).en(), "Try again in 42 seconds.");
        assert_eq!(try_again_in(60).en(), "Try again in 1 minute.");
        assert_eq!(try_again_in(61).en(), "Try again in 2 minutes.");
        assert_eq!(try_again_in(3120).en(), "Try again in 52 minutes.");
        assert_eq!(try_again_in(3600).en(), "Try again in 60 minutes.");
        assert_eq!(wait_label(59).en(), "Wait 59 s");
        assert_eq!(wait_label(3120).en(), "Wait 52 min");
    }
}

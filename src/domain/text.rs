//! Every string the widget shows, as keys, and what a key says.
//!
//! Components never hold literal user-facing text: they show a [`Msg`], which is a key, a key
//! with a number, or text that came from the server (always rendered as text, never as HTML).

/// A string the widget itself provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    CurrentPassword,
    NewPassword,
    ConfirmNewPassword,
    ChangePassword,
    ChangingPassword,
    /// Button text while a rate limit lasts; `{n}` is seconds.
    WaitSeconds,
    ErrorPrefix,
    SummaryTitle,
    Required,
    /// `{n}` is the maximum number of characters.
    TooLong,
    PasswordsDiffer,
    PasswordChanged,
    SignedOutEverywhere,
    SessionExpired,
    NotAllowed,
    NotSignedIn,
    TooManyAttempts,
    /// `{n}` is seconds.
    TryAgainInSeconds,
    Unreachable,
    /// `{n}` is the HTTP status.
    ServerTrouble,
    UnexpectedAnswer,
    TokenNotSaved,
}

impl Text {
    /// The English text of this key.
    pub fn en(self) -> &'static str {
        match self {
            Text::CurrentPassword => "Current password",
            Text::NewPassword => "New password",
            Text::ConfirmNewPassword => "Confirm new password",
            Text::ChangePassword => "Change password",
            Text::ChangingPassword => "Changing password…",
            Text::WaitSeconds => "Wait {n} s",
            Text::ErrorPrefix => "Error:",
            Text::SummaryTitle => "There is a problem",
            Text::Required => "This field is required.",
            Text::TooLong => "Use at most {n} characters.",
            Text::PasswordsDiffer => "The passwords do not match.",
            Text::PasswordChanged => "Your password has been changed.",
            Text::SignedOutEverywhere => {
                "Your password has been changed and you have been signed out everywhere. \
                 Sign in again with your new password."
            }
            Text::SessionExpired => "Your session has expired. Sign in again.",
            Text::NotAllowed => "Your account is not allowed to do this.",
            Text::NotSignedIn => "You are not signed in. Sign in first.",
            Text::TooManyAttempts => "Too many attempts.",
            Text::TryAgainInSeconds => "Try again in {n} seconds.",
            Text::Unreachable => "Could not reach the server. Check your connection and try again.",
            Text::ServerTrouble => "The server could not handle the request (status {n}). Try again later.",
            Text::UnexpectedAnswer => {
                "The server sent an answer the form does not understand. Try again later."
            }
            Text::TokenNotSaved => {
                "Your new sign-in could not be saved in this browser; it lasts until you close this page."
            }
        }
    }
}

/// Something to show to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Text(Text),
    /// A key whose text has a `{n}` placeholder.
    Count(Text, u64),
    /// Text from the server, shown as it was sent.
    Server(String),
}

impl Msg {
    /// The English rendering.
    pub fn en(&self) -> String {
        match self {
            Msg::Text(key) => key.en().to_owned(),
            Msg::Count(key, n) => key.en().replace("{n}", &n.to_string()),
            Msg::Server(text) => text.clone(),
        }
    }
}

impl From<Text> for Msg {
    fn from(key: Text) -> Self {
        Msg::Text(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fill_the_placeholder() {
        assert_eq!(Msg::Count(Text::TooLong, 191).en(), "Use at most 191 characters.");
    }

    #[test]
    fn server_text_is_kept_exactly() {
        let raw = "<img src=x onerror=alert(1)> & more";
        assert_eq!(Msg::Server(raw.into()).en(), raw);
    }
}

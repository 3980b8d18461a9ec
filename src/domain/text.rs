//! Every string the widget shows, as keys, and what a key says.
//!
//! Components never hold literal user-facing text: they show a [`Msg`], which is a key, a key
//! with a number or a text, or text that came from the server (always rendered as text, never as
//! HTML).

/// Declares [`Text`] with, per key, its stable name (what a page uses to override it), its English
/// and its Dutch. Keeping the three side by side keeps translations complete: a key cannot exist
/// without both.
macro_rules! texts {
    ($($variant:ident $name:literal $en:literal $nl:literal;)*) => {
        /// A string the widget itself provides.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text { $($variant),* }

        impl Text {
            /// Every key, for looking one up by name.
            pub const ALL: &[Text] = &[$(Text::$variant),*];

            /// (name, English, Dutch)
            fn entry(self) -> (&'static str, &'static str, &'static str) {
                match self { $(Text::$variant => ($name, $en, $nl)),* }
            }
        }
    };
}

// `{n}` is a number, `{s}` a text. Dutch uses the polite "u" throughout.
texts! {
    CurrentPassword "current-password" "Current password" "Huidig wachtwoord";
    NewPassword "new-password" "New password" "Nieuw wachtwoord";
    ConfirmNewPassword "confirm-new-password" "Confirm new password" "Herhaal nieuw wachtwoord";
    Email "email" "E-mail address" "E-mailadres";
    NewEmail "new-email" "New e-mail address" "Nieuw e-mailadres";
    ConfirmNewEmail "confirm-new-email" "Confirm new e-mail address" "Herhaal nieuw e-mailadres";
    ChangePassword "change-password" "Change password" "Wachtwoord wijzigen";
    ChangingPassword "changing-password" "Changing password…" "Wachtwoord wordt gewijzigd…";
    SetNewPassword "set-new-password" "Set new password" "Nieuw wachtwoord instellen";
    SavingPassword "saving-password" "Saving new password…" "Nieuw wachtwoord wordt opgeslagen…";
    SendConfirmation "send-confirmation" "Send confirmation" "Bevestiging versturen";
    Sending "sending" "Sending…" "Bezig met versturen…";
    WaitSeconds "wait-seconds" "Wait {n} s" "Wacht {n} s";
    WaitMinutes "wait-minutes" "Wait {n} min" "Wacht {n} min";
    ShowPassword "show-password" "Show password" "Wachtwoord tonen";
    CapsLockOn "caps-lock-on" "Caps Lock is on." "Caps Lock staat aan.";
    ErrorPrefix "error-prefix" "Error:" "Fout:";
    Required "required" "This field is required." "Dit veld is verplicht.";
    TooLong "too-long" "Use at most {n} characters." "Gebruik maximaal {n} tekens.";
    InvalidEmail "invalid-email" "Enter an e-mail address like name@example.com." "Vul een e-mailadres in zoals naam@voorbeeld.nl.";
    PasswordsDiffer "passwords-differ" "The passwords do not match." "De wachtwoorden komen niet overeen.";
    EmailsDiffer "emails-differ" "The e-mail addresses do not match." "De e-mailadressen komen niet overeen.";
    PasswordEdgeSpace "password-edge-space" "This password cannot start or end with a space." "Dit wachtwoord mag niet met een spatie beginnen of eindigen.";
    PasswordChanged "password-changed" "Your password has been changed." "Uw wachtwoord is gewijzigd.";
    PasswordWasReset "password-was-reset" "Your password has been reset. You can now sign in with it." "Uw wachtwoord is opnieuw ingesteld. U kunt er nu mee inloggen.";
    EmailChangeSent "email-change-sent" "We sent a confirmation link to {s}. Your e-mail address changes only after you confirm it." "We hebben een bevestigingslink gestuurd naar {s}. Uw e-mailadres verandert pas nadat u dit hebt bevestigd.";
    SignedOutEverywhere "signed-out-everywhere" "Your password has been changed and you have been signed out everywhere. Sign in again with your new password." "Uw wachtwoord is gewijzigd en u bent overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord.";
    SessionExpired "session-expired" "Your session has expired. Sign in again." "Uw sessie is verlopen. Log opnieuw in.";
    NotSignedIn "not-signed-in" "You are not signed in. Sign in first." "U bent niet ingelogd. Log eerst in.";
    NotAllowed "not-allowed" "Your account is not allowed to do this." "Uw account heeft hiervoor geen toestemming.";
    TooManyAttempts "too-many-attempts" "Too many attempts." "Te veel pogingen.";
    TryAgainInOneSecond "try-again-in-one-second" "Try again in 1 second." "Probeer het over 1 seconde opnieuw.";
    TryAgainInSeconds "try-again-in-seconds" "Try again in {n} seconds." "Probeer het over {n} seconden opnieuw.";
    TryAgainInOneMinute "try-again-in-one-minute" "Try again in 1 minute." "Probeer het over 1 minuut opnieuw.";
    TryAgainInMinutes "try-again-in-minutes" "Try again in {n} minutes." "Probeer het over {n} minuten opnieuw.";
    TryAgainLater "try-again-later" "Try again later." "Probeer het later opnieuw.";
    WaitNotSaid "wait-not-said" "The server did not say how long to wait, so this form waits 1 minute." "De server zei niet hoe lang u moet wachten; dit formulier wacht daarom 1 minuut.";
    Unreachable "unreachable" "Could not reach the server. Check your connection and try again." "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.";
    NoAnswerInTime "no-answer-in-time" "The server did not answer in time." "De server antwoordde niet op tijd.";
    ConnectionLost "connection-lost" "The connection to the server failed." "De verbinding met de server is mislukt.";
    AnswerUnreadable "answer-unreadable" "The server's answer could not be read." "Het antwoord van de server was onleesbaar.";
    OutcomeUnknownPassword "outcome-unknown-password" "It is not known whether your password was changed. Try signing in with the new password before you try again." "Het is niet bekend of uw wachtwoord is gewijzigd. Probeer in te loggen met het nieuwe wachtwoord voordat u het opnieuw probeert.";
    OutcomeUnknownEmail "outcome-unknown-email" "It is not known whether the confirmation was sent. Check the new address's inbox before you try again." "Het is niet bekend of de bevestiging is verstuurd. Kijk in de inbox van het nieuwe adres voordat u het opnieuw probeert.";
    StorageBlocked "storage-blocked" "This browser blocks the storage that keeps you signed in. Allow this site to store data, then sign in again." "Deze browser blokkeert de opslag die u ingelogd houdt. Sta deze site toe gegevens op te slaan en log daarna opnieuw in.";
    ServerTrouble "server-trouble" "The server could not handle the request (status {n}). Try again later." "De server kon het verzoek niet verwerken (status {n}). Probeer het later opnieuw.";
    UnexpectedAnswer "unexpected-answer" "The server sent an answer the form does not understand. Try again later." "De server gaf een antwoord dat het formulier niet begrijpt. Probeer het later opnieuw.";
    TokenNotSaved "token-not-saved" "Your new sign-in could not be saved in this browser; it lasts until you close this page." "Uw nieuwe login kon niet in deze browser worden bewaard; hij blijft geldig tot u deze pagina sluit.";
    LinkIncomplete "link-incomplete" "This link is incomplete. Open the link from the e-mail again, or request a new one." "Deze link is onvolledig. Open de link uit de e-mail opnieuw, of vraag een nieuwe aan.";
    LinkInvalid "link-invalid" "This link is invalid or has expired." "Deze link is ongeldig of verlopen.";
    RequestNewLink "request-new-link" "Request a new link" "Nieuwe link aanvragen";
    GoToSignIn "go-to-sign-in" "Go to sign in" "Naar inloggen";
}

impl Text {
    /// The name a page uses to override this string.
    pub fn name(self) -> &'static str {
        self.entry().0
    }

    /// The key called `name`.
    pub fn from_name(name: &str) -> Option<Text> {
        Text::ALL.iter().copied().find(|text| text.name() == name)
    }

    /// The English text of this key.
    pub fn en(self) -> &'static str {
        self.entry().1
    }

    /// The text of this key in `lang`.
    pub fn in_lang(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.entry().1,
            Lang::Nl => self.entry().2,
        }
    }
}

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// Every language the widget speaks.
    pub const ALL: &[Lang] = &[Lang::En, Lang::Nl];

    /// The language of a BCP 47 tag (`nl`, `nl-BE`, `en-GB`), if the widget speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

/// The strings of one mounted form: a language, and whatever the page overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub lang: Lang,
    overrides: Vec<(Text, String)>,
}

impl Catalog {
    /// A catalog in `lang` with the page's own `overrides`.
    pub fn new(lang: Lang, overrides: Vec<(Text, String)>) -> Catalog {
        Catalog { lang, overrides }
    }

    /// The text of `key`.
    pub fn text(&self, key: Text) -> &str {
        self.overrides
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| key.in_lang(self.lang), |(_, t)| t.as_str())
    }

    /// `message` in this catalog's words.
    pub fn render(&self, message: &Msg) -> String {
        match message {
            Msg::Text(key) => self.text(*key).to_owned(),
            Msg::Count(key, n) => self.text(*key).replace("{n}", &n.to_string()),
            Msg::With(key, s) => self.text(*key).replace("{s}", s),
            Msg::Server(text) => text.clone(),
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
    #[cfg(any(test, feature = "internals"))]
    /// The English rendering.
    pub fn en(&self) -> String {
        Catalog::default().render(self)
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

/// How long the form waits after a 429 whose wait is unknown (no `Retry-After`, one that cannot
/// be read, or one a cross-origin answer does not expose): the API's shortest limit is per minute.
pub const WAIT_WHEN_NOT_SAID: u64 = 60;

/// After a 429: what to say about the wait, and how many seconds submit stays disabled.
pub fn rate_limit_wait(wait_seconds: Option<u64>) -> (Msg, u64) {
    match wait_seconds {
        Some(seconds) => (try_again_in(seconds), seconds),
        None => (Msg::Text(Text::WaitNotSaid), WAIT_WHEN_NOT_SAID),
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
    fn names_are_unique_and_every_key_has_both_languages() {
        // ALL comes from the same macro list as the enum, so it has every variant once; a name
        // given twice is found here, as the first key holding it.
        for key in Text::ALL {
            assert_eq!(Text::from_name(key.name()), Some(*key), "{} is not unique", key.name());
            assert!(!key.en().is_empty() && !key.in_lang(Lang::Nl).is_empty());
            // A placeholder in one language is a placeholder in the other.
            for placeholder in ["{n}", "{s}"] {
                assert_eq!(
                    key.en().contains(placeholder),
                    key.in_lang(Lang::Nl).contains(placeholder),
                    "{}",
                    key.name()
                );
            }
        }
    }

    #[test]
    fn dutch_uses_the_polite_form() {
        for key in Text::ALL {
            let words: Vec<String> =
                key.in_lang(Lang::Nl).split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect();
            assert!(
                !words.iter().any(|w| w == "je" || w == "jij" || w == "jouw" || w == "jullie"),
                "{}",
                key.name()
            );
        }
    }

    #[test]
    fn languages_come_from_tags() {
        assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn pages_override_strings() {
        let catalog = Catalog::new(Lang::Nl, vec![(Text::ChangePassword, "Opslaan".into())]);
        assert_eq!(catalog.text(Text::ChangePassword), "Opslaan");
        assert_eq!(catalog.render(&try_again_in(120)), "Probeer het over 2 minuten opnieuw.");
    }

    #[test]
    fn an_unknown_wait_is_said_and_still_waited() {
        assert_eq!(rate_limit_wait(Some(30)), (Msg::Count(Text::TryAgainInSeconds, 30), 30));
        assert_eq!(rate_limit_wait(Some(0)), (Msg::Text(Text::TryAgainLater), 0));
        let (said, seconds) = rate_limit_wait(None);
        assert_eq!(said, Msg::Text(Text::WaitNotSaid));
        assert_eq!(seconds, WAIT_WHEN_NOT_SAID);
        assert!(said.en().contains("1 minute") && WAIT_WHEN_NOT_SAID == 60);
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

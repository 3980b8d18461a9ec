//! Every string the widget shows, as keys, and what a key says.
//!
//! Components never hold literal user-facing text: they show a [`Msg`], which is a key, a key
//! with a number or a text, or text that came from the server (always rendered as text, never as
//! HTML).

/// Declares [`Text`] with, per key, its stable name (what a page uses to override it) and its
/// words in English, Dutch, German and French. Keeping them side by side keeps translations
/// complete: a key cannot exist without all four.
///
/// The embeddable bundle (`embed` on wasm32) carries English and Dutch only; German and French
/// come from their language files (`wemasy-auth-de.js`, `wemasy-auth-fr.js`, which `cargo xtask
/// dist` writes from this table), so that a page in English pays nothing for them.
macro_rules! texts {
    ($($variant:ident $name:literal $en:literal $nl:literal $de:literal $fr:literal;)*) => {
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

            /// The German and French, where this build carries them.
            #[cfg(any(not(feature = "embed"), not(target_arch = "wasm32")))]
            fn far(self) -> Option<(&'static str, &'static str)> {
                match self { $(Text::$variant => Some(($de, $fr))),* }
            }

            #[cfg(all(feature = "embed", target_arch = "wasm32"))]
            fn far(self) -> Option<(&'static str, &'static str)> {
                None
            }
        }
    };
}

// `{n}` is a number, `{s}` a text. Dutch uses the polite "u", German "Sie", French "vous"
// throughout; German says "Passwort". French puts a narrow no-break space before ; ! ? and a
// no-break space before :, and its apostrophe is ’.
texts! {
    CurrentPassword "current-password"
        "Current password"
        "Huidig wachtwoord"
        "Aktuelles Passwort"
        "Mot de passe actuel";
    NewPassword "new-password"
        "New password"
        "Nieuw wachtwoord"
        "Neues Passwort"
        "Nouveau mot de passe";
    ConfirmNewPassword "confirm-new-password"
        "Confirm new password"
        "Herhaal nieuw wachtwoord"
        "Neues Passwort bestätigen"
        "Confirmer le mot de passe";
    Email "email"
        "E-mail address"
        "E-mailadres"
        "E-Mail-Adresse"
        "Adresse e-mail";
    NewEmail "new-email"
        "New e-mail address"
        "Nieuw e-mailadres"
        "Neue E-Mail-Adresse"
        "Nouvelle adresse e-mail";
    ConfirmNewEmail "confirm-new-email"
        "Confirm new e-mail address"
        "Herhaal nieuw e-mailadres"
        "E-Mail-Adresse bestätigen"
        "Confirmer l’adresse e-mail";
    ChangePassword "change-password"
        "Change password"
        "Wachtwoord wijzigen"
        "Passwort ändern"
        "Modifier le mot de passe";
    ChangingPassword "changing-password"
        "Changing password…"
        "Wachtwoord wordt gewijzigd…"
        "Passwort wird geändert…"
        "Modification en cours…";
    SetNewPassword "set-new-password"
        "Set new password"
        "Nieuw wachtwoord instellen"
        "Neues Passwort festlegen"
        "Définir le mot de passe";
    SavingPassword "saving-password"
        "Saving new password…"
        "Nieuw wachtwoord wordt opgeslagen…"
        "Wird gespeichert…"
        "Enregistrement en cours…";
    SendConfirmation "send-confirmation"
        "Send confirmation"
        "Bevestiging versturen"
        "Bestätigung senden"
        "Envoyer la confirmation";
    Sending "sending"
        "Sending…"
        "Bezig met versturen…"
        "Wird gesendet…"
        "Envoi en cours…";
    WaitSeconds "wait-seconds"
        "Wait {n} s"
        "Wacht {n} s"
        "{n}\u{a0}s warten"
        "Patientez {n}\u{a0}s";
    WaitMinutes "wait-minutes"
        "Wait {n} min"
        "Wacht {n} min"
        "{n}\u{a0}min warten"
        "Patientez {n}\u{a0}min";
    ShowPassword "show-password"
        "Show password"
        "Wachtwoord tonen"
        "Passwort anzeigen"
        "Afficher le mot de passe";
    CapsLockOn "caps-lock-on"
        "Caps Lock is on."
        "Caps Lock staat aan."
        "Die Feststelltaste ist aktiviert."
        "Le verrouillage des majuscules est activé.";
    ErrorPrefix "error-prefix"
        "Error:"
        "Fout:"
        "Fehler:"
        "Erreur\u{a0}:";
    Required "required"
        "This field is required."
        "Dit veld is verplicht."
        "Dieses Feld ist erforderlich."
        "Ce champ est obligatoire.";
    TooLong "too-long"
        "Use at most {n} characters."
        "Gebruik maximaal {n} tekens."
        "Verwenden Sie höchstens {n} Zeichen."
        "Utilisez au maximum {n} caractères.";
    InvalidEmail "invalid-email"
        "Enter an e-mail address like name@example.com."
        "Vul een e-mailadres in zoals naam@voorbeeld.nl."
        "Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."
        "Saisissez une adresse e-mail comme nom@exemple.fr.";
    PasswordsDiffer "passwords-differ"
        "The passwords do not match."
        "De wachtwoorden komen niet overeen."
        "Die Passwörter stimmen nicht überein."
        "Les mots de passe ne correspondent pas.";
    EmailsDiffer "emails-differ"
        "The e-mail addresses do not match."
        "De e-mailadressen komen niet overeen."
        "Die E-Mail-Adressen stimmen nicht überein."
        "Les adresses e-mail ne correspondent pas.";
    PasswordEdgeSpace "password-edge-space"
        "This password cannot start or end with a space."
        "Dit wachtwoord mag niet met een spatie beginnen of eindigen."
        "Dieses Passwort darf nicht mit einem Leerzeichen beginnen oder enden."
        "Ce mot de passe ne peut ni commencer ni se terminer par un espace.";
    PasswordChanged "password-changed"
        "Your password has been changed."
        "Uw wachtwoord is gewijzigd."
        "Ihr Passwort wurde geändert."
        "Votre mot de passe a été modifié.";
    PasswordWasReset "password-was-reset"
        "Your password has been reset. You can now sign in with it."
        "Uw wachtwoord is opnieuw ingesteld. U kunt er nu mee inloggen."
        "Ihr Passwort wurde zurückgesetzt. Sie können sich jetzt damit anmelden."
        "Votre mot de passe a été réinitialisé. Vous pouvez maintenant l’utiliser pour vous connecter.";
    EmailChangeSent "email-change-sent"
        "We sent a confirmation link to {s}. Your e-mail address changes only after you confirm it."
        "We hebben een bevestigingslink gestuurd naar {s}. Uw e-mailadres verandert pas nadat u dit hebt bevestigd."
        "Wir haben einen Bestätigungslink an {s} gesendet. Ihre E-Mail-Adresse ändert sich erst, nachdem Sie sie bestätigt haben."
        "Nous avons envoyé un lien de confirmation à {s}. Votre adresse e-mail ne changera qu’après votre confirmation.";
    SignedOutEverywhere "signed-out-everywhere"
        "Your password has been changed and you have been signed out everywhere. Sign in again with your new password."
        "Uw wachtwoord is gewijzigd en u bent overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord."
        "Ihr Passwort wurde geändert und Sie wurden überall abgemeldet. Melden Sie sich mit Ihrem neuen Passwort erneut an."
        "Votre mot de passe a été modifié et toutes vos sessions ont été fermées. Reconnectez-vous avec votre nouveau mot de passe.";
    SessionExpired "session-expired"
        "Your session has expired. Sign in again."
        "Uw sessie is verlopen. Log opnieuw in."
        "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an."
        "Votre session a expiré. Reconnectez-vous.";
    NotSignedIn "not-signed-in"
        "You are not signed in. Sign in first."
        "U bent niet ingelogd. Log eerst in."
        "Sie sind nicht angemeldet. Melden Sie sich zuerst an."
        "Aucune session n’est ouverte. Connectez-vous d’abord.";
    NotAllowed "not-allowed"
        "Your account is not allowed to do this."
        "Uw account heeft hiervoor geen toestemming."
        "Ihr Konto ist dazu nicht berechtigt."
        "Votre compte n’est pas autorisé à effectuer cette action.";
    TooManyAttempts "too-many-attempts"
        "Too many attempts."
        "Te veel pogingen."
        "Zu viele Versuche."
        "Trop de tentatives.";
    TryAgainInOneSecond "try-again-in-one-second"
        "Try again in 1 second."
        "Probeer het over 1 seconde opnieuw."
        "Versuchen Sie es in 1 Sekunde erneut."
        "Réessayez dans 1 seconde.";
    TryAgainInSeconds "try-again-in-seconds"
        "Try again in {n} seconds."
        "Probeer het over {n} seconden opnieuw."
        "Versuchen Sie es in {n} Sekunden erneut."
        "Réessayez dans {n} secondes.";
    TryAgainInOneMinute "try-again-in-one-minute"
        "Try again in 1 minute."
        "Probeer het over 1 minuut opnieuw."
        "Versuchen Sie es in 1 Minute erneut."
        "Réessayez dans 1 minute.";
    TryAgainInMinutes "try-again-in-minutes"
        "Try again in {n} minutes."
        "Probeer het over {n} minuten opnieuw."
        "Versuchen Sie es in {n} Minuten erneut."
        "Réessayez dans {n} minutes.";
    TryAgainLater "try-again-later"
        "Try again later."
        "Probeer het later opnieuw."
        "Versuchen Sie es später erneut."
        "Réessayez plus tard.";
    WaitNotSaid "wait-not-said"
        "The server did not say how long to wait, so this form waits 1 minute."
        "De server zei niet hoe lang u moet wachten; dit formulier wacht daarom 1 minuut."
        "Der Server hat nicht angegeben, wie lange Sie warten müssen; dieses Formular wartet daher 1 Minute."
        "Le serveur n’a pas indiqué combien de temps il faut attendre\u{202f}; ce formulaire attend donc 1 minute.";
    Unreachable "unreachable"
        "Could not reach the server. Check your connection and try again."
        "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw."
        "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut."
        "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.";
    NoAnswerInTime "no-answer-in-time"
        "The server did not answer in time."
        "De server antwoordde niet op tijd."
        "Der Server hat nicht rechtzeitig geantwortet."
        "Le serveur n’a pas répondu à temps.";
    ConnectionLost "connection-lost"
        "The connection to the server failed."
        "De verbinding met de server is mislukt."
        "Die Verbindung zum Server ist fehlgeschlagen."
        "La connexion au serveur a échoué.";
    AnswerUnreadable "answer-unreadable"
        "The server's answer could not be read."
        "Het antwoord van de server was onleesbaar."
        "Die Antwort des Servers konnte nicht gelesen werden."
        "La réponse du serveur est illisible.";
    OutcomeUnknownPassword "outcome-unknown-password"
        "It is not known whether your password was changed. Try signing in with the new password before you try again."
        "Het is niet bekend of uw wachtwoord is gewijzigd. Probeer in te loggen met het nieuwe wachtwoord voordat u het opnieuw probeert."
        "Es ist nicht bekannt, ob Ihr Passwort geändert wurde. Versuchen Sie, sich mit dem neuen Passwort anzumelden, bevor Sie die Änderung wiederholen."
        "Nous ne savons pas si votre mot de passe a été modifié. Essayez de vous connecter avec le nouveau mot de passe avant de réessayer.";
    OutcomeUnknownEmail "outcome-unknown-email"
        "It is not known whether the confirmation was sent. Check the new address's inbox before you try again."
        "Het is niet bekend of de bevestiging is verstuurd. Kijk in de inbox van het nieuwe adres voordat u het opnieuw probeert."
        "Es ist nicht bekannt, ob die Bestätigung gesendet wurde. Sehen Sie im Posteingang der neuen Adresse nach, bevor Sie es erneut versuchen."
        "Nous ne savons pas si la confirmation a été envoyée. Consultez la boîte de réception de la nouvelle adresse avant de réessayer.";
    StorageBlocked "storage-blocked"
        "This browser blocks the storage that keeps you signed in. Allow this site to store data, then sign in again."
        "Deze browser blokkeert de opslag die u ingelogd houdt. Sta deze site toe gegevens op te slaan en log daarna opnieuw in."
        "Dieser Browser blockiert den Speicher, mit dem Sie angemeldet bleiben. Erlauben Sie dieser Website, Daten zu speichern, und melden Sie sich dann erneut an."
        "Ce navigateur bloque le stockage qui maintient votre session. Autorisez ce site à enregistrer des données, puis reconnectez-vous.";
    ServerTrouble "server-trouble"
        "The server could not handle the request (status {n}). Try again later."
        "De server kon het verzoek niet verwerken (status {n}). Probeer het later opnieuw."
        "Der Server konnte die Anfrage nicht verarbeiten (Status {n}). Versuchen Sie es später erneut."
        "Le serveur n’a pas pu traiter la demande (statut {n}). Réessayez plus tard.";
    UnexpectedAnswer "unexpected-answer"
        "The server sent an answer the form does not understand. Try again later."
        "De server gaf een antwoord dat het formulier niet begrijpt. Probeer het later opnieuw."
        "Der Server hat eine Antwort gesendet, die das Formular nicht versteht. Versuchen Sie es später erneut."
        "Le serveur a envoyé une réponse que le formulaire ne comprend pas. Réessayez plus tard.";
    TokenNotSaved "token-not-saved"
        "Your new sign-in could not be saved in this browser; it lasts until you close this page."
        "Uw nieuwe login kon niet in deze browser worden bewaard; hij blijft geldig tot u deze pagina sluit."
        "Ihre neue Anmeldung konnte in diesem Browser nicht gespeichert werden; sie gilt, bis Sie diese Seite schließen."
        "Votre nouvelle connexion n’a pas pu être enregistrée dans ce navigateur\u{202f}; elle reste valable jusqu’à la fermeture de cette page.";
    LinkIncomplete "link-incomplete"
        "This link is incomplete. Open the link from the e-mail again, or request a new one."
        "Deze link is onvolledig. Open de link uit de e-mail opnieuw, of vraag een nieuwe aan."
        "Dieser Link ist unvollständig. Öffnen Sie den Link aus der E-Mail erneut oder fordern Sie einen neuen an."
        "Ce lien est incomplet. Ouvrez à nouveau le lien reçu par e-mail ou demandez-en un nouveau.";
    LinkInvalid "link-invalid"
        "This link is invalid or has expired."
        "Deze link is ongeldig of verlopen."
        "Dieser Link ist ungültig oder abgelaufen."
        "Ce lien n’est pas valide ou a expiré.";
    RequestNewLink "request-new-link"
        "Request a new link"
        "Nieuwe link aanvragen"
        "Neuen Link anfordern"
        "Demander un nouveau lien";
    GoToSignIn "go-to-sign-in"
        "Go to sign in"
        "Naar inloggen"
        "Zur Anmeldung"
        "Se connecter";
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

    /// The text of this key in `lang`, if this build carries that language (English always).
    pub fn in_lang(self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::En => Some(self.entry().1),
            Lang::Nl => Some(self.entry().2),
            Lang::De => self.far().map(|(de, _)| de),
            Lang::Fr => self.far().map(|(_, fr)| fr),
        }
    }
}

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Nl,
    De,
    Fr,
}

impl Lang {
    /// Every language the widget speaks.
    pub const ALL: &[Lang] = &[Lang::En, Lang::Nl, Lang::De, Lang::Fr];

    /// The language of a BCP 47 tag as pages write them (`nl`, `nl-BE`, `de-AT`, `fr_CH`,
    /// `en-GB`): its primary subtag, whatever the region or script. `None` when the widget does
    /// not speak it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.iter().copied().find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::De => "de",
            Lang::Fr => "fr",
        }
    }

    /// Whether the embeddable bundle carries this language's words; the others come in their
    /// language files (`wemasy-auth-de.js`). Dutch is the API's own language. In a Leptos app
    /// every language is built in.
    pub fn in_bundle(self) -> bool {
        matches!(self, Lang::En | Lang::Nl)
    }

    /// The language's name, in English, for what the console says.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Dutch",
            Lang::De => "German",
            Lang::Fr => "French",
        }
    }
}

/// The strings of one mounted form: a language, and whatever the page overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The widget's own words under the overrides.
    pub lang: Lang,
    /// The form's `lang` attribute when it is not `lang`'s own tag: a language the page brings
    /// in its `strings`.
    brought: Option<String>,
    /// The page's own `strings` first, then a language file's words.
    overrides: Vec<(Text, String)>,
}

impl Catalog {
    /// A catalog in `lang` with the page's own `overrides`.
    pub fn new(lang: Lang, overrides: Vec<(Text, String)>) -> Catalog {
        Catalog { lang, brought: None, overrides }
    }

    /// The language tag the form is marked with (`lang="…"`), for assistive technology and
    /// hyphenation.
    pub fn tag(&self) -> &str {
        self.brought.as_deref().unwrap_or(self.lang.tag())
    }

    /// The text of `key`.
    pub fn text(&self, key: Text) -> &str {
        self.overrides
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| t.as_str())
            .or_else(|| key.in_lang(self.lang))
            .unwrap_or_else(|| key.en())
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

/// A form's words, from the language asked for (`asked`: the form's `lang`, else the page's
/// `<html lang>`), the page's own `strings`, and `file`: the words of a built-in language this
/// build does not carry, if the page loaded its language file. Also what to tell the page's
/// developer in the console, when the form is not entirely in the language asked for. A wrong
/// language is never a reason to refuse a form: it is shown in English and said once.
pub fn choose_words(
    asked: Option<&str>,
    strings: Vec<(Text, String)>,
    file: impl FnOnce(Lang) -> Option<Vec<(Text, String)>>,
) -> (Catalog, Option<String>) {
    choose(asked, strings, |lang| Text::CurrentPassword.in_lang(lang).is_some(), file)
}

/// [`choose_words`] for a build that carries the languages `carried` says.
fn choose(
    asked: Option<&str>,
    strings: Vec<(Text, String)>,
    carried: impl Fn(Lang) -> bool,
    file: impl FnOnce(Lang) -> Option<Vec<(Text, String)>>,
) -> (Catalog, Option<String>) {
    let Some(asked) = asked.map(str::trim).filter(|tag| !tag.is_empty()) else {
        return (Catalog::new(Lang::En, strings), None);
    };
    match Lang::from_tag(asked) {
        Some(lang) if carried(lang) => (Catalog::new(lang, strings), None),
        Some(lang) => match file(lang) {
            Some(words) => (Catalog::new(lang, [strings, words].concat()), None),
            None => (
                Catalog::new(Lang::En, strings),
                Some(format!(
                    "wemasy: the {} words are not loaded, so the form is in English: add \
                     <script src=\".../wemasy-auth-{}.js\"></script> beside the embedding script, or \
                     import \"@wemasy/auth-widget/{}\" (README, Languages)",
                    lang.name(),
                    lang.tag(),
                    lang.tag()
                )),
            ),
        },
        None if strings.is_empty() => (
            Catalog::new(Lang::En, strings),
            Some(format!(
                "wemasy: lang \"{asked}\" is not a language the widget speaks ({}), so the form is in \
                 English; to bring it, give every string in `strings` (README, Languages)",
                Lang::ALL.iter().map(|lang| lang.tag()).collect::<Vec<_>>().join(", ")
            )),
        ),
        None => {
            let missing: Vec<&str> = Text::ALL
                .iter()
                .filter(|key| !strings.iter().any(|(given, _)| given == *key))
                .map(|key| key.name())
                .collect();
            let said = (!missing.is_empty()).then(|| {
                format!(
                    "wemasy: lang \"{asked}\": `strings` lack {} of the {} names, shown in English: {}",
                    missing.len(),
                    Text::ALL.len(),
                    missing.join(", ")
                )
            });
            (Catalog { lang: Lang::En, brought: Some(asked.to_owned()), overrides: strings }, said)
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

    /// Every language's words, as this (native) build carries them all.
    fn words(lang: Lang) -> Vec<(Text, &'static str)> {
        Text::ALL.iter().map(|key| (*key, key.in_lang(lang).unwrap())).collect()
    }

    /// The words of `text`, in lower case, split at anything that is not a letter.
    fn words_of(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase).collect()
    }

    #[test]
    fn names_are_unique_and_every_key_has_every_language() {
        // ALL comes from the same macro list as the enum, so it has every variant once; a name
        // given twice is found here, as the first key holding it.
        for key in Text::ALL {
            assert_eq!(Text::from_name(key.name()), Some(*key), "{} is not unique", key.name());
            for lang in Lang::ALL {
                let text = key.in_lang(*lang).unwrap();
                assert!(!text.trim().is_empty(), "{} in {lang:?}", key.name());
                // A placeholder in one language is a placeholder in every other.
                for placeholder in ["{n}", "{s}"] {
                    assert_eq!(key.en().contains(placeholder), text.contains(placeholder), "{} {lang:?}", key.name());
                }
                // Sentences end as they do in English; labels have no full stop.
                assert_eq!(key.en().ends_with('.'), text.ends_with('.'), "{} {lang:?}: {text}", key.name());
                assert_eq!(key.en().ends_with('…'), text.ends_with('…'), "{} {lang:?}: {text}", key.name());
                assert!(!text.contains("  "), "{} {lang:?}: {text}", key.name());
                // German and French use the typographic apostrophe.
                if matches!(lang, Lang::De | Lang::Fr) {
                    assert!(!text.contains('\''), "{} {lang:?}: {text}", key.name());
                }
            }
        }
    }

    #[test]
    fn every_language_uses_the_polite_form() {
        let familiar = [
            (Lang::Nl, &["je", "jij", "jou", "jouw", "jullie"][..]),
            (Lang::De, &["du", "dich", "dir", "dein", "deine", "deinen", "euch", "euer"][..]),
            (Lang::Fr, &["tu", "toi", "ton", "ta", "tes", "te"][..]),
        ];
        for (lang, banned) in familiar {
            for (key, text) in words(lang) {
                let found: Vec<String> = words_of(text).into_iter().filter(|w| banned.contains(&w.as_str())).collect();
                assert!(found.is_empty(), "{} in {lang:?} says {found:?}: {text}", key.name());
            }
        }
        // German capitalises the polite pronoun wherever it means "you".
        for (key, text) in words(Lang::De) {
            let lower: Vec<&str> =
                text.split(|c: char| !c.is_alphabetic()).filter(|w| ["ihr", "ihre", "ihren", "ihrem"].contains(w)).collect();
            assert!(lower.is_empty(), "{}: {text}", key.name());
        }
    }

    #[test]
    fn each_language_keeps_one_word_for_password() {
        for (lang, word, not) in
            [(Lang::Nl, "wachtwoord", "paswoord"), (Lang::De, "passwort", "kennwort"), (Lang::Fr, "mot de passe", "mdp")]
        {
            for key in [Text::CurrentPassword, Text::NewPassword, Text::ChangePassword, Text::ShowPassword] {
                let text = key.in_lang(lang).unwrap().to_lowercase();
                assert!(text.contains(word) && !text.contains(not), "{} in {lang:?}: {text}", key.name());
            }
        }
    }

    #[test]
    fn french_spaces_its_punctuation_and_german_quotes_its_own_way() {
        for (key, text) in words(Lang::Fr) {
            for (index, mark) in text.char_indices() {
                let before = text[..index].chars().last();
                match mark {
                    ';' | '!' | '?' => assert_eq!(before, Some('\u{202f}'), "{}: {text}", key.name()),
                    ':' => assert_eq!(before, Some('\u{a0}'), "{}: {text}", key.name()),
                    '"' => panic!("{}: French quotes are « »: {text}", key.name()),
                    _ => {}
                }
            }
        }
        for (key, text) in words(Lang::De) {
            assert!(!text.contains('"') && !text.contains('«'), "{}: German quotes are „ “: {text}", key.name());
        }
    }

    #[test]
    fn waits_are_counted_in_each_language() {
        let table = [
            (Lang::Nl, ["Probeer het over 1 seconde opnieuw.", "Probeer het over 30 seconden opnieuw.", "Probeer het over 1 minuut opnieuw.", "Probeer het over 2 minuten opnieuw."]),
            (Lang::De, ["Versuchen Sie es in 1 Sekunde erneut.", "Versuchen Sie es in 30 Sekunden erneut.", "Versuchen Sie es in 1 Minute erneut.", "Versuchen Sie es in 2 Minuten erneut."]),
            (Lang::Fr, ["Réessayez dans 1 seconde.", "Réessayez dans 30 secondes.", "Réessayez dans 1 minute.", "Réessayez dans 2 minutes."]),
        ];
        for (lang, said) in table {
            let catalog = Catalog::new(lang, vec![]);
            let rendered = [1, 30, 60, 61].map(|seconds| catalog.render(&try_again_in(seconds)));
            assert_eq!(rendered, said.map(str::to_owned), "{lang:?}");
        }
    }

    #[test]
    fn languages_come_from_tags_as_pages_write_them() {
        let table = [
            ("nl-BE", Some(Lang::Nl)),
            ("de-AT", Some(Lang::De)),
            ("de-CH", Some(Lang::De)),
            ("fr-BE", Some(Lang::Fr)),
            ("fr-CH", Some(Lang::Fr)),
            ("fr_ca", Some(Lang::Fr)),
            ("DE", Some(Lang::De)),
            ("EN_gb", Some(Lang::En)),
            (" nl ", Some(Lang::Nl)),
            ("pl", None),
            ("deu", None),
            ("", None),
        ];
        for (tag, lang) in table {
            assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn a_form_is_in_the_language_asked_for_or_in_english_with_a_word_to_the_developer() {
        let none = |_: Lang| None;
        let polish = |keys: &[Text]| keys.iter().map(|key| (*key, format!("pl {}", key.name()))).collect::<Vec<_>>();
        // Asked for nothing, or a language this build has: no word in the console.
        assert_eq!(choose_words(None, vec![], none), (Catalog::new(Lang::En, vec![]), None));
        assert_eq!(choose_words(Some("  "), vec![], none), (Catalog::new(Lang::En, vec![]), None));
        let (german, said) = choose_words(Some("de-AT"), vec![], none);
        assert_eq!((german.lang, german.tag(), said), (Lang::De, "de", None));
        assert_eq!(german.text(Text::ChangePassword), "Passwort ändern");
        // A language nobody has: English, said.
        let (english, said) = choose_words(Some("pl"), vec![], none);
        assert_eq!((english.tag(), english.text(Text::ChangePassword)), ("en", "Change password"));
        assert!(said.unwrap().contains("lang \"pl\" is not a language the widget speaks (en, nl, de, fr)"));
        // A whole language from the page: its tag, its words, nothing said.
        let (brought, said) = choose_words(Some("pl"), polish(Text::ALL), none);
        assert_eq!((brought.tag(), said), ("pl", None));
        assert_eq!(brought.text(Text::NewPassword), "pl new-password");
        // Part of one: English for the rest, and which names are missing.
        let (part, said) = choose_words(Some("pl-PL"), polish(&Text::ALL[2..]), none);
        assert_eq!((part.tag(), part.text(Text::CurrentPassword)), ("pl-PL", "Current password"));
        let said = said.unwrap();
        assert!(said.contains("lack 2 of the 51 names, shown in English: current-password, new-password"), "{said}");
        // The page's strings win over a language's own words.
        let (mine, _) = choose_words(Some("nl"), vec![(Text::ChangePassword, "Opslaan".into())], none);
        assert_eq!((mine.text(Text::ChangePassword), mine.text(Text::NewPassword)), ("Opslaan", "Nieuw wachtwoord"));
    }

    #[test]
    fn a_language_this_build_lacks_comes_from_its_file_or_english_is_said() {
        // As the embeddable bundle is built: English and Dutch only.
        let bundle = Lang::in_bundle;
        let file = || vec![(Text::ChangePassword, "Passwort ändern".to_owned()), (Text::Sending, "Wird gesendet…".to_owned())];
        let mine = vec![(Text::Sending, "Los".to_owned())];
        let (german, said) = choose(Some("de-CH"), mine, bundle, |lang| (lang == Lang::De).then(file));
        assert_eq!((german.lang, german.tag(), said), (Lang::De, "de", None));
        // The page's own strings first, then the file's words.
        assert_eq!((german.text(Text::ChangePassword), german.text(Text::Sending)), ("Passwort ändern", "Los"));
        // No file: English, and the console says which script to add.
        let (english, said) = choose(Some("fr-BE"), vec![], bundle, |_| None);
        assert_eq!((english.lang, english.tag()), (Lang::En, "en"));
        let said = said.unwrap();
        assert!(said.contains("French words are not loaded") && said.contains("wemasy-auth-fr.js"), "{said}");
        // Dutch is in the bundle: no file asked for.
        let (dutch, said) = choose(Some("nl-BE"), vec![], bundle, |_| panic!("no file for Dutch"));
        assert_eq!((dutch.lang, said), (Lang::Nl, None));
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

//! The languages: English and Dutch in the bundle, German and French from their language files,
//! any other from the page's own `strings`; a language the page did not load or the widget lacks
//! shows the form in English and says so once in the console; a form speaks one language only.

use crate::harness::{ANY_RESET_LINK, EMBEDDING, Harness, language_script, pages_with_head};
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use serde_json::{Value, json};
use std::time::Duration;
use wemasy_auth_widget::{Lang, Text, forms};

/// Loads `lang`'s language file into the open page, as a `<script>` added to it would.
async fn load_language_file(harness: &Harness, lang: Lang) {
    let script = r#"
        const [tag, done] = arguments;
        const s = document.createElement("script");
        s.src = `/dist/wemasy-auth-${tag}.js`;
        s.onload = () => done(true);
        s.onerror = () => done(false);
        document.head.append(s);
    "#;
    let loaded = harness.js_async(script, vec![json!(lang.tag())]).await;
    assert_eq!(loaded, json!(true), "wemasy-auth-{}.js loads", lang.tag());
}

/// Adds `<wemasy-customer-password-change>` with `attributes` (name, value) to the page; returns
/// its form's `lang`, its labels and its button's words.
async fn add_form(harness: &Harness, attributes: Value) -> Value {
    let script = r#"
        const e = document.createElement("wemasy-customer-password-change");
        for (const [name, value] of arguments[0]) e.setAttribute(name, value);
        document.body.append(e);
        const form = e.querySelector("form");
        return [form && form.lang, ...[...e.querySelectorAll("label, button[type=submit]")].map((l) => l.textContent)];
    "#;
    harness.js(script, vec![attributes]).await
}

/// What the page said as a warning that is the widget's.
async fn warnings(harness: &Harness) -> Vec<String> {
    harness.console().await.into_iter().filter(|line| line.starts_with("warn: wemasy:")).collect()
}

/// The widget's words for the customer's password change, in `lang`, as [`add_form`] returns them.
fn words_in(tag: &str, text: impl Fn(Text) -> String) -> Value {
    json!([
        tag,
        text(Text::CurrentPassword),
        text(Text::NewPassword),
        text(Text::ConfirmNewPassword),
        text(Text::ChangePassword)
    ])
}

#[tokio::test]
async fn a_language_not_loaded_or_not_spoken_shows_english_and_says_so_once() {
    let harness = Harness::start_on_demo_page().await;
    let english = words_in("en", |key| key.en().to_owned());
    for attributes in [json!([["lang", "de"]]), json!([["lang", "de-AT"]]), json!([["lang", "pl"]])] {
        assert_eq!(add_form(&harness, attributes.clone()).await, english, "{attributes}");
    }
    let said = warnings(&harness).await;
    let german: Vec<_> = said.iter().filter(|line| line.contains("wemasy-auth-de.js")).collect();
    assert_eq!(german.len(), 1, "said once, for both German forms: {said:?}");
    assert!(german[0].contains("German") && german[0].contains("@wemasy/auth-widget/de"), "{said:?}");
    let polish: Vec<_> = said.iter().filter(|line| line.contains("lang \"pl\"")).collect();
    assert_eq!(polish.len(), 1, "{said:?}");
    assert!(polish[0].contains("en, nl, de, fr"), "{said:?}");

    // Loaded afterwards, the file is read by the next form that mounts.
    load_language_file(&harness, Lang::De).await;
    // The form's `lang` is its words' language: German, whatever the region asked for.
    let german = words_in("de", |key| key.in_lang(Lang::De).unwrap_or_default().to_owned());
    assert_eq!(add_form(&harness, json!([["lang", "de-CH"]])).await, german);
    assert_eq!(warnings(&harness).await, said, "nothing more to say");
    harness.finish().await;
}

#[tokio::test]
async fn a_page_brings_a_whole_language_through_strings_and_hears_what_is_missing() {
    let harness = Harness::start_on_demo_page().await;
    // A translator's whole catalog, from the list README gives (every name, placeholders kept).
    let polish = |key: Text| format!("[pl] {}", key.en());
    let catalog: serde_json::Map<String, Value> =
        Text::ALL.iter().map(|key| (key.name().to_owned(), json!(polish(*key)))).collect();
    let strings = serde_json::to_string(&catalog).unwrap();
    let shown = add_form(&harness, json!([["lang", "pl-PL"], ["strings", strings]])).await;
    assert_eq!(shown, words_in("pl-PL", polish));
    assert_eq!(warnings(&harness).await, Vec::<String>::new(), "a whole catalog needs no word");

    // A catalog with two names left out: those are in English, and the console names them.
    let mut partial = catalog.clone();
    for key in [Text::NewPassword, Text::TryAgainInSeconds] {
        partial.remove(key.name());
    }
    let strings = serde_json::to_string(&partial).unwrap();
    let shown = add_form(&harness, json!([["lang", "pl"], ["strings", strings]])).await;
    let expected =
        words_in("pl", |key| if key == Text::NewPassword { key.en().to_owned() } else { polish(key) });
    assert_eq!(shown, expected);
    let said = warnings(&harness).await;
    assert_eq!(said.len(), 1, "{said:?}");
    let lack = format!("lack 2 of the {} names", Text::ALL.len());
    assert!(
        said[0].contains(&lack)
            && said[0].contains("new-password")
            && said[0].contains("try-again-in-seconds"),
        "{said:?}"
    );
    harness.finish().await;
}

#[tokio::test]
async fn each_language_paints_with_the_page_in_its_own_words_and_stays_when_live() {
    // German and French with their files, Dutch from the bundle: every form of each, with the
    // README's default embedding, the wasm held back so that the painted form can be read.
    let mut pages = Vec::new();
    for lang in Lang::ALL.iter().filter(|lang| **lang != Lang::En) {
        let file = language_script(*lang);
        let elements: String = forms::ALL
            .iter()
            .map(|spec| {
                format!(
                    "<wemasy-{0} api-base=\"/api\" project-id=\"1\" lang=\"{1}\"></wemasy-{0}>\n",
                    spec.name(),
                    lang.tag()
                )
            })
            .collect();
        pages.push((format!("{}.html", lang.tag()), format!("{file}{elements}")));
    }
    let dir = pages_with_head(EMBEDDING, &pages);
    let options = dev_api::Options { mounted_dirs: vec![("/languages".into(), dir)], ..Default::default() };
    let harness = Harness::start_with_wasm_delay(options, Duration::from_secs(3)).await;
    let words = r#"
        return [...document.querySelectorAll("form")].map((form) =>
            [form.lang, form.querySelector("input[id]").id.startsWith("wemasy-p"),
             ...[...form.querySelectorAll("label, button")].map((e) => e.textContent)]);
    "#;
    for lang in Lang::ALL.iter().filter(|lang| **lang != Lang::En) {
        harness.open(&format!("/languages/{}.html{ANY_RESET_LINK}", lang.tag())).await;
        let painted = harness.js(words, vec![]).await;
        let live = "return [...document.querySelectorAll('form input[id]')].every((i) => !i.id.startsWith('wemasy-p'));";
        harness.wait_for("every form to be live", live, vec![]).await;
        let alive = harness.js(words, vec![]).await;
        let (Value::Array(painted), Value::Array(alive)) = (painted, alive) else { panic!("forms") };
        assert_eq!(painted.len(), forms::ALL.len(), "{lang:?}: every form painted");
        for (before, after) in painted.iter().zip(&alive) {
            assert_eq!(before[0], json!(lang.tag()), "{lang:?}");
            assert_eq!(before[1], json!(true), "{lang:?}: painted before the wasm ran");
            assert_eq!(before.as_array().map(|b| &b[2..]), after.as_array().map(|a| &a[2..]), "{lang:?}");
            // Every word on the form is one of the language's own.
            for text in before.as_array().into_iter().flatten().skip(2).filter_map(Value::as_str) {
                let its_own = Text::ALL.iter().any(|key| key.in_lang(*lang) == Some(text));
                assert!(its_own, "{lang:?}: {text:?} is not the language's");
            }
        }
        let loud: Vec<String> = harness
            .console()
            .await
            .into_iter()
            .filter(|line| {
                ["error", "warn", "uncaught", "unhandled"].iter().any(|level| line.starts_with(level))
            })
            .collect();
        assert!(loud.is_empty(), "{lang:?}: {loud:?}");
    }
    harness.finish().await;
}

#[tokio::test]
async fn a_429_is_said_in_the_forms_language_alone() {
    let harness = Harness::start().await;
    for lang in Lang::ALL {
        harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
        if !lang.in_bundle() {
            load_language_file(&harness, *lang).await;
        }
        let form =
            Form::mount_probe(&harness, "customer-password-change", json!({ "lang": lang.tag() })).await;
        // The real API's words, in English whatever the form's language.
        let fault = json!({ "status": 429, "content_type": "application/json", "body": "{\"message\":\"Too Many Attempts.\"}", "retry_after": "30" });
        harness.next_answer(fault).await;
        let say = |key: Text| key.in_lang(*lang).unwrap_or_default().to_owned();
        form.fill_and_submit(&[
            ("current_password", DEMO_CUSTOMER_PASSWORD),
            ("password", "rate limited pass"),
            ("password_confirmation", "rate limited pass"),
        ])
        .await;
        let status = form.wait_for_status_containing(&say(Text::TooManyAttempts)).await;
        // "Zu viele Versuche. Versuchen Sie es in 30 Sekunden erneut.", the count as it ticks.
        let wait = say(Text::TryAgainInSeconds);
        let (before, after) = wait.split_once("{n}").unwrap_or_default();
        let rest = status.strip_prefix(&format!("{} {before}", say(Text::TooManyAttempts)));
        let count = rest.and_then(|rest| rest.strip_suffix(after)).and_then(|n| n.parse::<u32>().ok());
        assert!(count.is_some_and(|n| (25..=30).contains(&n)), "{lang:?}: {status}");
        harness.js("window.probe.unmount && window.probe.unmount();", vec![]).await;
    }
    harness.finish().await;
}

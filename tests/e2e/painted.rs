//! The README's default embedding (the stable stylesheet and `wemasy-auth-embed.js` in the
//! `<head>`): each form paints with the page, from the markup its component rendered at build
//! time, and the wasm, held back here by a proxy, takes it over where it painted, keeping what
//! the person did before.

use crate::harness::{ANY_RESET_LINK, Engine, Harness, form_above_content, pages_embedded};
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use serde_json::{Value, json};
use std::time::Duration;
use wemasy_auth_widget::forms;

/// How long the wasm is held back: long enough for a test to act on the painted form.
const WASM_DELAY: Duration = Duration::from_secs(3);

/// A dev-api serving `pages` with the default embedding at `/painted/`, every wasm held back.
async fn serving(pages: &[(String, String)]) -> Harness {
    let dir = pages_embedded("", pages);
    let options = dev_api::Options { mounted_dirs: vec![("/painted".into(), dir)], ..Default::default() };
    Harness::start_with_wasm_delay(options, WASM_DELAY).await
}

/// Whether the form in `host` is still the painted one (its ids are the embedding script's).
async fn is_painted(harness: &Harness, host: &str) -> bool {
    let script = "const input = document.querySelector(arguments[0] + ' form input[id]'); \
                  return input ? input.id.startsWith('wemasy-p') : null;";
    harness.js(script, vec![json!(host)]).await == json!(true)
}

/// The box of every part of the form in `host` and of the first paragraph below it, rounded to
/// whole pixels, with each part's tag, class and text.
async fn layout(harness: &Harness, host: &str) -> Value {
    let script = r#"
        const host = document.querySelector(arguments[0]);
        return [...host.querySelectorAll("*"), host.nextElementSibling].map((e) => {
            const r = e.getBoundingClientRect();
            const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
            return [e.tagName, e.className, own, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(" ");
        });
    "#;
    harness.js(script, vec![json!(host)]).await
}

/// The API requests dev-api received from a form (not the test's own helpers).
async fn form_requests(harness: &Harness) -> Vec<Value> {
    let helper = |r: &Value| r["uri"].as_str().is_some_and(|uri| uri.contains("/api/__"));
    harness.api_requests().await.into_iter().filter(|r| !helper(r)).collect()
}

/// What the page logged that is an error or a warning.
async fn loud_console(harness: &Harness) -> Vec<String> {
    let loud = ["error", "warn", "uncaught", "unhandled"];
    harness
        .console()
        .await
        .into_iter()
        .filter(|line| loud.iter().any(|level| line.starts_with(level)))
        .collect()
}

#[tokio::test]
async fn every_form_paints_with_the_page_and_comes_alive_where_it_painted() {
    let pages: Vec<(String, String)> = forms::ALL
        .iter()
        .map(|spec| (format!("{}.html", spec.name()), form_above_content(spec.name(), "", None)))
        .collect();
    let harness = serving(&pages).await;
    for spec in forms::ALL {
        let host = format!("wemasy-{}", spec.name());
        // Reset forms with their link, so they show their fields.
        harness.open(&format!("/painted/{}.html{ANY_RESET_LINK}", spec.name())).await;
        assert!(
            is_painted(&harness, &host).await,
            "{}: no painted form when the page had loaded",
            spec.name()
        );
        let painted = layout(&harness, &host).await;
        let labels =
            "return [...document.querySelectorAll(arguments[0] + ' label')].map((l) => l.textContent);";
        let words = harness.js(labels, vec![json!(host)]).await;
        assert!(
            words.as_array().is_some_and(|w| !w.is_empty() && w.iter().all(|l| l.as_str().is_some_and(|l| !l.is_empty()))),
            "{}: the painted labels are {words}",
            spec.name()
        );
        Form::at(&harness, &host).wait_until_ready().await;
        let live = layout(&harness, &host).await;
        // The ids differ; nothing else that is laid out may.
        assert_eq!(painted, live, "{}: the live form is not laid out where the painted one was", spec.name());
        if Engine::current() == Engine::Chromium {
            assert_eq!(harness.layout_shift().await, 0.0, "{}: the page shifted", spec.name());
        }
        assert_eq!(loud_console(&harness).await, Vec::<String>::new(), "{}", spec.name());
    }
    harness.finish().await;
}

#[tokio::test]
async fn the_painted_form_speaks_the_pages_language_and_its_strings() {
    let body = "<wemasy-user-password-change lang=\"nl\" strings='{\"change-password\": \"Opslaan\", \
                \"new-password\": \"<b>Nieuw</b> & geheim\"}'></wemasy-user-password-change>";
    let harness = serving(&[("nl.html".into(), body.into())]).await;
    harness.open("/painted/nl.html").await;
    let host = "wemasy-user-password-change";
    assert!(is_painted(&harness, host).await, "no painted form");
    let words = r#"
        const host = document.querySelector(arguments[0]);
        return [host.querySelector("form").lang, ...[...host.querySelectorAll("label, button")].map((e) => e.textContent)];
    "#;
    let painted = harness.js(words, vec![json!(host)]).await;
    assert_eq!(
        painted,
        json!([
            "nl",
            "Huidig wachtwoord",
            "Wachtwoord tonen",
            // A page's string is text, never markup.
            "<b>Nieuw</b> & geheim",
            "Wachtwoord tonen",
            "Herhaal nieuw wachtwoord",
            "Wachtwoord tonen",
            "Opslaan"
        ])
    );
    Form::at(&harness, host).wait_until_ready().await;
    assert_eq!(harness.js(words, vec![json!(host)]).await, painted, "the live form says something else");
    harness.finish().await;
}

/// The customer password change on a page of its own, signed in, with the new password filled
/// in by a password manager and the current one typed, all before the wasm has arrived.
async fn filled_in_before_the_wasm() -> (Harness, &'static str) {
    let body = "<wemasy-customer-password-change></wemasy-customer-password-change>";
    let harness = serving(&[("change.html".into(), body.into())]).await;
    // One navigation only (the form reads the token when it sends, not when it loads).
    harness.open("/painted/change.html").await;
    harness.set_local_storage(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let host = "wemasy-customer-password-change";
    assert!(is_painted(&harness, host).await, "the wasm came before the test could type");
    Form::at(&harness, host)
        .fill_in_as_a_password_manager(&["password", "password_confirmation"], "filled in early 1")
        .await;
    Form::at(&harness, host).type_into("current_password", DEMO_CUSTOMER_PASSWORD).await;
    (harness, host)
}

/// The current password field, to press keys in.
async fn current_password(harness: &Harness, host: &str) -> fantoccini::elements::Element {
    let field = format!("{host} input[name=current_password]");
    harness.browser.find(fantoccini::Locator::Css(&field)).await.expect("the current password field")
}

#[tokio::test]
async fn what_is_typed_and_filled_in_before_the_wasm_stays_with_the_focus_and_caret() {
    let (harness, host) = filled_in_before_the_wasm().await;
    let form = Form::at(&harness, host);
    current_password(&harness, host).await.send_keys("\u{E012}\u{E012}").await.expect("two arrow keys");
    assert!(is_painted(&harness, host).await, "the wasm came before the test was done");

    Form::at(&harness, host).wait_until_ready().await;
    assert_eq!(form.value_of("current_password").await, DEMO_CUSTOMER_PASSWORD, "what was typed stays");
    assert_eq!(form.value_of("password_confirmation").await, "filled in early 1", "what was filled in stays");
    let caret = "const e = document.activeElement; return [e.getAttribute('name'), e.selectionStart];";
    let at = DEMO_CUSTOMER_PASSWORD.chars().count() - 2;
    assert_eq!(harness.js(caret, vec![]).await, json!(["current_password", at]), "focus and caret stay");
    // The form has the values as its own: the request carries them.
    form.submit().await;
    form.wait_for_status_containing("Password changed").await;
    harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "filled in early 1").await, 200);
    assert_eq!(loud_console(&harness).await, Vec::<String>::new());
    harness.finish().await;
}

#[tokio::test]
async fn enter_before_the_wasm_submits_nothing_natively_and_submits_once_it_runs() {
    let (harness, host) = filled_in_before_the_wasm().await;
    let form = Form::at(&harness, host);
    let address = harness.address().await;
    current_password(&harness, host).await.send_keys("\u{E007}").await.expect("Enter");
    harness.settle().await;
    assert_eq!(harness.address().await, address, "Enter before the wasm navigated");
    assert!(is_painted(&harness, host).await, "the wasm came before the test was done");
    assert_eq!(form_requests(&harness).await, Vec::<Value>::new(), "something was sent before the wasm ran");

    Form::at(&harness, host).wait_until_ready().await;
    // The Enter takes effect now, with the values as the form's own.
    form.wait_for_status_containing("Password changed").await;
    harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.sign_in_status("customer", DEMO_CUSTOMER_EMAIL, "filled in early 1").await, 200);
    assert_eq!(harness.address().await, address);
    assert_eq!(loud_console(&harness).await, Vec::<String>::new());
    harness.finish().await;
}

#[tokio::test]
async fn the_button_pressed_before_the_wasm_takes_effect_once_it_runs() {
    let body = "<wemasy-user-email-change></wemasy-user-email-change>";
    let harness = serving(&[("email.html".into(), body.into())]).await;
    harness.open("/painted/email.html").await;
    let host = "wemasy-user-email-change";
    let form = Form::at(&harness, host);
    assert!(is_painted(&harness, host).await, "the wasm came before the test could press");
    let address = harness.address().await;
    form.submit().await;
    harness.settle().await;
    assert_eq!(harness.address().await, address, "the button before the wasm navigated");
    Form::at(&harness, host).wait_until_ready().await;
    // The submission went through the live form: its own checks answer it.
    assert_eq!(form.wait_for_error("email").await, "Error: This field is required.");
    assert_eq!(form_requests(&harness).await, Vec::<Value>::new(), "an empty form was sent");
    harness.finish().await;
}

#[tokio::test]
async fn an_element_the_script_cannot_paint_gets_its_form_when_the_wasm_runs() {
    let harness = serving(&[("later.html".into(), "<main></main>".into())]).await;
    harness.open("/painted/later.html").await;
    // Added with content of the page's own: the embedding script leaves it to the wasm.
    let add = "document.querySelector('main').insertAdjacentHTML('beforeend', \
               '<wemasy-user-email-change><p>Loading</p></wemasy-user-email-change>'); \
               return document.querySelector('wemasy-user-email-change form') === null;";
    assert_eq!(harness.js(add, vec![]).await, json!(true), "the element was painted over the page's content");
    Form::at(&harness, "wemasy-user-email-change").wait_until_ready().await;
    harness.finish().await;
}

#[tokio::test]
async fn enter_before_the_wasm_on_a_reset_link_without_its_token_sends_nothing() {
    let body = "<wemasy-user-password-reset></wemasy-user-password-reset>";
    let harness = serving(&[("reset.html".into(), body.into())]).await;
    harness.open("/painted/reset.html").await;
    let host = "wemasy-user-password-reset";
    assert!(is_painted(&harness, host).await, "the wasm came before the test could press");
    Form::at(&harness, host).submit().await;
    // Live, the form says the link is incomplete and has nothing to send.
    harness
        .wait_for(
            "the incomplete link's notice",
            "const e = document.querySelector(arguments[0]); return !e.querySelector('input[id^=\"wemasy-p\"]') && e.textContent.includes('incomplete');",
            vec![json!(host)],
        )
        .await;
    harness.settle().await;
    assert_eq!(form_requests(&harness).await, Vec::<Value>::new(), "a reset without its token was sent");
    harness.finish().await;
}

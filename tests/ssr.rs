//! What a Leptos server renders of the forms, natively, with no browser at all (run by
//! `cargo xtask test` with `--no-default-features --features ssr`): the whole markup of a form, or
//! the refusal in its place of a configuration that is wrong on any page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use leptos::prelude::*;
use wemasy_auth_widget::{AuthWidget, Config, FormSpec, Lang, forms};

/// The HTML a server sends for `form` configured with `config`.
fn rendered(form: &'static FormSpec, config: Config) -> String {
    Owner::new().with(|| view! { <AuthWidget form=form config=config /> }.to_html())
}

#[test]
fn a_form_is_rendered_whole_on_a_server() {
    let html =
        rendered(&forms::customer_password_change::SPEC, Config::default().username("jane@example.com"));
    for part in [
        r#"<form lang="en" novalidate class="wemasy-form">"#,
        r#"<input type="text" name="username" autocomplete="username" value="jane@example.com" hidden readonly>"#,
        ">Current password</label>",
        ">New password</label>",
        ">Confirm new password</label>",
        r#"name="current_password" type="password" autocomplete="current-password""#,
        r#"name="password_confirmation" type="password" autocomplete="new-password""#,
        r#"<div role="alert" class="wemasy-alert wemasy-quiet">"#,
        r#"<div role="status" class="wemasy-status wemasy-quiet">"#,
        // Not until the browser runs the form: a native submission would put the fields in the
        // page's address.
        r#"<button type="submit" disabled class="wemasy-submit">Change password</button>"#,
    ] {
        assert!(html.contains(part), "{part:?} is not in {html}");
    }
    // Each label names its input.
    for name in ["current_password", "password", "password_confirmation"] {
        let id = html
            .split(&format!("\" name=\"{name}\""))
            .next()
            .and_then(|before| before.rsplit("id=\"").next());
        let id = id.expect("the input has an id");
        assert!(html.contains(&format!("<label for=\"{id}\"")), "no label for {name} ({id})");
    }
    assert!(!html.contains("value=\"\""), "no value is written into an input's markup");
}

#[test]
fn the_language_is_the_configured_one_and_english_otherwise() {
    let dutch = rendered(&forms::user_password_change::SPEC, Config::default().lang(Lang::Nl));
    assert!(dutch.contains(r#"<form lang="nl""#) && dutch.contains(">Huidig wachtwoord</label>"), "{dutch}");
    let english = rendered(&forms::user_password_change::SPEC, Config::default());
    assert!(english.contains(r#"<form lang="en""#), "{english}");
}

#[test]
fn a_reset_form_shows_its_fields_until_the_browser_reads_the_link() {
    let html = rendered(&forms::customer_password_reset::SPEC, Config::default().project_id(1));
    assert!(html.contains(">E-mail address</label>") && html.contains(">New password</label>"), "{html}");
    assert!(html.contains(r#"<div class="wemasy-fields">"#), "the fields are not hidden: {html}");
    assert!(
        !html.contains("incomplete"),
        "the server cannot see the link, so it does not call it incomplete"
    );
}

#[test]
fn a_configuration_wrong_on_every_page_is_refused_in_place_of_the_form() {
    let reset = &forms::customer_password_reset::SPEC;
    for (form, config, problem) in [
        (
            &forms::user_password_change::SPEC,
            Config::default().api_base("ftp://x"),
            "api-base \"ftp://x\" must be https://",
        ),
        (
            &forms::customer_password_change::SPEC,
            Config::default().api_base("http://api.example/api"),
            "api-base \"http://api.example/api\" must be https://",
        ),
        (reset, Config::default().project_id(1).sign_in_url("javascript:alert(1)"), "sign-in-url must be"),
        (
            reset,
            Config::default().project_id(1).request_reset_url("data:text/html,x"),
            "request-reset-url must be",
        ),
        (reset, Config::default(), "this form needs the shop's project-id"),
        (reset, Config::default().project_id(1 << 53), "is larger than"),
        (&forms::user_email_change::SPEC, Config::default().timeout_seconds(0), "timeout must be"),
    ] {
        let html = rendered(form, config);
        assert!(html.contains(r#"<p class="wemasy-refused">wemasy: "#), "not refused: {html}");
        assert!(html.contains(problem), "{problem:?} is not in {html}");
        assert!(!html.contains("<form"), "a refused configuration still rendered a form: {html}");
    }
}

#[test]
fn what_depends_on_the_page_is_left_to_the_browser() {
    // Another site on an https page and on an http one alike, but which one depends on the
    // page: the browser refuses it once it has the form.
    for base in ["//evil.example/api", "/api", "https://api.wemasy.nl/api", "http://localhost:8787/api"] {
        let html = rendered(&forms::user_password_change::SPEC, Config::default().api_base(base));
        assert!(html.contains("<form"), "{base:?} was refused on the server: {html}");
    }
}

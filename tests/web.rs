//! Component tests in a real headless Chromium (wasm-bindgen-test): the form as the browser
//! renders it, without a server.

#![cfg(target_arch = "wasm32")]
// A test that cannot reach the DOM should stop right there.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wemasy_auth_widget::domain::config::Config;
use wemasy_auth_widget::forms::customer_password_change::SPEC;
use wemasy_auth_widget::ui::form::AuthForm;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the customer change-password form into a fresh element and returns the element.
fn mount_form(username: Option<&'static str>) -> (web_sys::HtmlElement, UnmountHandle<impl Mountable>) {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = mount_to(host.clone(), move || {
        let config = username.map_or_else(Config::default, |name| Config::default().username(name));
        view! { <AuthForm spec=&SPEC config=config /> }
    });
    (host, handle)
}

fn input(host: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlInputElement {
    host.query_selector(&format!("input[name=\"{name}\"]")).unwrap().unwrap().unchecked_into()
}

/// Types `text` into the field `name` the way the browser reports typing: value, then `input`.
fn type_into(host: &web_sys::HtmlElement, name: &str, text: &str) {
    let field = input(host, name);
    field.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

/// Lets Leptos and pending promises run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Replaces `window.fetch` with a stub that counts calls and never answers.
fn count_fetches() -> impl Fn() -> u32 {
    let window = web_sys::window().unwrap();
    let stub = js_sys::Function::new_no_args(
        "window.__wemasyFetches = (window.__wemasyFetches || 0) + 1; return new Promise(() => {});",
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &stub).unwrap();
    js_sys::Reflect::set(&window, &"__wemasyFetches".into(), &0.into()).unwrap();
    move || {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::get(&window, &"__wemasyFetches".into()).unwrap().as_f64().unwrap_or(0.0) as u32
    }
}

#[wasm_bindgen_test]
fn every_input_has_a_visible_label_and_the_right_autocomplete() {
    let (host, _handle) = mount_form(Some("jane@example.com"));
    let expected = [
        ("current_password", "Current password", "current-password"),
        ("password", "New password", "new-password"),
        ("password_confirmation", "Confirm new password", "new-password"),
    ];
    for (name, label_text, autocomplete) in expected {
        let field = input(&host, name);
        let label: web_sys::HtmlLabelElement =
            host.query_selector(&format!("label[for=\"{}\"]", field.id())).unwrap().unwrap().unchecked_into();
        assert_eq!(label.text_content().unwrap(), label_text);
        assert_eq!(field.type_(), "password");
        assert_eq!(field.get_attribute("autocomplete").unwrap(), autocomplete);
        assert!(!field.has_attribute("maxlength"), "maxlength counts UTF-16 units, not characters");
    }
    let username = input(&host, "username");
    assert_eq!(username.get_attribute("autocomplete").unwrap(), "username");
    assert_eq!(username.value(), "jane@example.com");
    assert!(username.hidden());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_mismatched_confirmation_is_shown_on_that_field_and_nothing_is_sent() {
    let fetches = count_fetches();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("wemasy.customer_token", "1|t")
        .unwrap();
    let (host, _handle) = mount_form(None);
    type_into(&host, "current_password", "old secret");
    type_into(&host, "password", "new secret");
    type_into(&host, "password_confirmation", "new secreT");
    let button: web_sys::HtmlElement =
        host.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    button.click();
    tick().await;

    let confirmation = input(&host, "password_confirmation");
    assert_eq!(confirmation.get_attribute("aria-invalid").as_deref(), Some("true"));
    let error_id = confirmation.get_attribute("aria-describedby").expect("the input points at its error");
    let error = document().get_element_by_id(&error_id).expect("the error exists").text_content().unwrap();
    assert_eq!(error, "Error: The passwords do not match.");
    assert_eq!(input(&host, "password").get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(fetches(), 0, "no request while a rule fails");
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some(confirmation.id()),
        "focus moves to the error"
    );
    assert_eq!(confirmation.value(), "new secreT", "what was typed stays");

    // Once the rule holds, the same form does send: the counter above could have seen a request.
    type_into(&host, "password_confirmation", "new secret");
    button.click();
    tick().await;
    assert_eq!(fetches(), 1);
    host.remove();
}

/// Moves focus from the field `name` to `next`, as a pointer press on `next` would.
fn move_focus(host: &web_sys::HtmlElement, name: &str, next: &web_sys::HtmlElement) {
    input(host, name).focus().unwrap();
    next.focus().unwrap();
}

#[wasm_bindgen_test]
async fn leaving_a_field_never_moves_the_submit_button_from_under_the_pointer() {
    let _fetches = count_fetches();
    let (host, _handle) = mount_form(None);
    let button: web_sys::HtmlElement =
        host.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    let confirmation = input(&host, "password_confirmation");

    // Focus going to the submit button: no error appears (the submit itself will check).
    type_into(&host, "password", "secret one");
    type_into(&host, "password_confirmation", "secret two");
    move_focus(&host, "password_confirmation", &button);
    tick().await;
    assert_eq!(confirmation.get_attribute("aria-invalid").as_deref(), Some("false"));

    // Focus going elsewhere: the error appears.
    let current: web_sys::HtmlElement = input(&host, "current_password").unchecked_into();
    move_focus(&host, "password_confirmation", &current);
    tick().await;
    assert_eq!(confirmation.get_attribute("aria-invalid").as_deref(), Some("true"));

    // Fixed by typing: it goes. Leaving again does not bring anything back or take anything away.
    type_into(&host, "password_confirmation", "secret one");
    tick().await;
    assert_eq!(confirmation.get_attribute("aria-invalid").as_deref(), Some("false"));
    host.remove();
}

/// The body the browser writes (`JSON.stringify`) is the wire format the domain defines and the
/// native tests check (serde): same names, same order, same escaping.
#[wasm_bindgen_test]
fn the_browser_writes_the_body_the_domain_defines() {
    use wemasy_auth_widget::domain::request::RequestBody;
    use wemasy_auth_widget::forms::customer_password_reset::SPEC as RESET;
    let values =
        [" jane@example.com ".to_owned(), "quote \" slash \\ tab \t é 🎉".to_owned(), "x".to_owned()];
    let body = RequestBody::new(&RESET, &values, Some("tok\u{0}en"), Some(9_007_199_254_740_991));
    let written = wemasy_auth_widget::shell::http::to_json(&body).expect("JSON");
    assert_eq!(written, serde_json::to_string(&body).unwrap());
}

/// Answers are read from `JSON.parse` into the same value the native decoder makes, whatever
/// their shape; nesting deep enough to exhaust a stack is cut off, not a crash.
#[wasm_bindgen_test]
fn answers_read_in_the_browser_match_the_native_decoder() {
    use wemasy_auth_widget::domain::json::Json;
    use wemasy_auth_widget::shell::http::parse_json;
    for text in [
        r#"{"error":false,"data":{"token":"2|abc"},"message":"Password updated"}"#,
        r#"{"token":123,"errors":"x","message":null,"list":[1,2.5,-3e2,true,false,{}]}"#,
        r#""just text""#,
        "[]",
        "4.25",
    ] {
        let native: Json = serde_json::from_str(text).unwrap();
        assert_eq!(parse_json(text), Some(native), "{text}");
    }
    assert_eq!(parse_json("{\"token\": 123"), None);
    assert_eq!(parse_json("<h1>Bad gateway</h1>"), None);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(parse_json(&deep), Some(Json::Array(_))));
}

/// Whether a form may be mounted with `api-base` set to `value`, as the widget checks it: read by
/// this browser's own URL parser against this page.
fn api_base_accepted(value: &str) -> bool {
    wemasy_auth_widget::shell::setup::prepare(&SPEC, || Ok(Config::default().api_base(value))).is_ok()
}

#[wasm_bindgen_test]
fn api_base_is_judged_by_the_browsers_url_parser_never_by_prefix() {
    // Each looks local or secure to a prefix check; the browser sends to another host, in the
    // clear, or with credentials.
    for bad in [
        "/\\evil.example/api",
        "/\t/evil.example",
        "//evil.example/api",
        "\\\\evil.example/api",
        "http://evil.example\\.localhost/api",
        "http://localhost.evil.example/api",
        "https://api@evil.example/api",
        "https://user:secret@api.example/api",
        "http://api.example/api",
        "https://api.example/api?x=1",
        "javascript:alert(1)",
        "http://[",
    ] {
        assert!(!api_base_accepted(bad), "{bad:?} was accepted");
    }
    for fine in [
        "/api",
        "api",
        "https://api.wemasy.nl/api",
        "https://api.wemasy.nl/api/",
        "http://localhost:8787/api",
        "http://127.0.0.1/api",
        "http://[::1]:8080/api",
    ] {
        assert!(api_base_accepted(fine), "{fine:?} was refused");
    }
}

#[wasm_bindgen_test]
fn links_are_resolved_and_must_be_http() {
    use wemasy_auth_widget::shell::{setup, url};
    let (_, origin) = url::page().unwrap();
    for bad in ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "java\tscript:alert(1)"] {
        assert!(
            setup::prepare(&SPEC, || Ok(Config::default().sign_in_url(bad))).is_err(),
            "{bad:?} was accepted"
        );
    }
    let prepared = setup::prepare(&SPEC, || Ok(Config::default().request_reset_url("/forgot#new"))).unwrap();
    // As the browser resolved it: what was checked is what is used.
    let resolved = format!("{:?}", prepared.config);
    assert!(resolved.contains(&format!("request_reset_url: Some(\"{origin}/forgot#new\")")), "{resolved}");
}

#[wasm_bindgen_test]
fn whole_urls_are_told_from_relative_ones_on_any_page() {
    use wemasy_auth_widget::shell::url;
    for page in ["https://shop.example/account/", "http://127.0.0.1:8080/a/b"] {
        for relative in
            ["/api", "api", "//evil.example/api", "/\\evil.example/api", "/\t/evil.example", "?x", "#y"]
        {
            let parsed = url::parse(relative, page).unwrap();
            assert!(!parsed.absolute, "{relative:?} on {page} was taken for a whole URL");
        }
        for whole in
            ["https://api.example/api", "http://localhost/api", "javascript:alert(1)", "HTTPS://API.example"]
        {
            assert!(url::parse(whole, page).unwrap().absolute, "{whole:?} on {page}");
        }
    }
}

/// The Leptos component checks a configuration built in Rust as the custom elements check
/// attributes: one that would send passwords to another machine in the clear shows what to fix
/// in place of the form, and the form is not there to type into.
#[wasm_bindgen_test]
fn the_component_refuses_a_configuration_it_cannot_run_with_in_place_of_the_form() {
    use wemasy_auth_widget::{AuthWidget, Lang};
    let mount = |config: Config| {
        let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&host).unwrap();
        let handle =
            mount_to(host.clone(), move || view! { <AuthWidget form=&SPEC config=config.clone() /> });
        (host, handle)
    };
    let (refused, _handle) = mount(Config::default().api_base("http://api.example/api"));
    assert!(refused.query_selector("form").unwrap().is_none());
    let text = refused.text_content().unwrap();
    assert!(
        text.starts_with(
            "wemasy: customer-password-change: api-base \"http://api.example/api\" must be https://"
        ),
        "{text}"
    );
    refused.remove();

    let (shown, _handle) = mount(Config::default().lang(Lang::Nl).timeout_seconds(30));
    let button = shown.query_selector("button[type=submit]").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Wachtwoord wijzigen");
    shown.remove();
}

/// What the browser hands a server-rendered form once it has the page.
type PageSignal = RwSignal<Option<Result<wemasy_auth_widget::shell::setup::Setup, String>>>;

/// Mounts `spec` as a server-rendered form is taken over: waiting for the page's setup, which
/// the test hands it through the returned signal.
fn mount_waiting(
    spec: &'static wemasy_auth_widget::FormSpec,
) -> (web_sys::HtmlElement, UnmountHandle<impl Mountable>, PageSignal) {
    use wemasy_auth_widget::ui::form::FromPage;
    let setup: PageSignal = RwSignal::new(None);
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = mount_to(host.clone(), move || {
        let take_over = wemasy_auth_widget::ui::form::take_over;
        let page = FromPage { id: "taken-over".into(), setup: setup.read_only(), take_over };
        view! { <AuthForm spec=spec config=Config::default() page=page /> }
    });
    (host, handle, setup)
}

fn page_setup(
    reset_link: wemasy_auth_widget::domain::link::ResetLink,
) -> wemasy_auth_widget::shell::setup::Setup {
    wemasy_auth_widget::shell::setup::Setup {
        config: Config::default(),
        catalog: Default::default(),
        reset_link,
    }
}

fn submit_button(host: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    host.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_server_rendered_form_sends_nothing_until_the_page_is_known_and_keeps_what_was_typed() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("wemasy.customer_token", "1|x")
        .unwrap();
    let fetches = count_fetches();
    // And remembers what was sent.
    let recorder = js_sys::Function::new_with_args(
        "request",
        "window.__wemasyFetches += 1; request.text().then((body) => { window.__wemasySent = body; }); return new Promise(() => {});",
    );
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"fetch".into(), &recorder).unwrap();
    let (host, _handle, setup) = mount_waiting(&SPEC);
    tick().await;
    assert!(submit_button(&host).disabled(), "a form waiting for the page can be submitted");
    type_into(&host, "current_password", "correct horse");
    type_into(&host, "password", "a new battery staple");
    type_into(&host, "password_confirmation", "a new battery staple");
    // Even a script's submit sends nothing before the page's configuration is checked.
    let form: web_sys::HtmlFormElement = host.query_selector("form").unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
    tick().await;
    assert_eq!(fetches(), 0, "sent before the page's configuration was checked");
    // Typed before the wasm ran: in the input, not yet in the form.
    input(&host, "current_password").set_value("typed before");

    setup.set(Some(Ok(page_setup(Default::default()))));
    tick().await;
    assert!(!submit_button(&host).disabled(), "the form did not come alive");
    assert_eq!(input(&host, "current_password").value(), "typed before", "what was typed was overwritten");
    form.request_submit().unwrap();
    tick().await;
    assert_eq!(fetches(), 1, "the form sends once it is alive");
    tick().await;
    let sent = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__wemasySent".into()).unwrap().as_string();
    assert!(
        sent.as_deref().is_some_and(|body| body.contains(r#""current_password":"typed before""#)),
        "what was typed before is not what was sent: {sent:?}"
    );
}

#[wasm_bindgen_test]
async fn a_configuration_the_page_refuses_takes_the_place_of_the_fields() {
    let (host, _handle, setup) = mount_waiting(&SPEC);
    tick().await;
    setup.set(Some(Err("wemasy: customer-password-change: api-base \"//evil.example\" must be …".into())));
    tick().await;
    let alert = host.query_selector("[role=alert]").unwrap().unwrap().text_content().unwrap_or_default();
    assert!(alert.contains("api-base \"//evil.example\""), "alert: {alert}");
    let fields: web_sys::HtmlElement =
        host.query_selector(".wemasy-fields").unwrap().unwrap().unchecked_into();
    assert!(fields.hidden() && submit_button(&host).hidden(), "the fields stay usable");
    assert!(submit_button(&host).disabled());
}

#[wasm_bindgen_test]
async fn a_server_rendered_reset_form_takes_the_link_once_the_browser_reads_it() {
    use wemasy_auth_widget::domain::link::ResetLink;
    use wemasy_auth_widget::forms::customer_password_reset::SPEC as RESET;
    let (host, _handle, setup) = mount_waiting(&RESET);
    tick().await;
    let link = ResetLink { token: Some("t".into()), email: Some("jane@example.com".into()) };
    setup.set(Some(Ok(page_setup(link))));
    tick().await;
    assert_eq!(input(&host, "email").value(), "jane@example.com", "the link's address is filled in");

    let (host, _handle, setup) = mount_waiting(&RESET);
    tick().await;
    setup.set(Some(Ok(page_setup(ResetLink::default()))));
    tick().await;
    let alert = host.query_selector("[role=alert]").unwrap().unwrap().text_content().unwrap_or_default();
    assert!(alert.contains("This link is incomplete."), "alert: {alert}");
}

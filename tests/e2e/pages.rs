//! Page objects: where the widget's parts are, and what a user does with them. Fields are found
//! by their wire name; a field's error is found through its `aria-describedby`, so the tests also
//! prove the accessible wiring.

use crate::harness::Harness;
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN, DEMO_USER_PASSWORD, DEMO_USER_TOKEN};
use fantoccini::Locator;
use serde_json::json;
use wemasy_auth_widget::domain::spec::{Auth, FormSpec, InputKind, Realm};

pub const CUSTOMER_TOKEN_KEY: &str = "wemasy.customer_token";
pub const USER_TOKEN_KEY: &str = "wemasy.user_token";

/// A test server and browser with the demo page open, `token` stored under `key` before the widget
/// started, and the form `kind` rendered.
pub async fn open_signed_in(options: dev_api::Options, key: &str, token: &str, kind: &str) -> Harness {
    let harness = Harness::start_with(options).await;
    harness.open_signed_in(key, token).await;
    Form::new(&harness, kind).wait_until_ready().await;
    harness
}

/// One form and how to fill it in so that the server accepts it, from its declaration.
pub struct Case {
    pub spec: &'static FormSpec,
    /// (wire name, value) for every field the user types.
    pub valid: Vec<(&'static str, &'static str)>,
}

impl Case {
    pub fn of(spec: &'static FormSpec) -> Case {
        let current = match spec.auth() {
            Auth::Bearer(Realm::Customer) => DEMO_CUSTOMER_PASSWORD,
            _ => DEMO_USER_PASSWORD,
        };
        let valid = spec
            .fields()
            .iter()
            .filter_map(|field| {
                let value = match field.input {
                    InputKind::CurrentPassword => current,
                    InputKind::NewPassword => "new pass 1",
                    InputKind::NewEmail => "alex.a11y@example.com",
                    // Filled in from the reset link.
                    InputKind::AccountEmail => return None,
                };
                Some((field.name, value))
            })
            .collect();
        Case { spec, valid }
    }

    pub fn kind(&self) -> &'static str {
        self.spec.name()
    }

    /// Opens the page that shows the form ready to use: signed in, or from its reset link, which
    /// it returns.
    pub async fn open(&self, harness: &Harness) -> Option<String> {
        if self.spec.is_reset() {
            harness.open("/").await;
            let view = format!("view={}", self.spec.name());
            let mails = harness.outbox().await;
            let link = mails
                .iter()
                .filter(|mail| mail["expired"] == false)
                .filter_map(|mail| mail["link"].as_str())
                .find(|link| link.contains(&view))
                .unwrap_or_else(|| panic!("no reset link for {} in the outbox", self.spec.name()));
            let link = link.to_owned();
            harness.open(&link).await;
            Some(link)
        } else {
            harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
            harness.set_local_storage(USER_TOKEN_KEY, DEMO_USER_TOKEN).await;
            harness.open("/").await;
            None
        }
    }
}

pub struct Form<'a> {
    harness: &'a Harness,
    /// CSS selector of the element the form is mounted in.
    host: String,
}

impl<'a> Form<'a> {
    pub fn new(harness: &'a Harness, kind: &str) -> Form<'a> {
        Form { harness, host: format!("wemasy-{kind}") }
    }

    /// The form in the element matching the CSS selector `host`.
    pub fn at(harness: &'a Harness, host: &str) -> Form<'a> {
        Form { harness, host: host.to_owned() }
    }

    /// The form `kind` mounted through `mount(element, kind, options)` into a new `#probe`
    /// element at the end of the page (`window.probe` is its handle).
    pub async fn mount_probe(harness: &'a Harness, kind: &str, options: serde_json::Value) -> Form<'a> {
        let script = r#"
            const [kind, options] = arguments;
            const host = document.createElement("div"); host.id = "probe"; document.body.append(host);
            window.probe = window.wasmBindings.mount(host, kind, options);
        "#;
        harness.wait_for("the widget to start", "return !!window.wasmBindings;", vec![]).await;
        harness.js(script, vec![json!(kind), options]).await;
        let form = Form { harness, host: "#probe".into() };
        form.wait_until_ready().await;
        form
    }

    /// Clicks submit through the DOM (also while the button is covered or moving).
    pub async fn click_submit(&self) {
        let script = "document.querySelector(arguments[0]).click();";
        self.harness.js(script, vec![json!(format!("{} button[type=submit]", self.host))]).await;
    }

    /// Waits until no request of this form is under way.
    pub async fn wait_until_idle(&self) {
        let script = "return document.querySelector(arguments[0]) === null;";
        let busy = format!("{} form[aria-busy=true]", self.host);
        self.harness.wait_for("the form to be idle", script, vec![json!(busy)]).await;
    }

    /// Waits until a request of this form is under way.
    pub async fn wait_until_busy(&self) {
        let script = "return document.querySelector(arguments[0]) !== null;";
        let busy = format!("{} form[aria-busy=true]", self.host);
        self.harness.wait_for("the request to be under way", script, vec![json!(busy)]).await;
    }

    fn input_selector(&self, name: &str) -> String {
        format!("{} input[name=\"{name}\"]", self.host)
    }

    /// Waits until the form is live: rendered by the wasm, not the embedding script's painted
    /// markup (whose ids start `wemasy-p`), which the wasm replaces with its own when it runs.
    pub async fn wait_until_ready(&self) {
        let selector = format!("{} form input[id]", self.host);
        self.harness
            .wait_for(
                "the form to render",
                "const input = document.querySelector(arguments[0]); return input !== null && !input.id.startsWith('wemasy-p');",
                vec![json!(selector)],
            )
            .await;
    }

    /// The input of the field `name`.
    async fn field(&self, name: &str) -> fantoccini::elements::Element {
        self.harness.browser.find(Locator::Css(&self.input_selector(name))).await.expect("the field exists")
    }

    /// Types `text` into the field `name`, as a user would.
    pub async fn type_into(&self, name: &str, text: &str) {
        let input = self.field(name).await;
        // WebKitWebDriver drops characters beyond the Basic Multilingual Plane (🐎) from typed
        // keys. There, such text goes in as a paste does: the value, then an `input` event.
        if crate::harness::Engine::current() == crate::harness::Engine::Webkit
            && text.chars().any(|c| c > '\u{FFFF}')
        {
            let script = "const [input, text] = arguments; input.focus(); input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end'); \
                          input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));";
            let element = serde_json::to_value(&input).expect("an element reference");
            self.harness.js(script, vec![element, json!(text)]).await;
            return;
        }
        input.send_keys(text).await.expect("typing works");
    }

    /// Sets `value` into each field of `names` as a password manager does: the value, then an
    /// `input` event, with no keystrokes and no focus.
    pub async fn fill_in_as_a_password_manager(&self, names: &[&str], value: &str) {
        let script = "const [selectors, value] = arguments; for (const selector of selectors) { \
                      const input = document.querySelector(selector); input.value = value; \
                      input.dispatchEvent(new Event('input', { bubbles: true })); }";
        let selectors: Vec<String> = names.iter().map(|name| self.input_selector(name)).collect();
        self.harness.js(script, vec![json!(selectors), json!(value)]).await;
    }

    pub async fn submit(&self) {
        let selector = format!("{} button[type=submit]", self.host);
        self.harness
            .browser
            .find(Locator::Css(&selector))
            .await
            .expect("a submit button")
            .click()
            .await
            .expect("click");
    }

    /// What the field `name` holds now.
    pub async fn value_of(&self, name: &str) -> String {
        let script = "return document.querySelector(arguments[0]).value;";
        self.harness
            .js(script, vec![json!(self.input_selector(name))])
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits for an error under the field `name` and returns its text.
    pub async fn wait_for_error(&self, name: &str) -> String {
        let script = r#"
            const input = document.querySelector(arguments[0]);
            const id = input && input.getAttribute("aria-describedby");
            const error = id && document.getElementById(id);
            return input && input.getAttribute("aria-invalid") === "true" && error ? error.textContent : null;
        "#;
        let found = self
            .harness
            .wait_for(&format!("an error on {name}"), script, vec![json!(self.input_selector(name))])
            .await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// The `href` of the link in the form's notice, if there is one.
    pub async fn notice_link(&self) -> Option<String> {
        let script =
            "const a = document.querySelector(arguments[0]); return a ? a.getAttribute('href') : null;";
        let selector = format!("{} a.wemasy-link", self.host);
        self.harness.js(script, vec![json!(selector)]).await.as_str().map(str::to_owned)
    }

    /// The submit button's text and whether it is disabled.
    pub async fn submit_button(&self) -> (String, bool) {
        let script = "const b = document.querySelector(arguments[0]); return [b.textContent, b.disabled];";
        let selector = format!("{} button[type=submit]", self.host);
        let state = self.harness.js(script, vec![json!(selector)]).await;
        (state[0].as_str().unwrap_or_default().to_owned(), state[1].as_bool().unwrap_or(false))
    }

    /// Clears the field `name` and types `text`.
    pub async fn retype(&self, name: &str, text: &str) {
        let input = self.field(name).await;
        input.clear().await.expect("clearing works");
        input.send_keys(text).await.expect("typing works");
    }

    /// Waits for the form's whole text (notices included) to contain `text`.
    pub async fn wait_for_text(&self, text: &str) -> String {
        let script = "const h = document.querySelector(arguments[0]); const t = h ? h.textContent : ''; return t.includes(arguments[1]) ? t : null;";
        let found = self
            .harness
            .wait_for(&format!("\"{text}\" in the form"), script, vec![json!(self.host), json!(text)])
            .await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the live region with `role` contains `text` ("" for anything), and returns all
    /// it says.
    async fn wait_for_region(&self, role: &str, text: &str) -> String {
        // Not while the form is busy: then the status region only says that a request is under way.
        let script = "if (document.querySelector(arguments[2])) return null; \
                      const r = document.querySelector(arguments[0]); \
                      return r && r.textContent && r.textContent.includes(arguments[1]) ? r.textContent : null;";
        let selector = format!("{} [role={role}]", self.host);
        let busy = format!("{} form[aria-busy=true]", self.host);
        let what = format!("the {role} region to say \"{text}\"");
        let found =
            self.harness.wait_for(&what, script, vec![json!(selector), json!(text), json!(busy)]).await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Waits for the status region (progress, waiting, success) to say something.
    pub async fn wait_for_status(&self) -> String {
        self.wait_for_region("status", "").await
    }

    /// Waits until the status region contains `text`.
    pub async fn wait_for_status_containing(&self, text: &str) -> String {
        self.wait_for_region("status", text).await
    }

    /// Waits for the alert region (errors) to say something.
    pub async fn wait_for_alert(&self) -> String {
        self.wait_for_region("alert", "").await
    }

    /// Waits until the alert region contains `text`.
    pub async fn wait_for_alert_containing(&self, text: &str) -> String {
        self.wait_for_region("alert", text).await
    }

    /// Fills in every field of `values` (wire name, text) and clicks submit.
    pub async fn fill_and_submit(&self, values: &[(&str, &str)]) {
        for (name, value) in values {
            self.retype(name, value).await;
        }
        self.click_submit().await;
    }

    /// Double-clicks the submit button with the pointer, as a user does: two clicks in quick
    /// succession.
    pub async fn double_click_submit(&self) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let selector = format!("{} button[type=submit]", self.host);
        let button = self.harness.browser.find(Locator::Css(&selector)).await.expect("a submit button");
        // Pointer actions do not scroll (WebKit refuses a target outside the viewport).
        self.harness
            .js(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&button).expect("an element reference")],
            )
            .await;
        let click = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: button, duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.harness.browser.perform_actions(click).await.expect("double click");
    }

    /// Tries to send the form while its button is disabled: a click, and a submit from script
    /// (which a disabled button does not stop).
    pub async fn force_submit(&self) {
        let script = "const b = document.querySelector(arguments[0]); b.click(); b.form.requestSubmit();";
        self.harness.js(script, vec![json!(format!("{} button[type=submit]", self.host))]).await;
    }
}

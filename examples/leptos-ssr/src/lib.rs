//! A webshop's account pages, written in Leptos, rendered on the server and hydrated in the
//! browser, with two of the widget's forms in the shop's own layout: the password change on `/`
//! and the reset from the e-mailed link on `/reset-password`. The forms are in the HTML the server
//! sends, so they paint with the page; once the wasm has taken them over they check, send and
//! report. The shop hears every handler and lists what it heard.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wemasy_auth_widget::{AuthWidget, Config, FormSpec, TokenChanged};

/// The signed-in customer, as the shop knows it (dev-api's seeded webshop customer).
pub const ACCOUNT: &str = "jane@example.com";
/// The shop's project (dev-api's seeded one).
pub const PROJECT_ID: u64 = 1;

/// The whole page, as the server sends it.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Wemasy Shop: your account"</title>
                // The widget's stylesheet, served from `wemasy_auth_widget::STYLESHEET` (main.rs).
                <link rel="stylesheet" href="/wemasy.css" />
                <link rel="stylesheet" href="/app.css" />
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// What the shop heard from its forms, newest first; and whether the session is gone.
#[derive(Clone, Copy)]
struct Heard {
    activity: RwSignal<Vec<String>>,
    signed_out: RwSignal<bool>,
}

impl Heard {
    fn log(self, line: String) {
        self.activity.update(|list| list.insert(0, line));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let heard = Heard { activity: RwSignal::new(Vec::new()), signed_out: RwSignal::new(false) };
    provide_context(heard);
    view! {
        <Router>
            <header class="shop-header">
                <a class="shop-brand" href="/">"Wemasy Shop"</a>
                <a href="/">"Account"</a>
                <a href="/reset-password">"Reset password"</a>
            </header>
            <Show when=move || heard.signed_out.get()>
                <p class="shop-banner" role="alert">"You have been signed out. Sign in again to continue."</p>
            </Show>
            <main class="shop-main">
                <Routes fallback=|| "Page not found.">
                    <Route path=path!("/") view=Account />
                    <Route path=path!("/reset-password") view=ResetPassword />
                </Routes>
                <section class="shop-activity" aria-labelledby="activity-title">
                    <h2 id="activity-title">"Activity"</h2>
                    <ul class="shop-activity-list">
                        {move || heard.activity.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </section>
            </main>
        </Router>
    }
}

/// The account page: the signed-in customer changes their password.
#[component]
fn Account() -> impl IntoView {
    let heard = expect_context::<Heard>();
    let token_changed = move |change: TokenChanged| {
        let what = match (change.removed, change.persisted) {
            (true, _) => "removed",
            (false, true) => "stored",
            (false, false) => "kept for this page",
        };
        heard.log(format!("token-changed: {what}"));
    };
    let unauthenticated = move |()| {
        heard.signed_out.set(true);
        heard.log("unauthenticated".to_owned());
    };
    let rate_limited = move |seconds: Option<u64>| {
        heard.log(format!("rate-limited: {}", seconds.map_or("?".to_owned(), |s| s.to_string())));
    };
    view! {
        <section class="shop-card" aria-labelledby="password-title">
            <h1 id="password-title">"Password"</h1>
            <AuthWidget
                form=FormSpec::CUSTOMER_PASSWORD_CHANGE
                config=Config::default().username(ACCOUNT)
                on_success=move |message: String| heard.log(format!("success: {message}"))
                on_token_changed=token_changed
                on_unauthenticated=unauthenticated
                on_rate_limited=rate_limited
                on_error=move |message: String| heard.log(format!("error: {message}"))
            />
        </section>
    }
}

/// Where the reset e-mail's link leads: a new password for the customer.
#[component]
fn ResetPassword() -> impl IntoView {
    let heard = expect_context::<Heard>();
    view! {
        <section class="shop-card" aria-labelledby="reset-title">
            <h1 id="reset-title">"Choose a new password"</h1>
            <AuthWidget
                form=FormSpec::CUSTOMER_PASSWORD_RESET
                config=Config::default().project_id(PROJECT_ID).sign_in_url("/")
                on_success=move |message: String| heard.log(format!("success: {message}"))
                on_error=move |message: String| heard.log(format!("error: {message}"))
            />
        </section>
    }
}

/// The browser's entry: takes over what the server rendered (`HydrationScripts` calls it).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}

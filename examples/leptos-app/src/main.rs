//! A platform's account settings page, written in Leptos, with two of the widget's forms in its
//! own layout. It hears what they do: successes go into the page's activity list, and a session
//! the server no longer accepts shows the app's own "signed out" banner.

use leptos::prelude::*;
use wemasy_auth_widget::{AuthWidget, Config, FormSpec};

/// The signed-in account, as the app knows it (dev-api's seeded platform user).
const ACCOUNT: &str = "alex@example.com";

fn main() {
    leptos::mount::mount_to_body(Settings);
}

#[component]
fn Settings() -> impl IntoView {
    let (activity, set_activity) = signal(Vec::<String>::new());
    let (signed_out, set_signed_out) = signal(false);
    // The API is this site's own `/api` (the default); the account name helps password managers.
    let config = Config::default().username(ACCOUNT);
    let log = move |message: String| set_activity.update(|list| list.insert(0, message));
    let sign_out = move |()| set_signed_out.set(true);
    view! {
        <header class="app-header">
            <span class="app-brand">"Wemasy Studio"</span>
            <span class="app-account">{ACCOUNT}</span>
        </header>
        <Show when=move || signed_out.get()>
            <p class="app-banner" role="alert">
                "You have been signed out. Sign in again to change your settings."
            </p>
        </Show>
        <main class="app-settings">
            <section class="app-card" aria-labelledby="password-title">
                <h2 id="password-title">"Password"</h2>
                <AuthWidget
                    form=FormSpec::USER_PASSWORD_CHANGE
                    config=config.clone()
                    on_success=log
                    on_unauthenticated=sign_out
                />
            </section>
            <section class="app-card" aria-labelledby="email-title">
                <h2 id="email-title">"E-mail address"</h2>
                <AuthWidget
                    form=FormSpec::USER_EMAIL_CHANGE
                    config
                    on_success=log
                    on_unauthenticated=sign_out
                />
            </section>
            <section class="app-activity" aria-labelledby="activity-title">
                <h2 id="activity-title">"Activity"</h2>
                <ul class="app-activity-list">
                    {move || activity.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
                </ul>
            </section>
        </main>
    }
}

//! The npm package as a shop uses it: `cargo xtask package`'s tarball (`WEMASY_PACKAGE`) installed
//! with npm into a fresh project, offline, from the file; an entry that imports it bundled with
//! esbuild and driven in the browser; and its TypeScript declarations checked with `tsc`, on a
//! file that must pass and one that must fail.

use crate::harness::{Harness, dir_from_env};
use crate::pages::{CUSTOMER_TOKEN_KEY, Form};
use dev_api::{DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMER_TOKEN};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const PACKAGE: &str = "@wemasy/auth-widget";

/// Runs `program` in `dir`; returns whether it succeeded and what it printed.
fn run(dir: &Path, program: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("npm_config_update_notifier", "false")
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), printed)
}

/// What `npm init -y` writes today: the project's `.js` files are CommonJS.
const COMMONJS_PROJECT: &str = r#"{ "name": "shop", "private": true, "type": "commonjs" }"#;
const MODULE_PROJECT: &str = r#"{ "name": "shop", "private": true, "type": "module" }"#;

/// A new shop project (`package_json`) with the package installed from the tarball, without the
/// network.
fn shop_with_package(package_json: &str) -> PathBuf {
    static PROJECTS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wemasy-shop-{}-{}",
        std::process::id(),
        PROJECTS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("package.json"), package_json).unwrap();
    let tarball = dir_from_env("WEMASY_PACKAGE");
    let (installed, printed) = run(
        &dir,
        Path::new("npm"),
        &["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", &tarball.to_string_lossy()],
    );
    assert!(installed, "npm install of {} failed:\n{printed}", tarball.display());
    dir
}

#[test]
fn the_installed_package_has_every_file_its_readmes_promise() {
    let installed = shop_with_package(MODULE_PROJECT).join("node_modules").join(PACKAGE);
    // README.md (Install) and npm/README.md name these; the stable names are the embedding's.
    for file in [
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "package.json",
        "index.d.ts",
        "custom-elements.json",
        "integrity.json",
        "wemasy-auth.js",
        "wemasy-auth-embed.js",
        "wemasy-auth.css",
    ] {
        assert!(installed.join(file).is_file(), "the package has no {file}");
    }
}

#[tokio::test]
async fn a_commonjs_shop_bundles_the_installed_package_with_esbuild_and_both_ways_of_embedding_work() {
    let shop = shop_with_package(COMMONJS_PROJECT);
    // `.mjs`, as README says: in a `"type": "commonjs"` project esbuild wraps a `.js` entry as
    // CommonJS, where the loader's top-level await is a syntax error in the browser.
    std::fs::write(
        shop.join("entry.mjs"),
        format!(
            "import {{ mount }} from \"{PACKAGE}\";\n\
             mount(document.querySelector(\"#by-script\"), \"user-email-change\", {{ lang: \"nl\" }});\n"
        ),
    )
    .unwrap();
    let esbuild = dir_from_env("WEMASY_ESBUILD");
    // Without `--format=esm` (README's one option for esbuild), esbuild writes a classic script,
    // and says at build time that the loader's top-level await cannot be in one.
    let (classic, printed) =
        run(&shop, &esbuild, &["entry.mjs", "--bundle", "--outfile=classic/entry.js", "--log-level=warning"]);
    assert!(!classic && printed.contains("Top-level await"), "esbuild without --format=esm:\n{printed}");
    let (bundled, printed) = run(
        &shop,
        &esbuild,
        &["entry.mjs", "--bundle", "--format=esm", "--outfile=public/entry.js", "--log-level=warning"],
    );
    assert!(bundled, "esbuild failed:\n{printed}");
    // esbuild does not follow `new URL("./…", import.meta.url)`: the files go beside the bundle,
    // as the package's README says.
    let installed = shop.join("node_modules").join(PACKAGE);
    for entry in std::fs::read_dir(&installed).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".wasm") || name.ends_with(".css") {
            std::fs::copy(installed.join(&name), shop.join("public").join(&name)).unwrap();
        }
    }
    let bundle = std::fs::read_to_string(shop.join("public/entry.js")).unwrap();
    assert!(!bundle.contains("import(\""), "the glue and its snippet are in the bundle");
    std::fs::write(
        shop.join("public/index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop</title>\
         <script type=\"module\" src=\"entry.js\"></script></head><body>\
         <wemasy-customer-password-change></wemasy-customer-password-change>\
         <div id=\"by-script\"></div></body></html>",
    )
    .unwrap();

    let harness =
        Harness::start_with(dev_api::Options { static_dir: Some(shop.join("public")), ..Default::default() })
            .await;
    harness.open_signed_in(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    let by_script = Form::at(&harness, "#by-script");
    by_script.wait_until_ready().await;
    assert_eq!(by_script.submit_button().await.0, "Bevestiging versturen");
    let form = Form::at(&harness, "wemasy-customer-password-change");
    form.fill_and_submit(&[
        ("current_password", DEMO_CUSTOMER_PASSWORD),
        ("password", "bundled horse battery"),
        ("password_confirmation", "bundled horse battery"),
    ])
    .await;
    let status = form.wait_for_status().await;
    assert!(status.contains("Password changed"), "status: {status}");
    let fresh = harness.wait_for_token_other_than(CUSTOMER_TOKEN_KEY, DEMO_CUSTOMER_TOKEN).await;
    assert_eq!(harness.status_with_token(&fresh).await, 422, "the fresh token is stored and accepted");
    let console = harness.console().await;
    assert!(
        console.iter().all(|line| !line.starts_with("error") && !line.starts_with("uncaught")),
        "{console:?}"
    );
    harness.finish().await;
    let _ = std::fs::remove_dir_all(&shop);
}

/// Type-checks `source` as `name` in `shop` against the installed package.
fn type_check(shop: &Path, name: &str, source: &str) -> (bool, String) {
    std::fs::write(shop.join(name), source).unwrap();
    let tsc = dir_from_env("WEMASY_TSC");
    run(
        shop,
        &tsc,
        &[
            "--noEmit",
            "--strict",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--lib",
            "es2022,dom",
            name,
        ],
    )
}

#[tokio::test]
async fn the_types_accept_what_the_widget_does_and_refuse_what_it_does_not() {
    let shop = shop_with_package(MODULE_PROJECT);
    let good = format!(
        r#"import {{ mount, type FormKind, type MountHandle, type WemasyEvent }} from "{PACKAGE}";
const kind: FormKind = "customer-password-reset";
const host = document.createElement("div");
const handle: MountHandle = mount(host, kind, {{ projectId: 1, lang: "nl", timeout: 30, strings: {{ "set-new-password": "Opslaan" }} }});
handle.unmount();
const element = document.querySelector("wemasy-user-email-change");
element?.setAttribute("api-base", "https://api.wemasy.nl/api");
document.addEventListener("wemasy-auth:token-changed", (event) => {{
  const persisted: boolean = event.detail.persisted;
  const key: string = event.detail.key;
  console.log(persisted, key, event.detail.form);
}});
document.body.addEventListener("wemasy-auth:rate-limited", (event: WemasyEvent<"wemasy-auth:rate-limited">) => {{
  const seconds: number | null = event.detail.seconds;
  console.log(seconds);
}});
"#
    );
    let (passed, printed) = type_check(&shop, "good.ts", &good);
    assert!(passed, "good.ts must type-check:\n{printed}");

    // Each line below the import is one mistake; each must be reported on its own line.
    let bad = format!(
        r#"import {{ mount }} from "{PACKAGE}";
mount(document.body, "customer-password-changes");
mount(document.body, "user-email-change", {{ apiBse: "/api" }});
mount(document.body, "user-email-change", {{ strings: {{ "chnage-password": "x" }} }});
document.addEventListener("wemasy-auth:token-changed", (event) => console.log(event.detail.message));
document.addEventListener("wemasy-auth:success", (event) => {{ const n: number = event.detail.message; console.log(n); }});
"#
    );
    let (passed, printed) = type_check(&shop, "bad.ts", &bad);
    assert!(!passed, "bad.ts must not type-check");
    for line in 2..=6 {
        assert!(
            printed.contains(&format!("bad.ts({line},")),
            "no error on line {line} of bad.ts:\n{printed}"
        );
    }
    let _ = std::fs::remove_dir_all(&shop);
}

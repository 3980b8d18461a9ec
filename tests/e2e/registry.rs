//! What ARCHITECTURE.md's "Adding a form" asks for besides the declaration, checked for every
//! registered form: dev-api answers its endpoint, and it has a scenario file of its own here.

use crate::harness::Harness;
use serde_json::json;
use wemasy_auth_widget::forms;

#[tokio::test]
async fn every_registered_form_has_a_dev_api_route_and_an_end_to_end_scenario() {
    let harness = Harness::start().await;
    harness.open("/").await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("tests/e2e/main.rs");
    let status = r#"
        const [path, done] = arguments;
        fetch("/api" + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
            .then((r) => done(r.status), () => done(0));
    "#;
    for spec in forms::ALL {
        let answer = harness.js_async(status, vec![json!(spec.endpoint())]).await;
        // Anything but "no such route": an empty body gets 401 or 422 from a real handler.
        assert!(
            ![json!(0), json!(404), json!(405)].contains(&answer),
            "{}: dev-api answers POST {} with {answer}: add its route to dev-api",
            spec.name(),
            spec.endpoint()
        );
        let module = spec.name().replace('-', "_");
        assert!(
            dir.join(format!("{module}.rs")).is_file() && main.contains(&format!("\nmod {module};\n")),
            "{}: no end-to-end scenario: add tests/e2e/{module}.rs and `mod {module};` to tests/e2e/main.rs",
            spec.name()
        );
    }
    harness.finish().await;
}

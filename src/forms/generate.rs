//! The parts of other files that depend on which forms exist, written from [`super::ALL`] by the
//! test below (rust-analyzer's "source generation" tests do the same): when a file differs, the
//! test rewrites it and fails, so the change shows up in review and CI.
//!
//! - `style/widget.css`: each element is a block and, until the wasm has defined it, takes the
//!   room its form will take;
//! - `README.md`: the table of forms, the list of elements and the names of the strings with
//!   their English (what a translator works from);
//! - `index.html`: the demo page's section for each form;
//! - `npm/index.d.ts` and `npm/custom-elements.json`, whole (`typescript.rs`).

// Test code throughout (compiled for native tests only): a file that cannot be read is a failed test.
#![allow(clippy::panic)]

use crate::domain::spec::{Auth, FormSpec, Realm};

/// A part of a file between two marker lines, and what belongs there.
struct Part {
    file: &'static str,
    start: &'static str,
    end: &'static str,
    text: String,
}

/// One row of a form: the label (one line, line-height 1.4), the 0.25rem between it and the
/// control, the control (the input: 2.75rem high at least, or its line, 1rem of padding and 4px of
/// border; the show-password button is never higher) and the gap to what follows. The font size
/// and the gap are the form's own custom properties, read where the element is, as the form will
/// read them.
const ROW: &str = "1.4 * var(--wemasy-font-size, 1rem) + 0.25rem \
    + max(2.75rem, 1.4 * var(--wemasy-font-size, 1rem) + 1rem + 4px) + var(--wemasy-spacing, 1rem)";
/// After the rows, the submit button (2.75rem at least, or its line and 1rem of padding). The
/// live regions are empty and take no room.
const AFTER_ROWS: &str = "max(2.75rem, 1.4 * var(--wemasy-font-size, 1rem) + 1rem)";

/// The stylesheet's rules for the given forms.
fn stylesheet(forms: &[&FormSpec]) -> String {
    let elements: Vec<String> = forms.iter().map(|spec| format!("wemasy-{}", spec.name)).collect();
    let mut css = format!("{} {{ display: block; }}\n", elements.join(", "));
    for (element, spec) in elements.iter().zip(forms) {
        css.push_str(&format!(
            "{element}:not(:defined) {{ min-height: calc({} * ({ROW}) + {AFTER_ROWS}); }}\n",
            spec.fields.len()
        ));
    }
    css
}

/// What a form is, in a few words: the first line of its declaration's module documentation.
pub(super) fn title(spec: &FormSpec) -> String {
    let path = format!("{}/src/forms/{}.rs", env!("CARGO_MANIFEST_DIR"), spec.name.replace('-', "_"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let line = source.lines().next().and_then(|line| line.strip_prefix("//! "));
    line.unwrap_or_else(|| panic!("{path} starts with no `//! ` line saying what the form is")).to_owned()
}

/// Who must be signed in, in words.
fn signed_in(spec: &FormSpec) -> &'static str {
    match spec.auth {
        Auth::Bearer(Realm::Customer) => "customer token",
        Auth::Bearer(Realm::User) => "user token",
        Auth::Public => "no: the e-mailed link",
    }
}

/// README's table of forms.
fn readme_table(forms: &[&FormSpec]) -> String {
    let mut table = String::from("| form | what it is | signed in? |\n|---|---|---|\n");
    for spec in forms {
        table.push_str(&format!("| `{}` | {} | {} |\n", spec.name, title(spec), signed_in(spec)));
    }
    table
}

/// README's list of elements.
fn readme_elements(forms: &[&FormSpec]) -> String {
    let elements: Vec<String> = forms.iter().map(|spec| format!("`<wemasy-{}>`", spec.name)).collect();
    format!("The elements: {}.\n", elements.join(", "))
}

/// Every string's name and its English, as README's Languages section lists them for a page
/// that brings its own language.
fn readme_strings() -> String {
    use crate::domain::text::Text;
    let mut table = String::from("| name | English |\n|---|---|\n");
    for key in Text::ALL {
        table.push_str(&format!("| `{}` | {} |\n", key.name(), key.en().replace('|', "\\|")));
    }
    table
}

/// The demo page's sections: each form with the attributes it needs there. A reset form's
/// section is marked, so that a link can name the one it is for (`demo/view.js`).
fn demo_sections(
    forms: &[&FormSpec],
    title: &dyn Fn(&FormSpec) -> String,
    customer: &str,
    user: &str,
) -> String {
    let mut sections = Vec::new();
    for spec in forms {
        let name = spec.name;
        let mut attributes = String::new();
        let has_password = spec.fields.iter().any(|field| field.input.is_password());
        match spec.auth {
            Auth::Bearer(Realm::Customer) if has_password => {
                attributes.push_str(&format!(" username=\"{customer}\""))
            }
            Auth::Bearer(Realm::User) if has_password => {
                attributes.push_str(&format!(" username=\"{user}\""))
            }
            _ => {}
        }
        if spec.needs_project_id() {
            attributes.push_str(" project-id=\"1\"");
        }
        let (marker, hint) = if spec.needs_reset_token() {
            attributes.push_str(" sign-in-url=\"/\" request-reset-url=\"/#outbox\"");
            (
                " data-demo-reset",
                "\n      <p class=\"demo-hint\">Open its reset link from the outbox below.</p>",
            )
        } else {
            ("", "")
        };
        sections.push(format!(
            "    <section class=\"demo-panel\" id=\"{name}\" aria-labelledby=\"{name}-title\"{marker}>\n      \
             <h2 id=\"{name}-title\">{}</h2>{hint}\n      <wemasy-{name}{attributes}></wemasy-{name}>\n    </section>\n",
            title(spec).trim_end_matches('.')
        ));
    }
    sections.join("\n")
}

/// `contents` with the text between the part's markers replaced by the part's text; a part
/// without markers is the whole file.
fn with_part(contents: &str, part: &Part) -> Option<String> {
    if part.start.is_empty() {
        return Some(part.text.clone());
    }
    let start = contents.find(part.start)? + part.start.len();
    let end = start + contents.get(start..)?.find(part.end)?;
    Some(format!("{}{}{}", contents.get(..start)?, part.text, contents.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of the repository.
    fn read(file: &str) -> String {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn parts() -> Vec<Part> {
        let forms = &super::super::ALL;
        vec![
            Part {
                file: "style/widget.css",
                start: "/* generated */\n",
                end: "/* end generated */\n",
                text: stylesheet(forms),
            },
            Part {
                file: "README.md",
                start: "<!-- generated: forms -->\n",
                end: "<!-- end generated -->\n",
                text: readme_table(forms),
            },
            Part {
                file: "README.md",
                start: "<!-- generated: elements -->\n",
                end: "<!-- end generated -->\n",
                text: readme_elements(forms),
            },
            Part {
                file: "README.md",
                start: "<!-- generated: strings -->\n",
                end: "<!-- end generated -->\n",
                text: readme_strings(),
            },
            Part {
                file: "index.html",
                start: "    <!-- generated: one section per form -->\n",
                end: "    <!-- end generated -->\n",
                text: demo_sections(forms, &title, dev_api::DEMO_CUSTOMER_EMAIL, dev_api::DEMO_USER_EMAIL),
            },
            Part {
                file: "npm/index.d.ts",
                start: "",
                end: "",
                text: super::super::typescript::typescript(forms),
            },
            Part {
                file: "npm/custom-elements.json",
                start: "",
                end: "",
                text: super::super::typescript::manifest(forms, &read("style/widget.css")),
            },
        ]
    }

    #[test]
    fn the_files_that_list_forms_are_written_from_the_declarations() {
        let mut rewritten = Vec::new();
        for part in parts() {
            let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), part.file);
            let contents = std::fs::read_to_string(&path).unwrap_or_default();
            let expected = with_part(&contents, &part)
                .unwrap_or_else(|| panic!("{path} has no `{}` marker", part.start.trim()));
            if contents != expected {
                if let Some(dir) = std::path::Path::new(&path).parent() {
                    std::fs::create_dir_all(dir).unwrap();
                }
                std::fs::write(&path, &expected).unwrap();
                rewritten.push(part.file);
            }
        }
        assert!(
            rewritten.is_empty(),
            "{rewritten:?} were out of date with the form declarations; now rewritten: commit them"
        );
    }

    #[test]
    fn the_stylesheet_reserves_a_row_per_field() {
        let forms = [&crate::domain::testing::EMAIL, &crate::domain::testing::RESET];
        let css = stylesheet(&forms);
        assert!(css.starts_with("wemasy-email, wemasy-reset { display: block; }\n"), "{css}");
        assert!(css.contains(&format!(
            "wemasy-email:not(:defined) {{ min-height: calc(2 * ({ROW}) + {AFTER_ROWS}); }}"
        )));
        assert!(css.contains(&format!(
            "wemasy-reset:not(:defined) {{ min-height: calc(3 * ({ROW}) + {AFTER_ROWS}); }}"
        )));
    }

    #[test]
    fn the_demo_gives_each_form_what_it_needs() {
        use crate::domain::testing::{CHANGE, EMAIL, RESET, SWAP};
        let html = demo_sections(
            &[&SWAP, &CHANGE, &EMAIL, &RESET],
            &|spec| format!("The {} form.", spec.name),
            "c@x",
            "u@x",
        );
        assert!(html.contains("<h2 id=\"swap-title\">The swap form</h2>"), "{html}");
        let element = |name: &str| {
            html.lines().find(|line| line.contains(&format!("<wemasy-{name}"))).unwrap().trim().to_owned()
        };
        assert_eq!(element("swap"), "<wemasy-swap username=\"c@x\"></wemasy-swap>");
        assert_eq!(element("change"), "<wemasy-change username=\"u@x\"></wemasy-change>");
        // Its only password is the current one: still the account's name for password managers.
        assert_eq!(element("email"), "<wemasy-email username=\"u@x\"></wemasy-email>");
        assert_eq!(
            element("reset"),
            "<wemasy-reset sign-in-url=\"/\" request-reset-url=\"/#outbox\"></wemasy-reset>"
        );
        assert!(html.contains("id=\"reset\" aria-labelledby=\"reset-title\" data-demo-reset>"), "{html}");
        assert!(!html.contains("id=\"swap\" aria-labelledby=\"swap-title\" data-demo-reset"), "{html}");
    }

    #[test]
    fn a_part_replaces_only_what_is_between_its_markers() {
        let part = Part { file: "", start: "<a>\n", end: "</a>\n", text: "new\n".into() };
        assert_eq!(with_part("x\n<a>\nold\n</a>\ny", &part).unwrap(), "x\n<a>\nnew\n</a>\ny");
        assert_eq!(with_part("no markers", &part), None);
    }
}

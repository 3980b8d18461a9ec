//! The part of `style/widget.css` that depends on which forms exist: each element is a block, and
//! until the wasm has defined it, it takes the room its form will take. Written from the
//! declarations by the test below (rust-analyzer's "source generation" tests do the same): when
//! the stylesheet differs, the test rewrites it and fails, so a change shows up in review and CI.

/// The stylesheet, from the crate's root.
const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/style/widget.css");
const START: &str = "/* generated */\n";
const END: &str = "/* end generated */\n";

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

/// The generated rules for the given forms.
fn rules(forms: &[(&str, usize)]) -> String {
    let elements: Vec<String> = forms.iter().map(|(name, _)| format!("wemasy-{name}")).collect();
    let mut css = format!("{} {{ display: block; }}\n", elements.join(", "));
    for (element, (_, rows)) in elements.iter().zip(forms) {
        css.push_str(&format!(
            "{element}:not(:defined) {{ min-height: calc({rows} * ({ROW}) + {AFTER_ROWS}); }}\n"
        ));
    }
    css
}

/// `stylesheet` with the part between the markers replaced by `generated`.
fn with_generated(stylesheet: &str, generated: &str) -> Option<String> {
    let start = stylesheet.find(START)? + START.len();
    let end = start + stylesheet.get(start..)?.find(END)?;
    Some(format!("{}{generated}{}", stylesheet.get(..start)?, stylesheet.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_reserves_room_for_every_form() {
        let forms: Vec<(&str, usize)> =
            super::super::ALL.iter().map(|spec| (spec.name, spec.fields.len())).collect();
        let stylesheet = std::fs::read_to_string(PATH).unwrap();
        let expected =
            with_generated(&stylesheet, &rules(&forms)).expect("the markers are in style/widget.css");
        if stylesheet != expected {
            std::fs::write(PATH, &expected).unwrap();
            panic!(
                "style/widget.css was out of date with the form declarations; it is rewritten now: commit it"
            );
        }
    }

    #[test]
    fn the_rules_follow_the_declarations() {
        let css = rules(&[("a-form", 2), ("b-form", 3)]);
        assert!(css.starts_with("wemasy-a-form, wemasy-b-form { display: block; }\n"), "{css}");
        assert!(css.contains(&format!(
            "wemasy-b-form:not(:defined) {{ min-height: calc(3 * ({ROW}) + {AFTER_ROWS}); }}"
        )));
        assert_eq!(
            with_generated("x\n/* generated */\nold\n/* end generated */\ny", "new\n").unwrap(),
            "x\n/* generated */\nnew\n/* end generated */\ny"
        );
        assert_eq!(with_generated("no markers", "new\n"), None);
    }
}

//! The body of a submit, built from what the user typed and what the page configured.

use super::rules::server_trim;
use super::spec::{Extra, FormSpec};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// One value of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyValue {
    Text(String),
    Integer(u64),
}

/// A JSON object of wire names and values, in the order of the form's fields, then its extras.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestBody(pub Vec<(&'static str, BodyValue)>);

impl RequestBody {
    /// The body for `values` (one per field of `spec`). E-mail addresses are trimmed, as the
    /// server would; passwords are sent exactly as typed. An extra whose value is unknown is left
    /// out, so the server's own "required" answer names it.
    pub fn new(
        spec: &FormSpec,
        values: &[String],
        reset_token: Option<&str>,
        project_id: Option<u64>,
    ) -> RequestBody {
        let typed = spec.fields.iter().zip(values).map(|(field, value)| {
            let value = if field.input.is_trimmed() { server_trim(value) } else { value };
            (field.name, BodyValue::Text(value.to_owned()))
        });
        let extras = spec.extras.iter().filter_map(|extra| match *extra {
            Extra::ResetToken(name) => reset_token.map(|token| (name, BodyValue::Text(token.to_owned()))),
            Extra::ProjectId(name) => project_id.map(|id| (name, BodyValue::Integer(id))),
        });
        RequestBody(typed.chain(extras).collect())
    }
}

impl Serialize for RequestBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            match value {
                BodyValue::Text(text) => map.serialize_entry(name, text)?,
                BodyValue::Integer(number) => map.serialize_entry(name, number)?,
            }
        }
        map.end()
    }
}

//! The body of a submit, built from what the user typed.

use super::spec::FormSpec;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A JSON object of wire names and values, in the order of the form's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestBody(pub Vec<(&'static str, String)>);

impl RequestBody {
    /// The body for `values` (one per field of `spec`). Passwords are sent exactly as typed:
    /// never trimmed, never normalised.
    pub fn new(spec: &FormSpec, values: &[String]) -> RequestBody {
        RequestBody(
            spec.fields.iter().zip(values).map(|(field, value)| (field.name, value.clone())).collect(),
        )
    }
}

impl Serialize for RequestBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

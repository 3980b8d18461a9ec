//! A form as a value: endpoint, authentication, fields with their wire names and rules, and what
//! success means. One renderer ([`crate::ui::form::AuthForm`]) shows any [`FormSpec`].

use super::text::Text;

/// Which form of the API this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    CustomerPasswordChange,
}

impl FormKind {
    /// The name used in markup (`data-wemasy-form="…"`) and in events.
    pub fn name(self) -> &'static str {
        match self {
            FormKind::CustomerPasswordChange => "customer-password-change",
        }
    }

    /// The kind named `name`, if any.
    pub fn from_name(name: &str) -> Option<FormKind> {
        [FormKind::CustomerPasswordChange].into_iter().find(|kind| kind.name() == name)
    }
}

/// How the request proves who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>`, the token read from `localStorage` at the moment of sending.
    Bearer,
}

/// What a 200 answer means for this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuccessKind {
    /// The answer carries a fresh token that replaces the stored one; every older token is revoked.
    SwapToken,
}

/// What kind of input a field is; decides its `type`, `autocomplete` and whether it is trimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    CurrentPassword,
    NewPassword,
}

impl InputKind {
    pub fn autocomplete(self) -> &'static str {
        match self {
            InputKind::CurrentPassword => "current-password",
            InputKind::NewPassword => "new-password",
        }
    }

    pub fn is_password(self) -> bool {
        matches!(self, InputKind::CurrentPassword | InputKind::NewPassword)
    }
}

/// A client-side rule, mirroring one the API documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Laravel's `required`: missing, empty, or only spaces, tabs and line breaks.
    Required,
    /// Laravel's `max` on strings: at most this many characters (Unicode code points).
    MaxChars(usize),
    /// Must equal the field with this wire name exactly; `Text` is the message when it does not.
    SameAs(&'static str, Text),
}

/// One input of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The name of the field in the request body and in the server's error bag.
    pub name: &'static str,
    pub label: Text,
    pub input: InputKind,
    pub rules: &'static [Rule],
}

/// Everything that distinguishes one form from another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormSpec {
    pub kind: FormKind,
    /// Path after the API base URL.
    pub endpoint: &'static str,
    pub auth: Auth,
    pub fields: &'static [FieldSpec],
    pub submit: Text,
    pub pending: Text,
    pub success: SuccessKind,
}

impl FormSpec {
    /// The position of the field called `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.name == name)
    }

    /// The field whose [`Rule::SameAs`] points at `name`: where a mismatch with `name` is shown.
    pub fn confirmation_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| {
            field.rules.iter().any(|rule| matches!(rule, Rule::SameAs(target, _) if *target == name))
        })
    }
}

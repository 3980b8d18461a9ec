//! A form as a value: endpoint, authentication, fields with their wire names and rules, values
//! the user does not type, and what success means. One renderer
//! ([`crate::ui::form::AuthForm`]) shows any [`FormSpec`].

use super::text::Text;

/// Whose token a request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realm {
    /// A webshop's customer.
    Customer,
    /// A user of the platform.
    User,
}

/// How the request proves who is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>`, the token read from `localStorage` at the moment of sending.
    Bearer(Realm),
    /// No `Authorization` header at all.
    Public,
}

/// What a 200 answer means for this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuccessKind {
    /// The answer carries a fresh token that replaces the stored one; every older token is revoked.
    SwapToken,
    /// The change is done; the server's message says so.
    Changed,
    /// The password was reset from a link: nobody is signed in; offer the way to sign in.
    PasswordReset,
    /// A confirmation went to the new address, which only changes once confirmed.
    EmailChangeRequested,
}

impl SuccessKind {
    /// Whether the request must outlive its form: once the server has revoked every token, the
    /// fresh one in the answer is the session, whether or not anyone still looks at the form.
    pub fn outlives_form(self) -> bool {
        self == SuccessKind::SwapToken
    }
}

/// What kind of input a field is; decides its `type`, `autocomplete` and whether it is trimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    CurrentPassword,
    NewPassword,
    /// The account's own address, which password managers know as the username.
    AccountEmail,
    /// An address being introduced, such as a new e-mail address.
    NewEmail,
}

impl InputKind {
    pub fn autocomplete(self) -> &'static str {
        match self {
            InputKind::CurrentPassword => "current-password",
            InputKind::NewPassword => "new-password",
            InputKind::AccountEmail => "username",
            InputKind::NewEmail => "email",
        }
    }

    pub fn is_password(self) -> bool {
        matches!(self, InputKind::CurrentPassword | InputKind::NewPassword)
    }

    /// E-mail addresses are trimmed, as the server trims them; passwords never are.
    pub fn is_trimmed(self) -> bool {
        !self.is_password()
    }
}

/// A client-side rule, mirroring one the API documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Laravel's `required`: missing, empty, or only spaces, tabs and line breaks.
    Required,
    /// Laravel's `max` on strings: at most this many characters (Unicode code points).
    MaxChars(usize),
    /// A lenient e-mail shape: the server's RFC check is the real one.
    Email,
    /// Must equal the field with this wire name, each as the server sees it (trimmed or not, by
    /// its name); `Text` is the message when it does not.
    SameAs(&'static str, Text),
    /// No leading or trailing whitespace that every server version trims. For a password whose
    /// confirmation the server trims (`confirm_password`): such a password could never match
    /// its confirmation there.
    NoEdgeWhitespace,
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

/// A value of the request body that the user does not type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// The reset token from the e-mailed link, under this wire name.
    ResetToken(&'static str),
    /// The shop's project id from the configuration, as a JSON integer, under this wire name.
    ProjectId(&'static str),
}

/// Custom element names are this prefix and the form's name.
pub const ELEMENT_PREFIX: &str = "wemasy-";

/// Everything that distinguishes one form from another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormSpec {
    /// The form's name in markup (`<wemasy-{name}>`, `mount(element, name)`) and in events
    /// (`detail.form`).
    pub(crate) name: &'static str,
    /// Path after the API base URL.
    pub(crate) endpoint: &'static str,
    pub(crate) auth: Auth,
    pub(crate) fields: &'static [FieldSpec],
    pub(crate) extras: &'static [Extra],
    pub(crate) submit: Text,
    pub(crate) pending: Text,
    pub(crate) success: SuccessKind,
}

impl FormSpec {
    /// The form's name in markup (`<wemasy-{name}>`, `mount(element, name)`) and in events.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// How the form authenticates (for this repository's tests, `internals`).
    #[cfg(feature = "internals")]
    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// The form's fields, in order (for this repository's tests, `internals`).
    #[cfg(feature = "internals")]
    pub fn fields(&self) -> &'static [FieldSpec] {
        self.fields
    }

    /// The path after the API base URL (for this repository's tests, `internals`).
    #[cfg(feature = "internals")]
    pub fn endpoint(&self) -> &'static str {
        self.endpoint
    }

    /// Whether the form completes a reset link (for this repository's tests, `internals`).
    #[cfg(feature = "internals")]
    pub fn is_reset(&self) -> bool {
        self.needs_reset_token()
    }

    /// The position of the field called `name`.
    pub(crate) fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.name == name)
    }

    /// The field whose [`Rule::SameAs`] points at `name`: where a mismatch with `name` is shown.
    pub(crate) fn confirmation_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|field| {
            field.rules.iter().any(|rule| matches!(rule, Rule::SameAs(target, _) if *target == name))
        })
    }

    /// Whether the form completes a reset link (and cannot work without its token).
    pub(crate) fn needs_reset_token(&self) -> bool {
        self.extras.iter().any(|extra| matches!(extra, Extra::ResetToken(_)))
    }

    /// Whether the form needs the shop's project id.
    pub(crate) fn needs_project_id(&self) -> bool {
        self.extras.iter().any(|extra| matches!(extra, Extra::ProjectId(_)))
    }

    /// The field the address from a reset link pre-fills.
    pub(crate) fn link_email_field(&self) -> Option<usize> {
        self.fields.iter().position(|field| field.input == InputKind::AccountEmail)
    }
}

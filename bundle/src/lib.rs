//! The embeddable bundle. Everything in it comes from the library's `embed` feature: the start
//! function that defines the custom elements, and the exported `mount()`; linking the library is
//! all this crate does.

extern crate wemasy_auth_widget;

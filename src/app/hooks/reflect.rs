//! What a browser may or may not have (`navigator.mediaSession`, `CSS.highlights`,
//! `navigator.connection`), asked for by name: web-sys binds such an API as if it were always
//! there, or only among its unstable ones, so the app looks it up and goes without it where it
//! is missing.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `object[name]`, unless it is missing (undefined or null).
pub fn property(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// `object[name]`, if it is a function.
pub fn function(object: &JsValue, name: &str) -> Option<Function> {
    property(object, name)?.dyn_into().ok()
}

//! Saving text as a file the user downloads: a Blob, a temporary object URL, a click on a
//! detached link. Nothing leaves the page.

use wasm_bindgen::JsCast;

/// Offers `text` for download as `file_name` (of type `mime`); `false` if the browser refused.
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    // The text's UTF-8 bytes as they are (one copy), not a JavaScript string the Blob would
    // encode back to UTF-8: for a 10 MB export, tens of milliseconds less in the click's task.
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let link: Option<web_sys::HtmlAnchorElement> = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into().ok());
    if let Some(link) = &link {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    link.is_some()
}

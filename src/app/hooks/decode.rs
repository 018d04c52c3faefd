//! Legacy encodings (GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR, the Windows code pages, KOI8,
//! ISO-8859-2) decoded by the browser's `TextDecoder`, so the bundle carries no decoding tables
//! (the native CLI uses a crate for the same).

use crate::core::LegacyEncoding;

/// `bytes` in `encoding` as text (`None` if the platform lacks the decoder or the bytes are not
/// in that encoding).
pub fn decode_legacy(encoding: LegacyEncoding, bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder =
        web_sys::TextDecoder::new_with_label_and_options(encoding.label(), &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

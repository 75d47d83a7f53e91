//! Checks of media files in a bundle: the bytes must be what the field
//! says ([`check_magic`]). Which fields are media, and where they point,
//! is model knowledge ([`crate::model::media`]).

use crate::model::media::MediaKind;

/// Bytes read from the start of a file to sniff its type.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Check sniffed leading bytes against the kind; returns the MIME type.
pub fn check_magic(kind: MediaKind, head: &[u8]) -> Result<&'static str, String> {
    if head.is_empty() {
        return Err(format!("the file is empty; expected {}", kind.expected()));
    }
    let found = infer::get(head).map(|t| t.mime_type());
    match found {
        Some(m) if kind.allowed().contains(&m) => Ok(m),
        Some(m) => Err(format!(
            "content is {m} (by its bytes), not {}; the file is mislabelled",
            kind.expected()
        )),
        None => {
            let looks = if head.iter().take(512).all(|b| b.is_ascii()) {
                "text (e.g. HTML)"
            } else {
                "an unrecognised format"
            };
            Err(format!(
                "content is {looks}, not {}; the file is mislabelled",
                kind.expected()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic() {
        assert_eq!(
            check_magic(MediaKind::Resume, b"%PDF-1.7\n...").unwrap(),
            "application/pdf"
        );
        let html = b"<!doctype html><html><body>not a video</body></html>";
        let e = check_magic(MediaKind::Video, html).unwrap_err();
        assert!(e.contains("text"), "{e}");
        let webm = [
            0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42,
            0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, b'w', b'e', b'b', b'm',
        ];
        assert_eq!(check_magic(MediaKind::Video, &webm).unwrap(), "video/webm");
        assert!(check_magic(MediaKind::Resume, &webm).is_err());
    }
}

//! The bundled fonts (`assets/fonts/`, all OFL) and the only fonts any output
//! uses: system fonts are never consulted, so every machine renders the same
//! PDF and chart.
//!
//! Fallback chain, in this order: Latin/Greek/Cyrillic (Noto Sans, or Noto
//! Serif for the Classic style) → Arabic → Hebrew → CJK (Noto Sans CJK SC cut
//! to GB 2312 + JIS X 0208 + kana by `scripts/subset-cjk-font.sh`).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use parley::fontique::{Blob, Collection, CollectionOptions};

pub const SANS: &str = "Noto Sans";
pub const SERIF: &str = "Noto Serif";
pub const ARABIC: &str = "Noto Sans Arabic";
pub const HEBREW: &str = "Noto Sans Hebrew";
pub const CJK: &str = "Noto Sans CJK SC";

/// Font families after the primary one, tried in order for characters the
/// primary face lacks.
pub const FALLBACKS: [&str; 3] = [ARABIC, HEBREW, CJK];

/// `(file name, bytes)` of every bundled face.
pub static FILES: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSerif-Regular.ttf",
        include_bytes!("../../../assets/fonts/NotoSerif-Regular.ttf"),
    ),
    (
        "NotoSerif-Bold.ttf",
        include_bytes!("../../../assets/fonts/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "NotoSansHebrew-Regular.ttf",
        include_bytes!("../../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        include_bytes!("../../../assets/fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "NotoSansCJKsc-Subset.otf",
        include_bytes!("../../../assets/fonts/NotoSansCJKsc-Subset.otf"),
    ),
];

/// The bundled face for the script of the first letter of `text` when that
/// is Arabic, Hebrew or CJK; `None` for Latin, Greek, Cyrillic (the primary face).
pub fn first_script_family(text: &str) -> Option<&'static str> {
    let c = text.chars().find(|c| c.is_alphabetic())?;
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some(ARABIC)
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(HEBREW),
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF => Some(CJK),
        _ => None,
    }
}

/// CSS font-family list for SVG `<text>` (charts): primary then fallbacks.
pub fn css_family_list(primary: &str) -> String {
    std::iter::once(primary)
        .chain(FALLBACKS)
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) struct Bundled {
    /// Template collection holding only the bundled faces; cloned per text engine.
    pub collection: Collection,
    /// krilla fonts keyed by `(blob id, collection index)` of the parley font.
    pub krilla: HashMap<(u64, u32), krilla::text::Font>,
    /// usvg font database with only the bundled faces (charts).
    pub fontdb: Arc<resvg::usvg::fontdb::Database>,
}

pub(crate) fn bundled() -> &'static Bundled {
    static B: OnceLock<Bundled> = OnceLock::new();
    B.get_or_init(|| {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let mut krilla = HashMap::new();
        let mut fontdb = resvg::usvg::fontdb::Database::new();
        for (name, bytes) in FILES {
            let blob = Blob::new(Arc::new(*bytes));
            let id = blob.id();
            let registered = collection.register_fonts(blob, None);
            assert!(!registered.is_empty(), "bundled font {name} did not load");
            let font = krilla::text::Font::new((*bytes).into(), 0)
                .unwrap_or_else(|| panic!("bundled font {name} is not a valid font"));
            krilla.insert((id, 0), font);
            fontdb.load_font_data(bytes.to_vec());
        }
        fontdb.set_sans_serif_family(SANS);
        fontdb.set_serif_family(SERIF);
        Bundled {
            collection,
            krilla,
            fontdb: Arc::new(fontdb),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_registered_and_no_system_font() {
        let mut c = bundled().collection.clone();
        let mut names: Vec<String> = c.family_names().map(str::to_string).collect();
        names.sort();
        for f in [SANS, SERIF, ARABIC, HEBREW, CJK] {
            assert!(names.iter().any(|n| n == f), "{f} missing from {names:?}");
        }
        assert_eq!(names.len(), 5, "only bundled families: {names:?}");
        assert_eq!(bundled().fontdb.faces().count(), FILES.len());
    }

    #[test]
    fn each_bundled_file_is_small_enough_for_the_repo() {
        for (name, bytes) in FILES {
            assert!(
                bytes.len() < 8 * 1024 * 1024,
                "{name} is {} bytes",
                bytes.len()
            );
        }
    }
}

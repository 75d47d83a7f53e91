//! Report label translations (Fluent catalogs in `locales/<lang>.ftl`).
//! Only labels are translated; candidate text never is.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::error::ReportError;

/// `(code, catalog)` for every supported label language.
pub const CATALOGS: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.ftl")),
    ("es", include_str!("../locales/es.ftl")),
    ("fr", include_str!("../locales/fr.ftl")),
    ("de", include_str!("../locales/de.ftl")),
    ("pt", include_str!("../locales/pt.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
    ("zh", include_str!("../locales/zh.ftl")),
    ("ja", include_str!("../locales/ja.ftl")),
];

pub fn supported() -> Vec<&'static str> {
    CATALOGS.iter().map(|(c, _)| *c).collect()
}

/// Right-to-left label languages.
pub fn is_rtl(lang: &str) -> bool {
    matches!(lang, "ar" | "he" | "fa" | "ur")
}

fn bundles() -> &'static HashMap<&'static str, FluentBundle<FluentResource>> {
    static B: OnceLock<HashMap<&'static str, FluentBundle<FluentResource>>> = OnceLock::new();
    B.get_or_init(|| {
        CATALOGS
            .iter()
            .map(|(code, src)| {
                let res = FluentResource::try_new(src.to_string())
                    .unwrap_or_else(|(_, errs)| panic!("locales/{code}.ftl: {errs:?}"));
                let lang: unic_langid::LanguageIdentifier =
                    code.parse().expect("catalog codes are valid language ids");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // No FSI/PDI isolation marks: the layout engine does the bidi.
                bundle.set_use_isolating(false);
                bundle
                    .add_resource(res)
                    .unwrap_or_else(|errs| panic!("locales/{code}.ftl: {errs:?}"));
                (*code, bundle)
            })
            .collect()
    })
}

/// Normalise `pt-BR`, `zh_CN`, `EN` … to a catalog code.
pub fn normalize(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Resolved labels of one language.
#[derive(Clone)]
pub struct Labels {
    lang: &'static str,
}

impl Labels {
    pub fn new(lang: &str) -> Result<Labels, ReportError> {
        let code = normalize(lang);
        CATALOGS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, _)| Labels { lang: c })
            .ok_or_else(|| ReportError::UnsupportedLanguage {
                lang: lang.to_string(),
                supported: supported().join(", "),
            })
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    pub fn get(&self, key: &str) -> String {
        self.fmt(key, &[])
    }

    /// Format `key` with named arguments; falls back to English, then to the key.
    pub fn fmt(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let all = bundles();
        for code in [self.lang, "en"] {
            let bundle = &all[code];
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut fargs = FluentArgs::new();
                for (k, v) in args {
                    fargs.set(*k, v.clone());
                }
                let mut errors = vec![];
                return bundle
                    .format_pattern(pattern, Some(&fargs), &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }

    /// `status-<s>` with a readable fallback for unknown statuses.
    pub fn status(&self, s: &str) -> String {
        let key = format!("status-{s}");
        let v = self.get(&key);
        if v == key {
            s.replace('_', " ")
        } else {
            v
        }
    }

    /// The name of a language in this label language (`zh` → "Chinesisch"
    /// in German); a code without a catalogued name is shown as given.
    pub fn language_name(&self, code: &str) -> String {
        let primary = normalize(code);
        if primary.is_empty() {
            return code.to_string();
        }
        let name = self.fmt(
            "language-name",
            &[("code", FluentValue::from(primary.clone()))],
        );
        if name == primary {
            code.trim().to_string()
        } else {
            name
        }
    }

    pub fn signal(&self, s: &str) -> String {
        let key = format!("signal-{s}");
        let v = self.get(&key);
        if v == key {
            s.replace('_', " ")
        } else {
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(src: &str) -> Vec<String> {
        src.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
            .collect()
    }

    #[test]
    fn every_catalog_has_every_english_key() {
        let en = keys(CATALOGS[0].1);
        assert!(en.len() > 60);
        for (code, src) in CATALOGS {
            let k = keys(src);
            for key in &en {
                assert!(k.contains(key), "locales/{code}.ftl lacks `{key}`");
            }
            let bundle = &bundles()[code];
            for key in &en {
                assert!(
                    bundle.get_message(key).is_some(),
                    "{code}: {key} did not parse"
                );
            }
        }
    }

    #[test]
    fn language_names_are_localised() {
        let en = Labels::new("en").unwrap();
        assert_eq!(en.language_name("en"), "English");
        assert_eq!(en.language_name("pt-BR"), "Portuguese");
        assert_eq!(en.language_name("zh_CN"), "Chinese");
        assert_eq!(Labels::new("de").unwrap().language_name("zh"), "Chinesisch");
        assert_eq!(Labels::new("ja").unwrap().language_name("fr"), "フランス語");
        assert_eq!(Labels::new("ar").unwrap().language_name("es"), "الإسبانية");
        // Unknown codes are shown as given rather than guessed.
        assert_eq!(en.language_name("tlh"), "tlh");
        assert_eq!(en.language_name("x-klingon"), "x-klingon");
        // Every catalog names every language the others name.
        for (code, _) in CATALOGS {
            let l = Labels::new(code).unwrap();
            for c in [
                "en", "es", "fr", "de", "pt", "ar", "zh", "ja", "he", "it", "nl", "pl", "ko", "hi",
                "ru", "tr", "sv",
            ] {
                assert_ne!(l.language_name(c), c, "{code} has no name for {c}");
            }
        }
    }

    #[test]
    fn formats_with_arguments_and_languages_differ() {
        let en = Labels::new("en").unwrap();
        let n: FluentValue = 3.into();
        let m: FluentValue = 7.into();
        assert_eq!(
            en.fmt("page-n-of-m", &[("n", n.clone()), ("m", m.clone())]),
            "Page 3 of 7"
        );
        let de = Labels::new("de-AT").unwrap();
        assert_eq!(
            de.fmt("page-n-of-m", &[("n", n), ("m", m)]),
            "Seite 3 von 7"
        );
        assert_eq!(Labels::new("ZH_cn").unwrap().get("transcript"), "面试记录");
        assert!(Labels::new("ar")
            .unwrap()
            .get("transcript")
            .contains("النص"));
        assert!(matches!(
            Labels::new("xx"),
            Err(ReportError::UnsupportedLanguage { .. })
        ));
        assert_eq!(en.status("weird_state"), "weird state");
    }
}

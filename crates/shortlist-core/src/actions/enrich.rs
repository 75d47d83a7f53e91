//! Enrich (F12): fill what can be derived offline, from data already in the
//! workspace, with the source of every value.
//!
//! * Country (ISO 3166-1 alpha-2) from, in order: the session location of
//!   the diagnostics extension, the imported country, the free-text
//!   location (country names, codes, well-known cities), the phone number's
//!   international calling code.
//! * Timezone (IANA) from the session location, a well-known city, or a
//!   country that has a single timezone (countries spanning several zones
//!   get none rather than a guess).
//! * Tags normalised: trimmed, lower-cased, `_`/runs of spaces folded to one
//!   space, trailing punctuation dropped, duplicates removed.
//!
//! Results go to the reviewer-side `enrichment` table; imported columns are
//! never changed, so a re-import cannot fight with enrichment.

use rusqlite::params;
use serde::Serialize;

use super::{begin, candidate_refs, ActionResult};
use crate::audit;
use crate::store::{now, Workspace};

/// (calling code, ISO country, single timezone if the country has one).
/// Longest prefix wins. NANP (+1) is shared by the US, Canada and the
/// Caribbean: reported as `US` only when nothing better is known.
const CALLING_CODES: &[(&str, &str, Option<&str>)] = &[
    ("1", "US", None),
    ("7", "RU", None),
    ("20", "EG", Some("Africa/Cairo")),
    ("27", "ZA", Some("Africa/Johannesburg")),
    ("30", "GR", Some("Europe/Athens")),
    ("31", "NL", Some("Europe/Amsterdam")),
    ("32", "BE", Some("Europe/Brussels")),
    ("33", "FR", Some("Europe/Paris")),
    ("34", "ES", None),
    ("36", "HU", Some("Europe/Budapest")),
    ("39", "IT", Some("Europe/Rome")),
    ("40", "RO", Some("Europe/Bucharest")),
    ("41", "CH", Some("Europe/Zurich")),
    ("43", "AT", Some("Europe/Vienna")),
    ("44", "GB", Some("Europe/London")),
    ("45", "DK", Some("Europe/Copenhagen")),
    ("46", "SE", Some("Europe/Stockholm")),
    ("47", "NO", Some("Europe/Oslo")),
    ("48", "PL", Some("Europe/Warsaw")),
    ("49", "DE", Some("Europe/Berlin")),
    ("51", "PE", Some("America/Lima")),
    ("52", "MX", None),
    ("54", "AR", Some("America/Argentina/Buenos_Aires")),
    ("55", "BR", None),
    ("56", "CL", None),
    ("57", "CO", Some("America/Bogota")),
    ("60", "MY", Some("Asia/Kuala_Lumpur")),
    ("61", "AU", None),
    ("62", "ID", None),
    ("63", "PH", Some("Asia/Manila")),
    ("64", "NZ", Some("Pacific/Auckland")),
    ("65", "SG", Some("Asia/Singapore")),
    ("66", "TH", Some("Asia/Bangkok")),
    ("81", "JP", Some("Asia/Tokyo")),
    ("82", "KR", Some("Asia/Seoul")),
    ("84", "VN", Some("Asia/Ho_Chi_Minh")),
    ("86", "CN", Some("Asia/Shanghai")),
    ("90", "TR", Some("Europe/Istanbul")),
    ("91", "IN", Some("Asia/Kolkata")),
    ("92", "PK", Some("Asia/Karachi")),
    ("94", "LK", Some("Asia/Colombo")),
    ("212", "MA", Some("Africa/Casablanca")),
    ("213", "DZ", Some("Africa/Algiers")),
    ("216", "TN", Some("Africa/Tunis")),
    ("234", "NG", Some("Africa/Lagos")),
    ("254", "KE", Some("Africa/Nairobi")),
    ("351", "PT", None),
    ("353", "IE", Some("Europe/Dublin")),
    ("358", "FI", Some("Europe/Helsinki")),
    ("380", "UA", Some("Europe/Kyiv")),
    ("420", "CZ", Some("Europe/Prague")),
    ("852", "HK", Some("Asia/Hong_Kong")),
    ("886", "TW", Some("Asia/Taipei")),
    ("961", "LB", Some("Asia/Beirut")),
    ("962", "JO", Some("Asia/Amman")),
    ("966", "SA", Some("Asia/Riyadh")),
    ("971", "AE", Some("Asia/Dubai")),
    ("972", "IL", Some("Asia/Jerusalem")),
    ("974", "QA", Some("Asia/Qatar")),
];

/// Country names (English and a few endonyms) and codes → ISO code.
const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("usa", "US"),
    ("u.s.", "US"),
    ("canada", "CA"),
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("ireland", "IE"),
    ("france", "FR"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("spain", "ES"),
    ("españa", "ES"),
    ("portugal", "PT"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("netherlands", "NL"),
    ("belgium", "BE"),
    ("switzerland", "CH"),
    ("austria", "AT"),
    ("sweden", "SE"),
    ("norway", "NO"),
    ("denmark", "DK"),
    ("finland", "FI"),
    ("poland", "PL"),
    ("czechia", "CZ"),
    ("greece", "GR"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("ukraine", "UA"),
    ("russia", "RU"),
    ("россия", "RU"),
    ("egypt", "EG"),
    ("مصر", "EG"),
    ("morocco", "MA"),
    ("nigeria", "NG"),
    ("kenya", "KE"),
    ("south africa", "ZA"),
    ("saudi arabia", "SA"),
    ("united arab emirates", "AE"),
    ("uae", "AE"),
    ("israel", "IL"),
    ("lebanon", "LB"),
    ("jordan", "JO"),
    ("qatar", "QA"),
    ("india", "IN"),
    ("pakistan", "PK"),
    ("china", "CN"),
    ("中国", "CN"),
    ("japan", "JP"),
    ("日本", "JP"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("singapore", "SG"),
    ("malaysia", "MY"),
    ("philippines", "PH"),
    ("vietnam", "VN"),
    ("thailand", "TH"),
    ("indonesia", "ID"),
    ("australia", "AU"),
    ("new zealand", "NZ"),
    ("mexico", "MX"),
    ("méxico", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("argentina", "AR"),
    ("chile", "CL"),
    ("colombia", "CO"),
    ("peru", "PE"),
];

/// Well-known cities → (country, timezone).
const CITIES: &[(&str, &str, &str)] = &[
    ("new york", "US", "America/New_York"),
    ("boston", "US", "America/New_York"),
    ("miami", "US", "America/New_York"),
    ("atlanta", "US", "America/New_York"),
    ("chicago", "US", "America/Chicago"),
    ("austin", "US", "America/Chicago"),
    ("dallas", "US", "America/Chicago"),
    ("houston", "US", "America/Chicago"),
    ("denver", "US", "America/Denver"),
    ("phoenix", "US", "America/Phoenix"),
    ("los angeles", "US", "America/Los_Angeles"),
    ("san francisco", "US", "America/Los_Angeles"),
    ("seattle", "US", "America/Los_Angeles"),
    ("toronto", "CA", "America/Toronto"),
    ("montreal", "CA", "America/Toronto"),
    ("montréal", "CA", "America/Toronto"),
    ("vancouver", "CA", "America/Vancouver"),
    ("mexico city", "MX", "America/Mexico_City"),
    ("são paulo", "BR", "America/Sao_Paulo"),
    ("sao paulo", "BR", "America/Sao_Paulo"),
    ("rio de janeiro", "BR", "America/Sao_Paulo"),
    ("london", "GB", "Europe/London"),
    ("manchester", "GB", "Europe/London"),
    ("dublin", "IE", "Europe/Dublin"),
    ("paris", "FR", "Europe/Paris"),
    ("lyon", "FR", "Europe/Paris"),
    ("berlin", "DE", "Europe/Berlin"),
    ("munich", "DE", "Europe/Berlin"),
    ("münchen", "DE", "Europe/Berlin"),
    ("madrid", "ES", "Europe/Madrid"),
    ("barcelona", "ES", "Europe/Madrid"),
    ("lisbon", "PT", "Europe/Lisbon"),
    ("lisboa", "PT", "Europe/Lisbon"),
    ("porto", "PT", "Europe/Lisbon"),
    ("rome", "IT", "Europe/Rome"),
    ("milan", "IT", "Europe/Rome"),
    ("amsterdam", "NL", "Europe/Amsterdam"),
    ("stockholm", "SE", "Europe/Stockholm"),
    ("warsaw", "PL", "Europe/Warsaw"),
    ("kyiv", "UA", "Europe/Kyiv"),
    ("moscow", "RU", "Europe/Moscow"),
    ("москва", "RU", "Europe/Moscow"),
    ("istanbul", "TR", "Europe/Istanbul"),
    ("cairo", "EG", "Africa/Cairo"),
    ("القاهرة", "EG", "Africa/Cairo"),
    ("casablanca", "MA", "Africa/Casablanca"),
    ("lagos", "NG", "Africa/Lagos"),
    ("nairobi", "KE", "Africa/Nairobi"),
    ("dubai", "AE", "Asia/Dubai"),
    ("riyadh", "SA", "Asia/Riyadh"),
    ("الرياض", "SA", "Asia/Riyadh"),
    ("beirut", "LB", "Asia/Beirut"),
    ("mumbai", "IN", "Asia/Kolkata"),
    ("bangalore", "IN", "Asia/Kolkata"),
    ("delhi", "IN", "Asia/Kolkata"),
    ("beijing", "CN", "Asia/Shanghai"),
    ("北京", "CN", "Asia/Shanghai"),
    ("shanghai", "CN", "Asia/Shanghai"),
    ("上海", "CN", "Asia/Shanghai"),
    ("hong kong", "HK", "Asia/Hong_Kong"),
    ("tokyo", "JP", "Asia/Tokyo"),
    ("東京", "JP", "Asia/Tokyo"),
    ("seoul", "KR", "Asia/Seoul"),
    ("singapore", "SG", "Asia/Singapore"),
    ("manila", "PH", "Asia/Manila"),
    ("sydney", "AU", "Australia/Sydney"),
    ("melbourne", "AU", "Australia/Melbourne"),
    ("perth", "AU", "Australia/Perth"),
    ("auckland", "NZ", "Pacific/Auckland"),
];

fn single_timezone(country: &str) -> Option<&'static str> {
    CALLING_CODES
        .iter()
        .find(|(_, c, _)| *c == country)
        .and_then(|(_, _, tz)| *tz)
}

/// Country and single timezone from a phone number in international form
/// (`+44 20 …`, `0044…`). National numbers (no prefix) give nothing.
pub fn from_phone(phone: &str) -> Option<(&'static str, Option<&'static str>)> {
    let p = phone.trim();
    let rest = if let Some(r) = p.strip_prefix('+') {
        r
    } else {
        p.strip_prefix("00")?
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return None;
    }
    CALLING_CODES
        .iter()
        .filter(|(code, _, _)| digits.starts_with(code))
        .max_by_key(|(code, _, _)| code.len())
        .map(|(_, c, tz)| (*c, *tz))
}

/// Country (and timezone when a city is known) from free-text location.
pub fn from_location(location: &str) -> Option<(&'static str, Option<&'static str>)> {
    let lower = location.to_lowercase();
    let parts: Vec<String> = lower
        .split([',', '/', '|', '-', '(', ')'])
        .map(|s| s.trim().trim_end_matches('.').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for part in &parts {
        if let Some((_, c, tz)) = CITIES.iter().find(|(name, _, _)| name == part) {
            return Some((c, Some(tz)));
        }
    }
    for part in parts.iter().rev() {
        if let Some((_, c)) = COUNTRY_NAMES.iter().find(|(name, _)| name == part) {
            return Some((c, single_timezone(c)));
        }
        if part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()) {
            let up = part.to_ascii_uppercase();
            if let Some((_, c, tz)) = CALLING_CODES.iter().find(|(_, c, _)| *c == up) {
                return Some((c, *tz));
            }
        }
    }
    None
}

/// Normalise one tag; `None` when nothing is left.
pub fn normalise_tag(tag: &str) -> Option<String> {
    let t = tag.replace('_', " ").to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '+' && c != '#')
        .trim()
        .to_string();
    (!t.is_empty()).then_some(t)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Enrichment {
    pub interview_id: String,
    pub country: Option<String>,
    pub timezone: Option<String>,
    pub tags: Vec<String>,
    /// Where each value came from, e.g. `country: phone +44`.
    pub sources: Vec<String>,
    pub enriched_at: f64,
}

/// Derive and store enrichment for each candidate (one transaction).
pub fn enrich(ws: &Workspace, ids: &[String]) -> ActionResult<Vec<Enrichment>> {
    let mut conn = ws.writer();
    let tx = begin(&mut conn)?;
    let refs = candidate_refs(&tx, ids)?;
    let at = now();
    let mut out = Vec::with_capacity(refs.len());
    for c in refs {
        let ext_raw: Option<String> = tx.query_row(
            "SELECT ext_raw FROM candidates WHERE interview_id = ?1",
            [&c.interview_id],
            |r| r.get(0),
        )?;
        let session = ext_raw
            .and_then(|r| serde_json::from_str::<crate::ext::InterviewExtension>(&r).ok())
            .and_then(|e| e.diagnostics)
            .and_then(|d| d.location);
        let mut sources = Vec::new();
        let mut country: Option<String> = None;
        let mut timezone: Option<String> = None;
        if let Some(s) = &session {
            if let Some(cc) = s.country.as_deref().filter(|c| c.len() == 2) {
                country = Some(cc.to_ascii_uppercase());
                sources.push("country: session location (diagnostics)".into());
            }
            if let Some(tz) = s.timezone.as_deref().filter(|t| !t.is_empty()) {
                timezone = Some(tz.to_string());
                sources.push("timezone: session location (diagnostics)".into());
            }
        }
        if country.is_none() {
            if let Some(cc) = c.country.as_deref().filter(|c| c.trim().len() == 2) {
                country = Some(cc.trim().to_ascii_uppercase());
                sources.push("country: imported".into());
            }
        }
        if let Some(loc) = c.location.as_deref() {
            if let Some((cc, tz)) = from_location(loc) {
                if country.is_none() {
                    country = Some(cc.to_string());
                    sources.push("country: location".into());
                }
                if timezone.is_none() && country.as_deref() == Some(cc) {
                    if let Some(tz) = tz {
                        timezone = Some(tz.to_string());
                        sources.push("timezone: location".into());
                    }
                }
            }
        }
        if let Some(phone) = c.phone.as_deref() {
            if let Some((cc, tz)) = from_phone(phone) {
                if country.is_none() {
                    country = Some(cc.to_string());
                    sources.push("country: phone calling code".into());
                }
                if timezone.is_none() && country.as_deref() == Some(cc) {
                    if let Some(tz) = tz {
                        timezone = Some(tz.to_string());
                        sources.push("timezone: phone calling code".into());
                    }
                }
            }
        }
        if timezone.is_none() {
            if let Some(tz) = country.as_deref().and_then(single_timezone) {
                timezone = Some(tz.to_string());
                sources.push("timezone: country has one timezone".into());
            }
        }
        let mut tags: Vec<String> = {
            let mut stmt = tx.prepare("SELECT tag FROM tags WHERE interview_id = ?1")?;
            let rows = stmt.query_map([&c.interview_id], |r| r.get::<_, String>(0))?;
            rows.filter_map(|t| t.ok().and_then(|t| normalise_tag(&t)))
                .collect()
        };
        tags.sort();
        tags.dedup();
        if !tags.is_empty() {
            sources.push("tags: imported tags, normalised".into());
        }
        tx.execute(
            "INSERT INTO enrichment (interview_id, country, timezone, tags, sources, enriched_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(interview_id) DO UPDATE SET country = excluded.country,
               timezone = excluded.timezone, tags = excluded.tags,
               sources = excluded.sources, enriched_at = excluded.enriched_at",
            params![
                c.interview_id,
                country,
                timezone,
                serde_json::to_string(&tags).unwrap(),
                serde_json::to_string(&sources).unwrap(),
                at
            ],
        )?;
        audit::append(&tx, "enrich", Some(&c.interview_id))?;
        out.push(Enrichment {
            interview_id: c.interview_id,
            country,
            timezone,
            tags,
            sources,
            enriched_at: at,
        });
    }
    tx.commit()?;
    Ok(out)
}

/// The stored enrichment of a candidate, if any.
pub fn enrichment(ws: &Workspace, interview_id: &str) -> ActionResult<Option<Enrichment>> {
    let conn = ws.reader();
    let row = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT interview_id, country, timezone, tags, sources, enriched_at FROM enrichment WHERE interview_id = ?1",
        [interview_id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, f64>(5)?,
            ))
        },
    ))?;
    Ok(
        row.map(|(id, country, timezone, tags, sources, at)| Enrichment {
            interview_id: id,
            country,
            timezone,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            sources: serde_json::from_str(&sources).unwrap_or_default(),
            enriched_at: at,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_prefixes() {
        assert_eq!(
            from_phone("+44 20 7946 0958"),
            Some(("GB", Some("Europe/London")))
        );
        assert_eq!(from_phone("00351 912 345 678"), Some(("PT", None)));
        assert_eq!(
            from_phone("+971 50 123 4567"),
            Some(("AE", Some("Asia/Dubai")))
        );
        assert_eq!(from_phone("+1 (415) 555-0100"), Some(("US", None)));
        assert_eq!(from_phone("020 7946 0958"), None);
        assert_eq!(from_phone("+44"), None);
    }

    #[test]
    fn locations() {
        assert_eq!(
            from_location("Lisbon, Portugal"),
            Some(("PT", Some("Europe/Lisbon")))
        );
        assert_eq!(
            from_location("Somewhere, France"),
            Some(("FR", Some("Europe/Paris")))
        );
        assert_eq!(
            from_location("Austin, TX, United States"),
            Some(("US", Some("America/Chicago")))
        );
        assert_eq!(from_location("القاهرة"), Some(("EG", Some("Africa/Cairo"))));
        assert_eq!(
            from_location("Cork, IE"),
            Some(("IE", Some("Europe/Dublin")))
        );
        assert_eq!(from_location("Nowhere"), None);
    }

    #[test]
    fn tags() {
        assert_eq!(
            normalise_tag("  Customer_Focused. ").as_deref(),
            Some("customer focused")
        );
        assert_eq!(normalise_tag("C++").as_deref(), Some("c++"));
        assert_eq!(normalise_tag(" ... "), None);
    }
}

//! Small formatting helpers of the demo generator.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::content::{Region, REGIONS};
use super::error::DemoError;
use super::rng::Rng;

pub(crate) fn json_bytes<T: Serialize>(v: &T) -> Result<Vec<u8>, DemoError> {
    let mut out = serde_json::to_vec_pretty(v).map_err(DemoError::Json)?;
    out.push(b'\n');
    Ok(out)
}

pub(crate) fn object_first(kind: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert("object".into(), Value::String(kind.into()));
    if let Value::Object(o) = v {
        m.extend(o);
    }
    Value::Object(m)
}

pub(crate) fn wrap(v: Value) -> Value {
    json!({ "data": v })
}

pub(crate) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub(crate) fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub(crate) fn mmss(t: f64) -> String {
    let s = t.max(0.0) as u64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

pub(crate) fn region(code: &str) -> &'static Region {
    REGIONS
        .iter()
        .find(|r| r.code == code)
        .expect("every person's region is in REGIONS")
}

pub(crate) fn digits(rng: &mut Rng, pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| {
            if c == '#' {
                char::from(b'0' + rng.range(0, 9) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// Which clip language fits a person's region.
pub(crate) fn region_language(code: &str) -> &'static str {
    match code {
        "ES" | "MX" => "es",
        "FR" => "fr",
        "RU" | "UA" => "ru",
        "GR" => "el",
        "JO" | "AE" => "ar",
        "CN" => "zh",
        _ => "en",
    }
}

pub(crate) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

pub(crate) fn tier(score: i64) -> usize {
    if score >= 8 {
        0
    } else if score >= 5 {
        1
    } else {
        2
    }
}

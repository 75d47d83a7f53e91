//! Small text helpers shared by Find Other Jobs and Cross-Agent checks:
//! Unicode-aware tokenising, stop words, sentence splitting, "N years".

/// English function words that carry no topic.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "your",
    "with",
    "have",
    "has",
    "had",
    "this",
    "that",
    "from",
    "they",
    "them",
    "their",
    "there",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "about",
    "into",
    "than",
    "then",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "how",
    "all",
    "any",
    "each",
    "our",
    "out",
    "also",
    "just",
    "very",
    "some",
    "such",
    "been",
    "being",
    "more",
    "most",
    "other",
    "over",
    "only",
    "own",
    "same",
    "both",
    "too",
    "did",
    "does",
    "doing",
    "its",
    "his",
    "her",
    "him",
    "she",
    "because",
    "while",
    "during",
    "before",
    "after",
    "above",
    "below",
    "between",
    "through",
    "again",
    "further",
    "once",
    "here",
    "yes",
    "candidate",
    "candidates",
    "question",
    "answer",
    "answered",
    "interview",
    "role",
    "job",
    "able",
    "well",
    "good",
    "great",
    "really",
    "like",
    "think",
    "know",
    "things",
    "thing",
    "lot",
    "one",
    "two",
    "get",
    "got",
    "make",
    "made",
    "work",
    "worked",
    "working",
    "years",
    "year",
    "experience",
    "time",
    "demonstrated",
    "shows",
    "showed",
    "strong",
    "clear",
    "clearly",
    "provided",
    "example",
    "examples",
    "specific",
    "mentioned",
    "describes",
    "described",
];

pub(crate) fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

/// Lower-cased content words. CJK text (no spaces) gives one token per
/// character pair.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#')) {
        if raw.is_empty() {
            continue;
        }
        let w = raw.to_lowercase();
        if w.chars().any(is_cjk) {
            let cs: Vec<char> = w.chars().collect();
            if cs.len() == 1 {
                out.push(w);
            } else {
                for pair in cs.windows(2) {
                    out.push(pair.iter().collect());
                }
            }
            continue;
        }
        let ascii = w.is_ascii();
        let n = w.chars().count();
        if (ascii && n < 3) || n < 2 || w.chars().all(|c| c.is_ascii_digit()) || is_stop(&w) {
            continue;
        }
        out.push(w);
    }
    out
}

/// Split text into sentences (keeps the terminator).
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？' | '؟') {
            let s = cur.trim().to_string();
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.trim().to_string();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Number words read as years of experience.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
];

/// Lower-case words of `s` (letters, digits, `+` and `.` kept inside a
/// word; a trailing `.` dropped).
pub(crate) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
}

/// Largest "N years" in a sentence.
pub(crate) fn years_in(s: &str) -> Option<f64> {
    let w = words(s);
    let mut best: Option<f64> = None;
    for i in 1..w.len() {
        if matches!(w[i].as_str(), "year" | "years" | "yrs" | "yr") {
            let prev = w[i - 1].trim_end_matches('+');
            let n = prev.parse::<f64>().ok().or_else(|| {
                NUMBER_WORDS
                    .iter()
                    .find(|(k, _)| *k == prev)
                    .map(|(_, v)| *v)
            });
            if let Some(n) = n.filter(|n| (0.0..=60.0).contains(n)) {
                best = Some(best.map_or(n, |b: f64| b.max(n)));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenises() {
        assert_eq!(
            tokens("The Barista made 200 lattés with C++ and SQL!"),
            vec!["barista", "lattés", "c++", "sql"]
        );
        assert_eq!(tokens("咖啡师"), vec!["咖啡", "啡师"]);
        assert_eq!(
            sentences("I was a lead. Then manager!"),
            vec!["I was a lead.", "Then manager!"]
        );
    }
}

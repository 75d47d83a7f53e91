//! Message templates with placeholders (F41).
//!
//! Placeholders: `{candidate_name}`, `{interviewer}`, `{job_title}`,
//! `{interview_url}`, `{step}`. `{{` and `}}` write literal braces. An unknown
//! placeholder or an unclosed brace is refused with its position, so a typo
//! never reaches a candidate's inbox.
//!
//! Defaults are built in; a workspace overrides them with the settings
//! `template.<kind>.subject` / `template.<kind>.body` (kind = nudge, retake,
//! blast). [`problems`] lists everything wrong with a draft at once (every
//! unknown placeholder by name), for an editor that shows them while typing.

use serde::{Deserialize, Serialize};

use super::{get_setting, ActionError, ActionResult};
use crate::store::Workspace;

pub const PLACEHOLDERS: &[&str] = &[
    "candidate_name",
    "interviewer",
    "job_title",
    "interview_url",
    "step",
];

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateVars {
    pub candidate_name: String,
    pub interviewer: String,
    pub job_title: String,
    pub interview_url: String,
    pub step: String,
}

impl TemplateVars {
    fn get(&self, key: &str) -> Option<&str> {
        Some(match key {
            "candidate_name" => &self.candidate_name,
            "interviewer" => &self.interviewer,
            "job_title" => &self.job_title,
            "interview_url" => &self.interview_url,
            "step" => &self.step,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessageTemplate {
    pub subject: String,
    pub body: String,
}

pub const NUDGE_SUBJECT: &str = "Reminder: finish your {step} for {job_title}";
pub const NUDGE_BODY: &str = "Hello {candidate_name},\n\n\
You started your application for {job_title} with {interviewer}, but the {step} step is not finished yet.\n\
You can pick up where you left off here:\n\n{interview_url}\n\n\
Thank you,\nThe hiring team\n";
pub const RETAKE_SUBJECT: &str = "You can retake your interview for {job_title}";
pub const RETAKE_BODY: &str = "Hello {candidate_name},\n\n\
We have allowed you another attempt at your interview for {job_title} with {interviewer}.\n\
Start again here:\n\n{interview_url}\n\n\
Good luck,\nThe hiring team\n";

pub const BLAST_SUBJECT: &str = "An update on your application for {job_title}";
pub const BLAST_BODY: &str = "Hello {candidate_name},\n\n\n\nThank you,\nThe hiring team\n";

/// The template kinds a workspace keeps.
pub const KINDS: &[&str] = &["nudge", "retake", "blast"];

/// One thing wrong with a draft template, naming its field.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateProblem {
    /// `subject` or `body`.
    pub field: String,
    pub message: String,
}

/// Every placeholder in `template` the core does not know, by name, once
/// each, in order of appearance (escaped `{{`/`}}` are not placeholders).
pub fn unknown_placeholders(template: &str) -> Vec<String> {
    scan(template).0
}

/// One pass over a draft: (unknown placeholders, brace errors).
fn scan(template: &str) -> (Vec<String>, Vec<String>) {
    let mut unknown: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    let mut chars = template.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if matches!(chars.peek(), Some((_, '{'))) => {
                chars.next();
            }
            '}' if matches!(chars.peek(), Some((_, '}'))) => {
                chars.next();
            }
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    name.push(c);
                }
                let name = name.trim().to_string();
                if !closed {
                    errors.push(format!(
                        "unclosed `{{` at character {}; write `{{{{` for a literal brace",
                        i + 1
                    ));
                } else if !PLACEHOLDERS.contains(&name.as_str()) && !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
            '}' => errors.push(format!(
                "stray `}}` at character {}; write `}}}}` for a literal brace",
                i + 1
            )),
            _ => {}
        }
    }
    (unknown, errors)
}

/// Everything wrong with a draft: empty fields, unknown placeholders (all
/// of them), unclosed or stray braces, a subject on more than one line.
/// Empty when the template renders for every candidate.
pub fn problems(t: &MessageTemplate) -> Vec<TemplateProblem> {
    let mut out = Vec::new();
    for (field, text) in [("subject", &t.subject), ("body", &t.body)] {
        let problem = |message: String| TemplateProblem {
            field: field.to_string(),
            message,
        };
        if text.trim().is_empty() {
            let what = if field == "body" { "message" } else { field };
            out.push(problem(format!("the {what} is empty")));
            continue;
        }
        let (unknown, errors) = scan(text);
        for name in &unknown {
            out.push(problem(format!(
                "unknown placeholder `{{{name}}}`; known: {}",
                known_list()
            )));
        }
        out.extend(errors.into_iter().map(problem));
        if field == "subject" && text.contains(['\r', '\n']) {
            out.push(problem("the subject must be one line".into()));
        }
    }
    out
}

fn known_list() -> String {
    PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Check a template without rendering it (for the settings UI).
pub fn validate(field: &str, template: &str) -> ActionResult<()> {
    render_field(field, template, &TemplateVars::default()).map(|_| ())
}

/// Fill the placeholders of `template`; `field` names it in errors
/// (e.g. `subject`).
pub fn render_field(field: &str, template: &str, vars: &TemplateVars) -> ActionResult<String> {
    let err = |message: String| ActionError::Template {
        field: field.to_string(),
        message,
    };
    let mut out = String::with_capacity(template.len() + 64);
    let mut chars = template.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if matches!(chars.peek(), Some((_, '{'))) => {
                chars.next();
                out.push('{');
            }
            '}' if matches!(chars.peek(), Some((_, '}'))) => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    name.push(c);
                }
                if !closed {
                    return Err(err(format!(
                        "unclosed `{{` at character {}; write `{{{{` for a literal brace",
                        i + 1
                    )));
                }
                let value = vars.get(name.trim()).ok_or_else(|| {
                    err(format!(
                        "unknown placeholder `{{{name}}}` at character {}; known: {}",
                        i + 1,
                        known_list()
                    ))
                })?;
                out.push_str(value);
            }
            '}' => {
                return Err(err(format!(
                    "stray `}}` at character {}; write `}}}}` for a literal brace",
                    i + 1
                )))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A draft filled in as far as it can be, for an editor's preview: known
/// placeholders filled, unknown ones and unmatched braces left as written
/// (so the reviewer sees where they are). Never what gets queued: that is
/// [`render`], which refuses them.
pub fn render_as_written(t: &MessageTemplate, vars: &TemplateVars) -> MessageTemplate {
    let fill = |template: &str| {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
            } else if let Some(after) = tail.strip_prefix('{') {
                // `{name}` up to the next brace of either kind.
                let known = after
                    .find(['}', '{'])
                    .filter(|&end| after[end..].starts_with('}'))
                    .and_then(|end| vars.get(after[..end].trim()).map(|v| (v, end)));
                match known {
                    Some((value, end)) => {
                        out.push_str(value);
                        rest = &after[end + 1..];
                    }
                    None => {
                        out.push('{');
                        rest = after;
                    }
                }
            } else {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
        out.push_str(rest);
        out
    };
    MessageTemplate {
        subject: fill(&t.subject),
        body: fill(&t.body),
    }
}

pub fn render(t: &MessageTemplate, vars: &TemplateVars) -> ActionResult<MessageTemplate> {
    let subject = render_field("subject", &t.subject, vars)?;
    if subject.contains(['\r', '\n']) {
        return Err(ActionError::Template {
            field: "subject".into(),
            message: "the subject must be one line".into(),
        });
    }
    Ok(MessageTemplate {
        subject,
        body: render_field("body", &t.body, vars)?,
    })
}

/// The workspace's template for `kind` (`nudge` or `retake`).
pub fn template(ws: &Workspace, kind: &str) -> ActionResult<MessageTemplate> {
    let conn = ws.reader();
    template_in(&conn, kind)
}

pub(crate) fn template_in(
    conn: &rusqlite::Connection,
    kind: &str,
) -> ActionResult<MessageTemplate> {
    let (subject, body) = match kind {
        "nudge" => (NUDGE_SUBJECT, NUDGE_BODY),
        "retake" => (RETAKE_SUBJECT, RETAKE_BODY),
        "blast" => (BLAST_SUBJECT, BLAST_BODY),
        other => {
            return Err(ActionError::Invalid(format!(
                "no template kind `{other}` ({})",
                KINDS.join(", ")
            )))
        }
    };
    Ok(MessageTemplate {
        subject: get_setting(conn, &format!("template.{kind}.subject"))?
            .unwrap_or_else(|| subject.to_string()),
        body: get_setting(conn, &format!("template.{kind}.body"))?
            .unwrap_or_else(|| body.to_string()),
    })
}

/// Save a template for `kind` after validating it: refused, naming the
/// first problem, when [`problems`] finds any.
pub fn set_template(ws: &Workspace, kind: &str, t: &MessageTemplate) -> ActionResult<()> {
    template_in(&ws.reader(), kind)?;
    if let Some(p) = problems(t).into_iter().next() {
        return Err(ActionError::Template {
            field: p.field,
            message: p.message,
        });
    }
    super::set_setting(ws, &format!("template.{kind}.subject"), &t.subject)?;
    super::set_setting(ws, &format!("template.{kind}.body"), &t.body)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> TemplateVars {
        TemplateVars {
            candidate_name: "Zoë Ångström".into(),
            interviewer: "Sally".into(),
            job_title: "Seasonal Sales Associate".into(),
            interview_url: "https://example.test/i/1".into(),
            step: "video interview".into(),
        }
    }

    #[test]
    fn fills_every_placeholder_and_escapes() {
        let out = render_field(
            "body",
            "{candidate_name}|{interviewer}|{job_title}|{interview_url}|{step}|{{x}}",
            &vars(),
        )
        .unwrap();
        assert_eq!(
            out,
            "Zoë Ångström|Sally|Seasonal Sales Associate|https://example.test/i/1|video interview|{x}"
        );
    }

    #[test]
    fn refuses_unknown_and_unclosed() {
        let e = render_field("subject", "Hi {candidat_name}", &vars()).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown placeholder `{candidat_name}`"),
            "{e}"
        );
        let e = render_field("body", "Hi {candidate_name", &vars()).unwrap_err();
        assert!(e.to_string().contains("unclosed"), "{e}");
        let e = render_field("body", "Hi }", &vars()).unwrap_err();
        assert!(e.to_string().contains("stray"), "{e}");
    }

    #[test]
    fn defaults_are_valid() {
        for t in [
            NUDGE_SUBJECT,
            NUDGE_BODY,
            RETAKE_SUBJECT,
            RETAKE_BODY,
            BLAST_SUBJECT,
            BLAST_BODY,
        ] {
            validate("t", t).unwrap();
            assert!(unknown_placeholders(t).is_empty());
        }
    }

    #[test]
    fn as_written_fills_what_it_knows_and_shows_the_rest() {
        let t = MessageTemplate {
            subject: "Hi {first_name} {candidate_name}".into(),
            body: "{{x}} {step} } {job {interviewer}".into(),
        };
        let r = render_as_written(&t, &vars());
        assert_eq!(r.subject, "Hi {first_name} Zoë Ångström");
        assert_eq!(r.body, "{x} video interview } {job Sally");
        // Agrees with `render` where `render` accepts the template.
        let ok = MessageTemplate {
            subject: NUDGE_SUBJECT.into(),
            body: NUDGE_BODY.into(),
        };
        assert_eq!(
            render_as_written(&ok, &vars()),
            render(&ok, &vars()).unwrap()
        );
    }

    #[test]
    fn problems_name_every_unknown_placeholder_and_field() {
        assert!(unknown_placeholders("{{candidat}} {candidate_name}").is_empty());
        assert_eq!(
            unknown_placeholders("Hi {first_name}, {first_name} {job} {step}"),
            ["first_name", "job"]
        );
        let t = MessageTemplate {
            subject: "Hi {first_name}\nBcc: x".into(),
            body: "{candidate_name} {job} {unclosed".into(),
        };
        let p = problems(&t);
        let said: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.field.as_str(), p.message.as_str()))
            .collect();
        assert!(
            said[0].0 == "subject" && said[0].1.starts_with("unknown placeholder `{first_name}`"),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|(f, m)| *f == "subject" && m.contains("one line")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|(f, m)| *f == "body" && m.starts_with("unknown placeholder `{job}`")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|(f, m)| *f == "body" && m.contains("unclosed")),
            "{said:?}"
        );
        let empty = problems(&MessageTemplate {
            subject: " ".into(),
            body: "".into(),
        });
        assert_eq!(empty.len(), 2);
        assert_eq!(empty[1].message, "the message is empty");
        assert!(problems(&MessageTemplate {
            subject: BLAST_SUBJECT.into(),
            body: BLAST_BODY.into()
        })
        .is_empty());
    }

    #[test]
    fn subject_must_be_one_line() {
        let mut v = vars();
        v.candidate_name = "a\nBcc: x@y".into();
        let t = MessageTemplate {
            subject: "Hi {candidate_name}".into(),
            body: "b".into(),
        };
        assert!(render(&t, &v).is_err());
    }
}

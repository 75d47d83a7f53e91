//! Message templates with placeholders (F41).
//!
//! Placeholders: `{candidate_name}`, `{interviewer}`, `{job_title}`,
//! `{interview_url}`, `{step}`. `{{` and `}}` write literal braces. An unknown
//! placeholder or an unclosed brace is refused with its position, so a typo
//! never reaches a candidate's inbox.
//!
//! Defaults are built in; a workspace overrides them with the settings
//! `template.<kind>.subject` / `template.<kind>.body` (kind = nudge, retake).

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
                        PLACEHOLDERS
                            .iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
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
        other => {
            return Err(ActionError::Invalid(format!(
                "no template kind `{other}` (nudge, retake)"
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

/// Save a template for `kind` after validating it.
pub fn set_template(ws: &Workspace, kind: &str, t: &MessageTemplate) -> ActionResult<()> {
    template_in(&ws.reader(), kind)?;
    validate("subject", &t.subject)?;
    validate("body", &t.body)?;
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
        for t in [NUDGE_SUBJECT, NUDGE_BODY, RETAKE_SUBJECT, RETAKE_BODY] {
            validate("t", t).unwrap();
        }
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

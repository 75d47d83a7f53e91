//! One demo interviewer (`PostingResponse`) and its workflow steps.

use serde_json::{json, Map, Value};

use super::candidate::build_candidate;
use super::content::{PostingDef, DAY};
use super::error::DemoError;
use super::plan::{Bundle, Ctx, Slot, PAGE_SIZE};
use super::signals::integer_scores;
use super::util::{json_bytes, object_first, wrap};
use super::workflow::{form_questions, step_id};
use crate::ext::*;
use crate::model::*;

pub(crate) fn emit_posting(
    ctx: &mut Ctx,
    bundle: &mut Bundle,
    posting: &PostingDef,
    posting_index: usize,
    slots: Vec<Slot>,
) -> Result<(), DemoError> {
    // --- postings/<id>.json
    let workflow: Vec<WorkflowStep> = posting
        .workflow
        .iter()
        .enumerate()
        .map(|(i, kind)| WorkflowStep {
            id: Some(step_id(posting, i + 1)),
            kind: (*kind).to_string(),
            order: i as i64 + 1,
            config: Some(step_config(posting, kind)),
        })
        .collect();
    let p = Posting {
        id: posting.id.into(),
        company_id: Some("comp_demo_northwind".into()),
        title: posting.title.into(),
        name: Some(posting.slug.into()),
        description: Some(posting.description.into()),
        language: Some(posting.language.into()),
        interviewer_name: Some(posting.interviewer.into()),
        status: posting.status.into(),
        archived: Some(false),
        workflow,
        urls: Some(PostingUrls {
            candidate_url: Some(format!(
                "https://candidates.heymilo.io/northwind/{}",
                posting.slug
            )),
            review_url: Some(format!(
                "https://admin.heymilo.ai/w/DEMO/lab2/{}/1-details",
                posting.id
            )),
        }),
        deadline: posting.deadline,
        max_retakes: Some(posting.max_retakes),
        retake_cooldown_days: Some(7.0),
        metadata: Some(
            [
                ("department".to_string(), Value::from(department(posting))),
                (
                    "requisition".to_string(),
                    Value::from(format!("REQ-{}", &posting.id[4..])),
                ),
            ]
            .into_iter()
            .collect(),
        ),
        created_at: Some(posting.created_at),
        updated_at: Some(posting.created_at + 3.0 * DAY),
    };
    let mut pv = object_first(
        "posting",
        serde_json::to_value(&p).map_err(DemoError::Json)?,
    );
    if let Value::Object(o) = &mut pv {
        o.insert("finalized".into(), Value::Bool(posting.status != "draft"));
        o.insert("test_posting".into(), Value::Bool(false));
    }
    let pv = if posting_index & 1 == 0 { wrap(pv) } else { pv };
    bundle
        .files
        .insert(format!("postings/{}.json", posting.id), json_bytes(&pv)?);

    // --- extensions/<posting>.json
    if let Some((budget, spend, currency)) = posting.budget {
        let ext = PostingExtension {
            posting_id: posting.id.into(),
            budget: Some(budget),
            spend: Some(spend),
            currency: Some(currency.into()),
            subscribers: posting.subscribers.iter().map(|s| s.to_string()).collect(),
        };
        bundle
            .files
            .insert(format!("extensions/{}.json", posting.id), json_bytes(&ext)?);
    }

    // --- candidates and interviews
    let mut cand_values: Vec<Value> = Vec::new();
    for (n, slot) in slots.iter().enumerate() {
        let interview_id = format!("int_{:04}", ctx.next_interview);
        ctx.next_interview += 1;
        let next_cid = ctx.candidate_ids.len() + 1;
        let candidate_id = ctx
            .candidate_ids
            .entry(slot.person.name)
            .or_insert_with(|| format!("cand_{next_cid:04}"))
            .clone();
        let built = build_candidate(posting, slot, &interview_id, &candidate_id, n)?;
        cand_values.push(object_first(
            "candidate",
            serde_json::to_value(&built.candidate).map_err(DemoError::Json)?,
        ));
        let mut iv = object_first(
            "interview_data",
            serde_json::to_value(&built.interview).map_err(DemoError::Json)?,
        );
        integer_scores(&mut iv);
        let iv = if ctx.next_interview & 1 == 0 {
            wrap(iv)
        } else {
            iv
        };
        bundle
            .files
            .insert(format!("interviews/{interview_id}.json"), json_bytes(&iv)?);
        if let Some(ext) = built.extension {
            bundle
                .files
                .insert(format!("extensions/{interview_id}.json"), json_bytes(&ext)?);
        }
    }
    let total = cand_values.len();
    let list_url = format!("/api/v2/postings/{}/candidates", posting.id);
    if posting_index % 2 == 1 && total <= PAGE_SIZE {
        // bare array form
        bundle.files.insert(
            format!("candidates/{}.json", posting.id),
            json_bytes(&Value::Array(cand_values))?,
        );
    } else {
        let pages: Vec<Vec<Value>> = if total == 0 {
            vec![vec![]]
        } else {
            cand_values.chunks(PAGE_SIZE).map(|c| c.to_vec()).collect()
        };
        let n_pages = pages.len();
        for (i, page) in pages.into_iter().enumerate() {
            let name = if i == 0 {
                format!("candidates/{}.json", posting.id)
            } else {
                format!("candidates/{}.{}.json", posting.id, i + 1)
            };
            let v = json!({
                "data": page,
                "pagination": {
                    "has_more": i + 1 < n_pages,
                    "total_count": total,
                    "url": list_url,
                }
            });
            bundle.files.insert(name, json_bytes(&v)?);
        }
    }
    Ok(())
}

pub(crate) fn department(posting: &PostingDef) -> &'static str {
    match posting.id {
        "pst_731" => "Customer Care",
        "pst_845" => "Logistics",
        _ => "Retail",
    }
}

pub(crate) fn step_config(posting: &PostingDef, kind: &str) -> Map<String, Value> {
    let v = match kind {
        "web_interview" => json!({
            "mode": "video",
            "language": posting.language,
            "question_count": posting.questions.len(),
            "resume_questions": posting.workflow.contains(&"resume"),
            "cheat_detection": posting.cheat_detection,
            "scorecard_scale": 10,
        }),
        "resume" => json!({
            "criteria": posting.resume_criteria,
            "pass_threshold": 50,
        }),
        "form" => json!({ "questions": form_questions(posting).len(), "knockout": true }),
        "conversational_sms" => json!({ "max_messages": 12, "dealbreakers": true }),
        _ => json!({}),
    };
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

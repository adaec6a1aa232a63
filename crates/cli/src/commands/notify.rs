use kashidashi_core::notify::SmtpSettings;
use kashidashi_core::{Invalid, Result};
use serde_json::json;

use crate::args::NotifyCmd;
use crate::env::Env;
use crate::reply::Reply;

fn host_port(s: &str) -> Result<(String, u16)> {
    s.rsplit_once(':')
        .and_then(|(h, p)| Some((h.to_string(), p.parse().ok()?)))
        .ok_or_else(|| {
            Invalid::BadValue {
                field: "--smtp",
                input: s.to_string(),
            }
            .into()
        })
}

pub fn run(env: &Env, cmd: &NotifyCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    match cmd {
        NotifyCmd::Reminders => {
            let actor = env.actor(&lib);
            let n = lib.queue_due_reminders(&actor)?;
            Ok(Reply::new(env.t(
                format!("返却期限日のお知らせ {n} 通を送信待ちにしました。"),
                format!("Queued {n} due-date reminders."),
            ))
            .with("queued", n))
        }
        NotifyCmd::Send {
            smtp,
            from,
            starttls,
            user,
            password,
        } => {
            let (host, port) = host_port(smtp)?;
            let settings = SmtpSettings {
                host,
                port,
                from: from.clone(),
                starttls: *starttls,
                credentials: match (user, password) {
                    (Some(u), Some(p)) => {
                        let [p] = crate::passwords::read([p.as_str()])?;
                        Some((u.clone(), p))
                    }
                    _ => None,
                },
            };
            let r = lib.send_notices(&settings, env.now)?;
            Ok(Reply::new(env.t(
                format!(
                    "送信 {} 通、失敗 {} 通 (再送待ち)、待機 {} 通",
                    r.sent, r.failed, r.waiting
                ),
                format!(
                    "Sent {}, failed {} (will retry), waiting {}",
                    r.sent, r.failed, r.waiting
                ),
            ))
            .with("sent", r.sent)
            .with("failed", r.failed)
            .with("waiting", r.waiting))
        }
        NotifyCmd::Outbox => {
            let list = lib.outbox()?;
            let text = list
                .iter()
                .map(|m| format!("#{} {} {} ({}回)", m.id, m.kind, m.to, m.attempts))
                .collect::<Vec<_>>()
                .join("\n");
            let views: Vec<_> = list.iter().map(|m| json!({"id": m.id, "kind": m.kind, "to": m.to, "subject": m.subject, "attempts": m.attempts})).collect();
            Ok(Reply::new(text).with("outbox", views))
        }
    }
}

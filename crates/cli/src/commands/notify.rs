use kashidashi_core::notify::{SmtpSecurity, SmtpSettings};
use kashidashi_core::{Invalid, Result};
use serde_json::json;

use crate::args::{NotifyCmd, TlsArg};
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
            tls,
            insecure,
            user,
            password,
        } => {
            let (host, port) = host_port(smtp)?;
            let settings = SmtpSettings {
                host,
                port,
                from: from.clone(),
                security: match (insecure, tls) {
                    (true, _) => SmtpSecurity::Insecure,
                    (false, TlsArg::Starttls) => SmtpSecurity::StartTls,
                    (false, TlsArg::Implicit) => SmtpSecurity::Tls,
                },
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
                    "送信 {} 通、失敗 {} 通 (再送待ち)、待機 {} 通、1週間送れず破棄 {} 通",
                    r.sent, r.failed, r.waiting, r.dropped
                ),
                format!(
                    "Sent {}, failed {} (will retry), waiting {}, dropped after a week of failures {}",
                    r.sent, r.failed, r.waiting, r.dropped
                ),
            ))
            .with("sent", r.sent)
            .with("failed", r.failed)
            .with("waiting", r.waiting)
            .with("dropped", r.dropped))
        }
        NotifyCmd::NewArrivals => {
            let actor = env.actor(&lib);
            let d = lib.queue_new_arrivals(&actor)?;
            let text = if d.already_done {
                env.t(
                    "今日の新着図書のお知らせはすでに作成済みです。これ以降の新着は明日のお知らせに入ります。",
                    "Today's new-arrival digest was already queued; later arrivals go in tomorrow's.",
                )
            } else {
                env.t(
                    format!(
                        "新着図書 {} タイトル、お知らせ {} 通を送信待ちにしました。",
                        d.titles, d.queued
                    ),
                    format!("{} new titles; queued {} digests.", d.titles, d.queued),
                )
            };
            Ok(Reply::new(text)
                .with("titles", d.titles)
                .with("queued", d.queued)
                .with("already_done", d.already_done))
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

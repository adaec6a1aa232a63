use std::time::Instant;

use kashidashi_core::Result;
use kashidashi_core::demo::{DemoScale, build_demo};

use crate::args::Scale;
use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, scale: Scale, profile: &str) -> Result<Reply> {
    let started = Instant::now();
    let scale = match scale {
        Scale::Small => DemoScale::Small,
        Scale::Large => DemoScale::Large,
    };
    let s = build_demo(&env.db, profile, scale, env.now, &mut |stage| {
        if !env.json {
            eprintln!("… {stage}");
        }
    })?;
    let secs = started.elapsed().as_secs_f64();
    Ok(Reply::new(env.t(
        format!(
            "デモ図書館を作成しました: {}\n  資料 {} 冊(タイトル {})、利用者 {} 人、貸出中 {} 件、予約 {} 件 ({secs:.1} 秒)\n  試しに: 利用者カード {} / 資料 {}\n  管理者 admin の仮パスワード: {}(この一度だけ表示します)",
            env.db, s.items, s.titles, s.patrons, s.loans, s.holds, s.sample_card, s.sample_item, s.admin_password
        ),
        format!(
            "Demo library created: {}\n  {} items ({} titles), {} patrons, {} loans, {} holds ({secs:.1} s)\n  Try: card {} / item {}\n  Temporary password of admin: {} (shown only this once)",
            env.db, s.items, s.titles, s.patrons, s.loans, s.holds, s.sample_card, s.sample_item, s.admin_password
        ),
    ))
    .with("items", s.items)
    .with("titles", s.titles)
    .with("patrons", s.patrons)
    .with("loans", s.loans)
    .with("holds", s.holds)
    .with("sample_card", &s.sample_card)
    .with("sample_item", &s.sample_item)
    .with("admin_temporary_password", &s.admin_password)
    .with("seconds", secs))
}

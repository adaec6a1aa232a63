//! `backup --out FILE` and `copy --to DB`: the core copies the library; this names the copy.

use std::path::Path;

use kashidashi_core::Result;
use kashidashi_core::store::Target;

use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, out: &Path) -> Result<Reply> {
    let lib = env.open()?;
    lib.backup(out)?;
    let shown = out.display().to_string();
    Ok(Reply::new(env.t(
        format!("バックアップを作成しました: {shown}"),
        format!("Backup written: {shown}"),
    ))
    .with("out", &shown))
}

pub fn copy(env: &Env, to: &str) -> Result<Reply> {
    let mut lib = env.open()?;
    let target = Target::parse(to);
    lib.copy_to(&target)?;
    let shown = target.to_string();
    Ok(Reply::new(env.t(
        format!("図書館を複写し、検査しました: {shown}"),
        format!("Library copied and checked: {shown}"),
    ))
    .with("to", &shown)
    .with("violations", Vec::<String>::new()))
}

//! `backup --out FILE`: the core copies the library; this names the file in the reply.

use std::path::Path;

use kashidashi_core::Result;

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

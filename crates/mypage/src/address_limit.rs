//! Sign-in tries per network address, beside C24's count per card: one address trying many
//! cards (each under its own five tries) is stopped too. Counted in this process's memory: a
//! second `serve` process counts its own, and behind a reverse proxy every patron has the
//! proxy's address, so the proxy should limit per client address itself (ARCHITECTURE.md).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Tries per address in one window: a family behind one home router signs in a few times a
/// day; a script tries thousands.
pub const TRIES: u32 = 30;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct AddressLimit(Mutex<HashMap<IpAddr, (Instant, u32)>>);

impl AddressLimit {
    /// Counts a try; false once the address has used up its tries in this window.
    pub fn allow(&self, addr: IpAddr) -> bool {
        let now = Instant::now();
        let mut map = self.0.lock().expect("limit lock");
        if map.len() > 10_000 {
            map.retain(|_, (since, _)| now.duration_since(*since) < WINDOW);
        }
        let entry = map.entry(addr).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= TRIES
    }
}

//! H5: any text typed as an e-mail address is accepted (trimmed) or refused with its reason.
#![no_main]

use kashidashi_core::patrons::validate_email;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    if let Ok(addr) = validate_email(&raw) {
        // An accepted address is accepted again as stored.
        assert_eq!(validate_email(&addr).unwrap(), addr);
    }
});

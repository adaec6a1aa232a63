//! A profile file as an administrator may write it (`init --profile FILE`): a policy or a named
//! refusal, never a panic.
#![no_main]

use kashidashi_core::policy::Policy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(policy) = Policy::parse("fuzz", text) {
            // Every desk the policy names can be looked up by its code.
            let first = policy.first_counter().code.as_str();
            assert!(policy.desk(first).is_ok());
        }
    }
});

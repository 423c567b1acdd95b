#![no_main]
//! `cargo fuzz run rule_file`: see `shipsafe::fuzzing::rule_file`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| shipsafe::fuzzing::rule_file(data));

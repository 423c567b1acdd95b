#![no_main]
//! `cargo fuzz run config`: see `shipsafe::fuzzing::config`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| shipsafe::fuzzing::config(data));

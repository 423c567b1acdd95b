#![no_main]
//! `cargo fuzz run scan`: see `shipsafe::fuzzing::scan`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| shipsafe::fuzzing::scan(data));

#![no_main]
//! `cargo fuzz run outputs`: see `shipsafe::fuzzing::outputs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| shipsafe::fuzzing::outputs(data));

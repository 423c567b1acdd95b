//! `files done / total` on standard error while a scan runs: shown once the scan has
//! taken half a second, redrawn at most every 200 ms, cleared at the end. The CLI turns
//! it on for terminals only, never in CI logs or piped output.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use crate::engine::Progress;

pub struct ProgressLine {
    started: Instant,
    /// Milliseconds since `started` of the last redraw.
    last: AtomicU64,
    shown: AtomicBool,
}

impl ProgressLine {
    pub fn new() -> Arc<Self> {
        Arc::new(ProgressLine {
            started: Instant::now(),
            last: AtomicU64::new(0),
            shown: AtomicBool::new(false),
        })
    }

    /// What the engine calls after each file.
    pub fn callback(self: &Arc<Self>) -> Progress {
        let me = self.clone();
        Progress(Arc::new(move |done, total| me.tell(done, total)))
    }

    fn tell(&self, done: usize, total: usize) {
        let now = self.started.elapsed().as_millis() as u64;
        let last = self.last.load(Relaxed);
        if now < 500 || now < last + 200 {
            return;
        }
        // one thread redraws; the others go on
        if self
            .last
            .compare_exchange(last, now, Relaxed, Relaxed)
            .is_err()
        {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rshipsafe: {done}/{total} files");
        let _ = err.flush();
        self.shown.store(true, Relaxed);
    }

    /// Clears the line if it was drawn.
    pub fn finish(&self) {
        if self.shown.load(Relaxed) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

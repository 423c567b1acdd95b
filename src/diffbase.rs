//! `--diff-base REF`: only findings on lines changed since a git ref, the way a pull
//! request is reviewed. The repository is read with gitoxide (no `git` process): the
//! merge base of the ref and HEAD, the file as it was there, and a line diff against the
//! file as it is now in the working tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::FileError;
use crate::finding::Report;

/// Lines changed in one file: `None` when the file is new since the base.
type Changed = Option<BTreeSet<usize>>;

fn error(message: String) -> Box<FileError> {
    Box::new(FileError::plain("shipsafe::diff_base", "", message))
}

/// The base tree: the merge base of `reference` and HEAD in the repository at `root`.
struct Base {
    repo: gix::Repository,
    tree: gix::ObjectId,
}

impl Base {
    fn open(root: &Path, reference: &str) -> Result<Base, Box<FileError>> {
        let repo = gix::discover(root).map_err(|e| {
            error(format!(
                "--diff-base needs a git repository at {}: {e}",
                root.display()
            ))
        })?;
        let base = repo
            .rev_parse_single(reference)
            .map_err(|e| error(format!("--diff-base {reference}: {e}")))?
            .detach();
        let head = repo
            .head_id()
            .map_err(|e| error(format!("--diff-base: no HEAD commit: {e}")))?
            .detach();
        let merge_base = repo
            .merge_base(base, head)
            .map_err(|e| error(format!("--diff-base {reference}: {e}")))?
            .ok_or_else(|| {
                error(format!(
                    "--diff-base {reference}: no common history with HEAD"
                ))
            })?
            .detach();
        let tree = repo
            .find_commit(merge_base)
            .and_then(|c| c.tree_id())
            .map_err(|e| error(format!("--diff-base {reference}: {e}")))?
            .detach();
        Ok(Base { repo, tree })
    }

    /// The file at `rel` in the base tree, or `None` if it did not exist there.
    fn file(&self, rel: &str) -> Option<Vec<u8>> {
        let tree = self.repo.find_tree(self.tree).ok()?;
        let entry = tree.lookup_entry_by_path(rel).ok()??;
        let object = entry.object().ok()?;
        Some(object.data.clone())
    }
}

/// Lines of `new` (1-based) that are not in `old`, by a line diff.
pub fn changed_lines(old: &str, new: &str) -> BTreeSet<usize> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = BTreeSet::new();
    for change in diff.iter_all_changes() {
        if change.tag() == similar::ChangeTag::Insert
            && let Some(i) = change.new_index()
        {
            out.insert(i + 1);
        }
    }
    out
}

/// Removes from a report the findings on lines unchanged since the merge base of
/// `reference` and HEAD; returns how many were removed.
pub fn filter(report: &mut Report, reference: &str) -> Result<usize, Box<FileError>> {
    // the repository holding the scanned root (the project root is the nearest .git)
    let base = Base::open(&report.root, reference)?;
    let workdir = base
        .repo
        .workdir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| report.root.clone());
    let prefix = report
        .root
        .strip_prefix(&workdir)
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.is_empty());
    let mut cache: BTreeMap<String, Changed> = BTreeMap::new();
    let before = report.findings.len();
    report.findings.retain(|f| {
        let changed = cache.entry(f.path.clone()).or_insert_with(|| {
            let in_repo = match &prefix {
                Some(p) => format!("{p}/{}", f.path),
                None => f.path.clone(),
            };
            let old = base.file(&in_repo)?;
            let new = std::fs::read(report.root.join(&f.path)).unwrap_or_default();
            Some(changed_lines(
                &String::from_utf8_lossy(&old),
                &String::from_utf8_lossy(&new),
            ))
        });
        match changed {
            None => true,
            Some(lines) => (f.span.start_line..=f.span.end_line).any(|l| lines.contains(&l)),
        }
    });
    Ok(before - report.findings.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn changed_lines_are_the_inserted_ones() {
        let old = "a\nb\nc\n";
        let new = "x\na\nb2\nc\ny\n";
        let got: Vec<usize> = super::changed_lines(old, new).into_iter().collect();
        assert_eq!(got, vec![1, 3, 5]);
    }
}

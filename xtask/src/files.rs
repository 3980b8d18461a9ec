//! Folders of files: clearing, listing, copying and compressing them.

use crate::process::Fail;
use std::path::Path;
use std::process::Command;

/// Removes `dir` and what is in it, if it is there.
pub fn clear_dir(dir: &Path) -> Result<(), Fail> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .map_err(|e| Fail::new(format!("cannot clear {}: {e}", dir.display())))?;
    }
    Ok(())
}

/// The paths (with `/`) of the files under `dir/sub`, relative to `dir`.
pub fn files_under(dir: &Path, sub: &str) -> Result<Vec<String>, Fail> {
    let mut found = Vec::new();
    let start = dir.join(sub);
    if !start.is_dir() {
        return Ok(found);
    }
    let mut pending = vec![start];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| Fail::new(format!("cannot read {}: {e}", folder.display())))?;
        for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> =
                    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Copies the files (and folders) of `from` for which `keep(name)` holds into `to`.
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> Result<(), Fail> {
    let problem =
        |e: std::io::Error| Fail::new(format!("cannot copy {} to {}: {e}", from.display(), to.display()));
    std::fs::create_dir_all(to).map_err(problem)?;
    for entry in std::fs::read_dir(from).map_err(problem)? {
        let entry = entry.map_err(problem)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep(&name) {
            continue;
        }
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to.join(&name), &|_| true)?;
        } else {
            std::fs::copy(entry.path(), to.join(&name)).map_err(problem)?;
        }
    }
    Ok(())
}

/// Writes `<file>.br` (brotli -q 11) and `<file>.gz` (gzip -9) beside every file under `dir`.
pub fn compress_tree(dir: &Path) -> Result<(), Fail> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Fail::new(format!("cannot read {}: {e}", dir.display())))?;
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        if path.is_dir() {
            compress_tree(&path)?;
            continue;
        }
        for (program, args, suffix) in
            [("brotli", &["-q", "11", "-c"][..], "br"), ("gzip", &["-9", "-n", "-c"][..], "gz")]
        {
            // Debian's brotli and gzip, from the machine's own PATH.
            let output = Command::new(program)
                .args(args)
                .arg(&path)
                .output()
                .map_err(|e| Fail::new(format!("cannot run {program}: {e}")))?;
            if !output.status.success() {
                return Err(Fail::new(format!("{program} failed on {}", path.display())));
            }
            let mut target = path.clone().into_os_string();
            target.push(format!(".{suffix}"));
            std::fs::write(&target, output.stdout)
                .map_err(|e| Fail::new(format!("cannot write {target:?}: {e}")))?;
        }
    }
    Ok(())
}

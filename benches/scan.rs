//! The scan benchmark: `cargo bench --bench scan [-- DIR]`.
//!
//! Without a directory it generates, deterministically, a monorepo of about a million
//! lines of TypeScript and Python in generated-app style (under `target/bench-corpus`,
//! reused once written) and measures three passes over the same files:
//! - read: every file read from disk (the floor of any scanner),
//! - parse: read and parsed once (tree-sitter / syn), no rules,
//! - full: `shipsafe scan` with every rule, as the CLI runs it.
//!
//! `-- --pass parse DIR` or `-- --pass full DIR` runs that one pass once and prints its
//! time: for a profiler that counts instructions (`valgrind --tool=cachegrind` on the
//! bench binary), whose counts do not drift with a shared machine's clock.
//!
//! Each pass runs on all cores, the three taking turns for three rounds; the report
//! gives the fastest run of each (files/s, MB/s, lines/s), the full scan's ratio to the
//! parse floor (of the fastest runs, and of each round's), the same ratio of the CPU
//! time the passes used (steadier on a shared VM, whose wall clock drifts), and the peak
//! memory of the process.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use shipsafe::discover::{DiscoverOptions, discover};
use shipsafe::engine::{ScanOptions, scan};
use shipsafe::lang::Lang;
use shipsafe::source::SourceText;

/// The allocator the `shipsafe` binary uses, for Rust and tree-sitter alike.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Files of each kind in the generated corpus (about 1.0 M lines in all).
const TS_FILES: usize = 4000;
const PY_FILES: usize = 2500;

fn main() {
    // SAFETY: first thing, before any parser, query or tree exists
    unsafe { shipsafe::lang::grammar::allocate_with_mimalloc() };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = args
        .iter()
        .position(|a| a == "--pass")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--pass"))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(corpus);
    let root = std::path::absolute(&dir).unwrap_or(dir.clone());
    let files = discover(&DiscoverOptions {
        paths: std::slice::from_ref(&root),
        root: &root,
        excludes: &[],
        exclude_base: &root,
        max_file_size: 1024 * 1024,
        threads: 0,
    })
    .expect("discover")
    .files;
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(&f.abs).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lines: usize = texts.iter().map(|t| t.lines().count()).sum();
    drop(texts);
    println!(
        "corpus: {} ({} files, {:.1} MB, {} lines)",
        root.display(),
        files.len(),
        bytes as f64 / 1e6,
        lines
    );

    let read_pass = || {
        files.par_iter().with_max_len(1).for_each(|f| {
            let _ = std::fs::read(&f.abs);
        })
    };
    let parse_pass = || {
        files.par_iter().with_max_len(1).for_each(|f| {
            let Ok(text) = std::fs::read_to_string(&f.abs) else {
                return;
            };
            if f.lang.uses_tree_sitter() {
                let _ = shipsafe::lang::grammar::parse(f.lang, &text);
            } else if f.lang == Lang::Rust {
                let _ = shipsafe::lang::rust::parse(&SourceText::new(text));
            }
        })
    };
    let mut findings = 0;
    let mut full_pass = || {
        let report = scan(&ScanOptions {
            paths: vec![root.clone()],
            ..Default::default()
        })
        .expect("scan");
        findings = report.findings.len();
    };
    if let Some(pass) = only {
        let (wall, cpu) = match pass.as_str() {
            "parse" => timed(parse_pass),
            "full" => timed(&mut full_pass),
            other => panic!("--pass takes parse or full, not {other}"),
        };
        println!(
            "{pass}: {:.3} s (cpu {:.3} s)",
            wall.as_secs_f64(),
            cpu.as_secs_f64()
        );
        return;
    }
    // the passes take turns, three rounds: a machine that slows down for a while (a
    // shared VM's timings drift by a third) slows both sides of the ratio alike
    let mut rounds = Vec::new();
    for _ in 0..3 {
        rounds.push((timed(read_pass), timed(parse_pass), timed(&mut full_pass)));
    }
    type Round = (
        (Duration, Duration),
        (Duration, Duration),
        (Duration, Duration),
    );
    let best = |pick: fn(&Round) -> (Duration, Duration)| {
        let wall = rounds.iter().map(|r| pick(r).0).min().unwrap_or_default();
        let cpu = rounds.iter().map(|r| pick(r).1).min().unwrap_or_default();
        (wall, cpu)
    };
    let ((read, _), (parse, parse_cpu), (full, full_cpu)) =
        (best(|r| r.0), best(|r| r.1), best(|r| r.2));
    let mut ratios: Vec<f64> = rounds
        .iter()
        .map(|r| r.2.0.as_secs_f64() / r.1.0.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);

    println!(
        "{:<8} {:>9} {:>10} {:>9} {:>12}",
        "pass", "seconds", "files/s", "MB/s", "lines/s"
    );
    for (name, t) in [("read", read), ("parse", parse), ("full", full)] {
        let s = t.as_secs_f64();
        println!(
            "{name:<8} {s:>9.3} {:>10.0} {:>9.1} {:>12.0}",
            files.len() as f64 / s,
            bytes as f64 / 1e6 / s,
            lines as f64 / s
        );
    }
    println!(
        "full / parse: {:.2}x (fastest of each; each round: {})   findings: {findings}   peak memory: {}",
        full.as_secs_f64() / parse.as_secs_f64(),
        ratios
            .iter()
            .map(|r| format!("{r:.2}x"))
            .collect::<Vec<_>>()
            .join(" "),
        peak_memory()
    );
    // where /proc cannot tell it, there is no CPU time to compare
    if !parse_cpu.is_zero() {
        println!(
            "cpu time: parse {:.3} s, full {:.3} s, full / parse: {:.2}x",
            parse_cpu.as_secs_f64(),
            full_cpu.as_secs_f64(),
            full_cpu.as_secs_f64() / parse_cpu.as_secs_f64()
        );
    }
}

/// How long one run takes: wall-clock time and the CPU time of every thread.
fn timed(mut f: impl FnMut()) -> (Duration, Duration) {
    let (t, cpu) = (Instant::now(), cpu_time());
    f();
    (t.elapsed(), cpu_time().saturating_sub(cpu))
}

/// The CPU time (user and system) the process's threads have used so far, from /proc
/// (Linux; zero elsewhere, and then not reported). On a shared VM the wall clock also
/// counts the time other machines took the cores; this does not.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // the fields after the command's name, which is in parentheses
            let rest = &s[s.rfind(')')? + 1..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            // utime and stime (fields 14 and 15), in ticks of 1/100 s
            let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
            Some(Duration::from_millis(ticks * 10))
        })
        .unwrap_or_default()
}

/// The process's peak resident memory, from /proc (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// The generated corpus, written once under target/bench-corpus.
fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    let marker = dir.join(".complete");
    if marker.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).expect("corpus dir");
    // a data model so that the tenant rules have work to do
    let schema = dir.join("packages/db/prisma/schema.prisma");
    std::fs::create_dir_all(schema.parent().expect("parent")).expect("mkdir");
    let mut prisma = String::from(
        "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n",
    );
    for m in 0..40 {
        prisma.push_str(&format!(
            "model Entity{m} {{\n  id String @id\n  orgId String\n  name String\n  status String\n  createdAt DateTime @default(now())\n}}\n"
        ));
    }
    std::fs::write(&schema, prisma).expect("schema");
    for i in 0..TS_FILES {
        let path = dir.join(format!(
            "apps/web/app/api/feature{}/item{}/route.ts",
            i % 97,
            i
        ));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, ts_file(i)).expect("ts file");
    }
    for i in 0..PY_FILES {
        let path = dir.join(format!(
            "services/api/app/routes/module{}/handler{}.py",
            i % 53,
            i
        ));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, py_file(i)).expect("py file");
    }
    std::fs::write(&marker, "").expect("marker");
    dir
}

/// A Next.js route module of about 150 lines: handlers, Prisma queries (tenant-filtered,
/// mostly), a model call, validation, logging.
fn ts_file(i: usize) -> String {
    let m = i % 40;
    let mut s = format!(
        "import {{ NextResponse }} from \"next/server\";\nimport {{ z }} from \"zod\";\nimport {{ prisma }} from \"@/lib/db\";\nimport {{ auth }} from \"@/lib/auth\";\nimport {{ generateText }} from \"ai\";\nimport {{ openai }} from \"@ai-sdk/openai\";\n\nconst Body{i} = z.object({{ name: z.string().min(1), status: z.enum([\"open\", \"closed\"]) }});\n\n"
    );
    for h in 0..6 {
        s.push_str(&format!(
            "export async function handler{h}(req: Request) {{\n  const session = await auth();\n  if (!session) return NextResponse.json({{ error: \"unauthorized\" }}, {{ status: 401 }});\n  const body = Body{i}.parse(await req.json());\n  const rows = await prisma.entity{m}.findMany({{\n    where: {{ orgId: session.user.orgId, status: body.status }},\n    orderBy: {{ createdAt: \"desc\" }},\n    take: 50,\n  }});\n  const summary = rows.map((r) => `${{r.name}} (${{r.status}})`).join(\"\\n\");\n  const {{ text }} = await generateText({{\n    model: openai(\"gpt-4o-mini\"),\n    system: \"Summarize the items for a dashboard card.\",\n    prompt: summary,\n  }});\n  console.info(\"handler{h}\", rows.length);\n  const updated = await prisma.entity{m}.updateMany({{\n    where: {{ orgId: session.user.orgId, name: body.name }},\n    data: {{ status: body.status }},\n  }});\n  return NextResponse.json({{ text, count: updated.count }});\n}}\n\n"
        ));
    }
    s
}

/// A FastAPI router module of about 150 lines.
fn py_file(i: usize) -> String {
    let mut s = String::from(
        "import os\n\nfrom fastapi import APIRouter, Depends\nfrom pydantic import BaseModel\nfrom sqlmodel import Session, select\n\nfrom ..deps import get_current_user, get_session\nfrom ..models import Item\n\nrouter = APIRouter()\n\n\n",
    );
    for h in 0..8 {
        s.push_str(&format!(
            "class Body{i}_{h}(BaseModel):\n    name: str\n    status: str = \"open\"\n\n\n@router.post(\"/items{i}/{h}\")\ndef handler_{h}(body: Body{i}_{h}, user=Depends(get_current_user), session: Session = Depends(get_session)):\n    statement = select(Item).where(Item.owner_id == user.id, Item.status == body.status)\n    items = session.exec(statement).all()\n    total = sum(len(item.name) for item in items)\n    if total > 10_000:\n        return {{\"error\": \"too many\"}}\n    item = Item(name=body.name, status=body.status, owner_id=user.id)\n    session.add(item)\n    session.commit()\n    return {{\"id\": item.id, \"count\": len(items), \"region\": os.environ.get(\"REGION\", \"eu\")}}\n\n\n"
        ));
    }
    s
}

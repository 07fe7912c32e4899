//! `cargo xtask bench`: timings with a baseline measured in the same run, reported as medians
//! and ratios (these machines are noisy; absolute numbers are only indicative).

use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Result};

use crate::gen;
use crate::spec;

mod http;
mod scale;
mod search;

pub(crate) fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn time_ms(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(median(samples))
}

/// `only`: `Some("search")` runs the search bench alone; `None` runs everything.
pub fn run(only: Option<&str>) -> Result<()> {
    if cfg!(debug_assertions) {
        // The baselines (generation, the bare axum handler) run inside this process, so they
        // must be measured optimized, as the sandbox is.
        eprintln!("rebuilding xtask in release mode for the bench...");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["run", "--quiet", "--release", "-p", "xtask", "--", "bench"])
            .args(only)
            .status()?;
        if !status.success() {
            bail!("the release bench failed");
        }
        return Ok(());
    }
    println!("| what | measured | baseline (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    if only == Some("search") {
        return search::run();
    }
    bench_gen()?;
    scale::run()?;
    search::run()?;
    Ok(())
}

fn bench_gen() -> Result<()> {
    let parse = time_ms(15, || spec::load_all().map(|_| ()))?;
    let generate = time_ms(15, || gen::generate_all().map(|_| ()))?;
    println!(
        "| generate all clients and stubs, in process | {generate:.1} ms | parse the specs only: {parse:.1} ms | {:.1}x | |",
        generate / parse
    );
    let exe = std::env::current_exe()?;
    let spawn = |args: &[&str]| -> Result<()> {
        let status = Command::new(&exe)
            .args(args)
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            bail!("xtask {args:?} failed");
        }
        Ok(())
    };
    let help = time_ms(10, || spawn(&["help"]))?;
    let check = time_ms(10, || spawn(&["gen", "--check"]))?;
    println!(
        "| `xtask gen --check` as a command (xtask built) | {check:.0} ms | `xtask help` (process start): {help:.0} ms | {:.1}x | under 2 s |",
        check / help
    );
    Ok(())
}

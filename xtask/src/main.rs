//! Project automation, run as `cargo xtask <command>` (see README.md).

use std::process::ExitCode;

use xtask::{ansible, bench, contract, docs, gen, package};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  gen [--check]   regenerate the clients and server stubs from openapi/*.yaml;
                  with --check, write nothing and fail when a committed file is stale
  contract        schemathesis against a running sandbox, for every spec
  ansible         Dell's omevv_* Ansible modules (pip install ansible==12.3.0) against a
                  sandbox over HTTPS (server/tests/ansible/omevv.yml)
  bench [search | flood | proxy | world | --check]
                  medians and ratios for generation and the sandbox (see BENCHMARKS.md);
                  `search` runs only Aria's search at 10,000 VMs and 100,000 flows;
                  `world` only Aria at 100,000 VMs and 1,000,000 flows;
                  `--check` fails when a ratio is past its limit (a 2x regression)
  package [--musl | --wheel-only]
                  the static binary in a Python wheel, its pytest plugin from a fresh venv,
                  the GitHub Action's start script, hadolint, cargo package --list, the
                  container; with --musl, also the musl static binary (needs musl-tools);
                  with --wheel-only, only the wheel's build (.ci/run starts it early)
  docs [--out DIR]
                  build the offline API docs site (default target/api-docs; needs `npm ci`)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["gen"] => gen::run(false),
        ["gen", "--check"] => gen::run(true),
        ["docs"] => docs::run(None),
        ["bench"] => bench::run(None, false),
        ["bench", "--check"] => bench::run(None, true),
        ["bench", only @ ("search" | "flood" | "proxy" | "world")] => bench::run(Some(only), false),
        ["contract"] => contract::run(),
        ["ansible"] => ansible::run(),
        ["package"] => package::run_all(false),
        ["package", "--musl"] => package::run_all(true),
        ["package", "--wheel-only"] => package::wheel_only(),
        ["docs", "--out", dir] => docs::run(Some(dir.into())),
        ["help" | "--help" | "-h"] | [] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("unknown command {args:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

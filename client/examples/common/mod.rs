//! What every example takes: `--url BASE` (the sandbox or appliance, without the API's path)
//! and `--insecure` (accept a self-signed certificate, as the vendors' scripts do).

use appliance_client::SessionOptions;

pub struct Args {
    pub base: String,
    pub options: SessionOptions,
}

pub fn args() -> Args {
    let mut base = "http://127.0.0.1:8080".to_string();
    let mut insecure = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--url" => base = it.next().expect("--url needs a value"),
            "--insecure" => insecure = true,
            other => panic!("unknown argument {other}; usage: --url BASE [--insecure]"),
        }
    }
    Args {
        base: base.trim_end_matches('/').to_string(),
        options: SessionOptions {
            accept_invalid_certs: insecure,
            ..Default::default()
        },
    }
}

//! Aria: page through a list to its end, by hand (`size` and `cursor`), as every SDK example
//! does, and with the session's helper that follows the cursors.
//!
//!     cargo run -p appliance-client --example paging -- --url http://127.0.0.1:8080

mod common;

use appliance_client::aria_networks as aria;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = common::args();
    let base = format!("{}/api/ni", args.base);
    let s = aria::Session::login_local(&base, "admin@local", "admin", args.options).await?;
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    let mut seen = Vec::new();
    loop {
        let mut call = s.client().list_all_users().size(1);
        if let Some(c) = &cursor {
            call = call.cursor(c);
        }
        let page = call.send().await?.into_inner();
        pages += 1;
        seen.extend(page.results.into_iter().map(|u| u.id));
        match page.cursor.filter(|c| !c.is_empty()) {
            Some(next) if (seen.len() as i64) < page.total_count => cursor = Some(next),
            _ => break,
        }
    }
    println!("{} users in {pages} pages: {seen:?}", seen.len());
    let all = s.all_users("local").await?;
    println!("{} local users through Session::all_users", all.len());
    s.logout().await?;
    Ok(())
}

//! The README's Rust fixture example, verbatim from the `#[tokio::test]` line (xtask's README
//! test checks it).

#[tokio::test]
async fn my_client_logs_in() {
    let sandbox = appliance_sandbox::testing::spawn().await.unwrap();
    let s = appliance_client::omivv::Session::login(
        &sandbox.omivv_url(),
        "admin",
        "",
        "admin123",
        Default::default(),
    )
    .await
    .unwrap();
    s.logoff().await.unwrap();
}

//! The sandbox's integration tests, one binary: each module drives a running sandbox (in-process
//! through `common`, or the built binary) over HTTP.

mod application_seeds;
mod aria_application_members;
mod aria_application_traffic;
mod aria_applications;
mod aria_data_sources;
mod aria_inventory;
mod aria_metrics;
mod aria_networks;
mod aria_search;
mod binary;
mod client_sessions;
mod common;
mod control;
mod dell_scripts;
mod drift;
mod drift_check;
mod durability;
mod import;
mod import_sources;
mod migrations;
mod omevv;
mod omivv;
mod omivv_scenarios;
mod omivv_services;
mod proxy;
mod proxy_queries;
mod proxy_streaming;
mod readme_fixture;
mod request_order;
mod snapshots;
mod transactions;
mod transport;
mod vendor_clients;
mod vendor_requests;
mod vidm;

//! What the API is: its version.

mod api;

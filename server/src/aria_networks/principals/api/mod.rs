//! The `Users` and `User groups` tags, a file each.

mod user_groups;
mod users;

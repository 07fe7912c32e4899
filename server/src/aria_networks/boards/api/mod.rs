//! The `Custom dashboards` and `Pinboards` tags: one store, two shapes of the same boards.

mod dashboards;
mod pinboards;

use super::Board;

/// Epoch seconds as the decimal string the models carry.
fn stamp(secs: i64) -> String {
    secs.to_string()
}

/// A board's fields both shapes share, the pins left to each.
struct Common {
    id: String,
    name: String,
    description: Option<String>,
    create_timestamp: String,
    last_updated_timestamp: String,
    owner: String,
    users_read_access: Vec<String>,
    users_write_access: Vec<String>,
    groups_read_access: Vec<String>,
    groups_write_access: Vec<String>,
}

fn common(b: &Board) -> Common {
    let r = &b.row;
    Common {
        id: b.id.clone(),
        name: r.name.clone(),
        description: r.description.clone(),
        create_timestamp: stamp(r.created),
        last_updated_timestamp: stamp(r.updated),
        owner: r.owner.clone(),
        users_read_access: r.users_read.clone(),
        users_write_access: r.users_write.clone(),
        groups_read_access: r.groups_read.clone(),
        groups_write_access: r.groups_write.clone(),
    }
}

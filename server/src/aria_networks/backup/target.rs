//! Where a backup goes or a restore reads from (E113): the request's file server, checked and
//! named, never contacted. Passwords are checked and dropped.

use crate::aria_networks::errors::AriaError;
use crate::generated::aria_networks::types;

fn bad(message: String) -> AriaError {
    AriaError::InvalidInput(message)
}

/// A checked file server: `location` names its directory (`ssh://10.0.0.10/home/backups`),
/// `file` the file the request names, if any.
pub struct Target {
    pub location: String,
    pub file: Option<String>,
}

fn directory(field: &str, dir: Option<&String>) -> Result<String, AriaError> {
    let dir = dir.map(|d| d.trim()).unwrap_or_default();
    if !dir.starts_with('/') || dir.contains("..") {
        return Err(bad(format!(
            "{field}.backup_directory: an absolute path is needed, without '..'"
        )));
    }
    let trimmed = dir.trim_end_matches('/');
    Ok(if trimmed.is_empty() { "/" } else { trimmed }.to_string())
}

fn file_name(field: &str, name: Option<&String>) -> Result<Option<String>, AriaError> {
    let Some(name) = name.map(|n| n.trim()).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.contains('/') || name == "." || name == ".." {
        return Err(bad(format!(
            "{field}.backup_file_name: a file name, without '/'"
        )));
    }
    Ok(Some(name.to_string()))
}

/// An SSH or FTP server's fields (the two models have the same ones).
struct Remote<'a> {
    address: Option<&'a String>,
    port: Option<i32>,
    username: Option<&'a String>,
    password: Option<&'a String>,
    directory: Option<&'a String>,
    file: Option<&'a String>,
}

fn remote(scheme: &str, field: &str, default_port: i32, r: Remote) -> Result<Target, AriaError> {
    let address = r.address.map(|a| a.trim()).unwrap_or_default();
    let host_like = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_');
    if address.is_empty() || !address.chars().all(host_like) {
        return Err(bad(format!(
            "{field}.server_address: an IP address or host name is needed"
        )));
    }
    let port = r.port.unwrap_or(default_port);
    if !(1..=65_535).contains(&port) {
        return Err(bad(format!("{field}.port: {port} is not 1 to 65535")));
    }
    let username = r.username.map(|u| u.trim()).unwrap_or_default();
    if username.is_empty() {
        return Err(bad(format!("{field}.username is needed")));
    }
    if r.password.is_none_or(|p| p.is_empty()) {
        return Err(bad(format!("{field}.password is needed")));
    }
    let dir = directory(field, r.directory)?;
    // The server and directory name the place; the account and port only reach it.
    Ok(Target {
        location: format!("{scheme}://{}{dir}", address.to_ascii_lowercase()),
        file: file_name(field, r.file)?,
    })
}

/// The request's file server, checked. S3 is the SaaS deployment's only.
pub fn of(request: &types::BackupRestoreRequest) -> Result<Target, AriaError> {
    use types::FileServerType as Kind;
    let missing = |field: &str| {
        bad(format!(
            "{field} is needed for this backup_file_server_type"
        ))
    };
    match request.backup_file_server_type {
        Kind::Local => {
            let s =
                (request.local_file_server.as_ref()).ok_or_else(|| missing("local_file_server"))?;
            Ok(Target {
                location: format!(
                    "local://{}",
                    directory("local_file_server", s.backup_directory.as_ref())?
                ),
                file: file_name("local_file_server", s.backup_file_name.as_ref())?,
            })
        }
        Kind::Ssh => {
            let s = (request.ssh_file_server.as_ref()).ok_or_else(|| missing("ssh_file_server"))?;
            let r = Remote {
                address: s.server_address.as_ref(),
                port: s.port,
                username: s.username.as_ref(),
                password: s.password.as_ref(),
                directory: s.backup_directory.as_ref(),
                file: s.backup_file_name.as_ref(),
            };
            remote("ssh", "ssh_file_server", 22, r)
        }
        Kind::Ftp => {
            let s = (request.ftp_file_server.as_ref()).ok_or_else(|| missing("ftp_file_server"))?;
            let r = Remote {
                address: s.server_address.as_ref(),
                port: s.port,
                username: s.username.as_ref(),
                password: s.password.as_ref(),
                directory: s.backup_directory.as_ref(),
                file: s.backup_file_name.as_ref(),
            };
            remote("ftp", "ftp_file_server", 21, r)
        }
        Kind::S3 => Err(bad(
            "backup_file_server_type S3 is for the SaaS deployment; use LOCAL, SSH or FTP".into(),
        )),
    }
}

/// The schedule, checked: `DAILY` or `WEEKLY` (with a day, 0 or 1 to 7 for Sunday), hour and
/// minute in range.
pub fn check_schedule(schedule: Option<&types::BackupSchedule>) -> Result<(), AriaError> {
    let Some(s) = schedule else {
        return Ok(());
    };
    let in_range = |v: Option<i32>, max| v.is_none_or(|v| (0..=max).contains(&v));
    if !in_range(s.hour, 23) {
        return Err(bad("backup_schedule.hour: 0 to 23".into()));
    }
    if !in_range(s.minute, 59) {
        return Err(bad("backup_schedule.minute: 0 to 59".into()));
    }
    if !in_range(s.day_of_week, 7) {
        return Err(bad(
            "backup_schedule.day_of_week: 1 (Sunday) to 7 (Saturday)".into(),
        ));
    }
    use types::BackupScheduleSchedulePeriod as Period;
    match s.schedule_period {
        None if s.enable => Err(bad(
            "backup_schedule.schedule_period: DAILY or WEEKLY is needed".into(),
        )),
        Some(Period::Weekly) if s.day_of_week.is_none() => Err(bad(
            "backup_schedule.day_of_week is needed for a WEEKLY schedule".into(),
        )),
        _ => Ok(()),
    }
}

/// The request as answered and stored: without its passwords.
pub fn without_secrets(request: &types::BackupRestoreRequest) -> types::BackupRestoreRequest {
    let mut r = request.clone();
    if let Some(s) = &mut r.ssh_file_server {
        s.password = None;
    }
    if let Some(s) = &mut r.ftp_file_server {
        s.password = None;
    }
    r
}

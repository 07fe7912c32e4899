//! The CSV a flow-based discovery may name applications and tiers from (E89): a header
//! `application,tier,vm` and one row per VM. Rows that cannot be read are set aside with the
//! reason, for `fileErrors/csv`.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::aria_networks::csv_upload;
use crate::aria_networks::errors::AriaError;
use crate::aria_networks::tables::FbadFileRow;

/// By lower-cased VM name: its application and tier.
pub type CsvNames = HashMap<String, (String, String)>;

/// The most rows one file may hold.
const MAX_ROWS: usize = 100_000;

impl FbadFileRow {
    pub fn names(&self) -> CsvNames {
        self.rows
            .iter()
            .map(|(vm, app, tier)| (vm.to_lowercase(), (app.clone(), tier.clone())))
            .collect()
    }
}

/// The `filepath` an upload answers: where the appliance would keep it, encoded.
pub fn filepath(seq: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("/fbad/uploads/{seq}.csv"))
}

/// Reads an upload; a file that is not UTF-8 or lacks the header is refused whole.
pub fn parse(seq: u64, bytes: &[u8]) -> Result<FbadFileRow, AriaError> {
    let bad = |m: String| AriaError::InvalidInput(m);
    let mut reader = csv_upload::reader(csv_upload::text(bytes, "file")?, false);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            return Err(bad(
                "file is empty; its first line must be application,tier,vm".into(),
            ))
        }
    };
    let columns: Vec<String> = header.iter().map(str::to_lowercase).collect();
    if columns != ["application", "tier", "vm"] {
        return Err(bad(format!(
            "the header must be application,tier,vm, not {}",
            header.iter().collect::<Vec<_>>().join(",")
        )));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let line = reader_line(&record);
        match record {
            Err(e) => errors.push((line, format!("unreadable: {e}"))),
            Ok(r) if r.len() != 3 => {
                errors.push((line, format!("{} fields, not 3", r.len())));
            }
            Ok(r) if r.iter().any(str::is_empty) => {
                errors.push((line, "application, tier and vm must not be empty".into()));
            }
            Ok(r) => rows.push((r[2].to_string(), r[0].to_string(), r[1].to_string())),
        }
        if rows.len() + errors.len() > MAX_ROWS {
            return Err(bad(format!("file has more than {MAX_ROWS} rows")));
        }
    }
    Ok(FbadFileRow {
        seq,
        // Kept as sent, a byte-order mark too, for the download (UTF-8, checked above).
        text: String::from_utf8_lossy(bytes).into_owned(),
        rows,
        errors,
    })
}

fn reader_line(record: &Result<csv::StringRecord, csv::Error>) -> u64 {
    match record {
        Ok(r) => r.position().map_or(0, csv::Position::line),
        Err(e) => e.position().map_or(0, csv::Position::line),
    }
}

/// The rows set aside, as CSV with the header `line,error`.
pub fn errors_csv(file: Option<&FbadFileRow>) -> Result<Vec<u8>, AriaError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| AriaError::Internal(e.to_string());
    w.write_record(["line", "error"]).map_err(fail)?;
    for (line, reason) in file.map(|f| f.errors.as_slice()).unwrap_or_default() {
        w.write_record([line.to_string().as_str(), reason])
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| AriaError::Internal(e.to_string()))
}

//! What the CSV uploads have in common (flow-based discovery's names file, bulk data sources):
//! UTF-8 text, a spreadsheet's byte-order mark dropped, fields trimmed, and records of any length
//! read, so that each caller judges a short or long record itself rather than the reader failing.

use super::errors::AriaError;

/// The upload as text; `what` names it in the 400 (`file`, `attachment`).
pub fn text<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, AriaError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| AriaError::InvalidInput(format!("{what} is not UTF-8 text")))?;
    Ok(text.trim_start_matches('\u{feff}'))
}

/// A reader over `text`; with `has_headers` its first record is the header.
pub fn reader(text: &str, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_and_fields_trimmed() {
        let text = text("\u{feff}a, b\n1 ,2,3\n".as_bytes(), "file").unwrap();
        let mut r = reader(text, true);
        assert_eq!(r.headers().unwrap(), vec!["a", "b"]);
        let record = r.records().next().unwrap().unwrap();
        assert_eq!(record, vec!["1", "2", "3"]);
    }

    #[test]
    fn text_that_is_not_utf8_is_named() {
        let e = text(&[0xff, 0xfe, 0x00], "attachment").unwrap_err();
        assert!(e.to_string().contains("attachment is not UTF-8"), "{e}");
    }
}

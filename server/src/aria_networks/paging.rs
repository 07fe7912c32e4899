//! The vendor's paging: `size` items (10 by default, 1..=1000) and a `cursor` that is the base64
//! of the next page's offset. Serving a page costs its size, whatever the offset.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::errors::AriaError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: usize,
    pub size: usize,
}

/// The most items a page may hold.
pub const MAX_SIZE: i32 = 1000;

impl PageRequest {
    pub fn parse(size: Option<i32>, cursor: Option<&str>) -> Result<Self, AriaError> {
        Self::parse_up_to(size, cursor, MAX_SIZE)
    }

    /// As `parse`, for a list whose pages may hold up to `max` items.
    pub fn parse_up_to(
        size: Option<i32>,
        cursor: Option<&str>,
        max: i32,
    ) -> Result<Self, AriaError> {
        let size = size.unwrap_or(10);
        if !(1..=max).contains(&size) {
            return Err(AriaError::InvalidInput(format!(
                "size must be between 1 and {max}, not {size}"
            )));
        }
        let offset = match cursor {
            None | Some("") => 0,
            Some(c) => STANDARD
                .decode(c)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| s.parse::<usize>().ok())
                .ok_or_else(|| AriaError::InvalidInput(format!("Invalid cursor {c:?}")))?,
        };
        Ok(Self {
            offset,
            size: size as usize,
        })
    }

    /// Checks the offset against the list's length and answers the next page's cursor.
    pub fn next_cursor(&self, returned: usize, total: usize) -> Result<Option<String>, AriaError> {
        if self.offset > total {
            return Err(AriaError::InvalidInput(format!(
                "Invalid cursor: offset {} is past the end",
                self.offset
            )));
        }
        let end = self.offset + returned;
        Ok((end < total).then(|| STANDARD.encode(end.to_string())))
    }
}

/// One page of a table as answered (each row through `answer`, read in place), its total, and
/// the next page's cursor; O(log n + size).
pub fn page_of<T: Clone + serde::Serialize + serde::de::DeserializeOwned, A>(
    table: &crate::store::Table<T>,
    page: PageRequest,
    answer: impl Fn(&T) -> A,
) -> Result<(Vec<A>, Option<String>, usize), AriaError> {
    let rows: Vec<A> = table
        .page(page.offset, page.size)
        .into_iter()
        .map(answer)
        .collect();
    let cursor = page.next_cursor(rows.len(), table.len())?;
    Ok((rows, cursor, table.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_are_base64_offsets() {
        let p = PageRequest::parse(Some(2), Some("Mg==")).unwrap();
        assert_eq!(p, PageRequest { offset: 2, size: 2 });
        assert_eq!(p.next_cursor(2, 5).unwrap().as_deref(), Some("NA=="));
        assert_eq!(p.next_cursor(1, 3).unwrap(), None);
        assert!(p.next_cursor(0, 1).is_err());
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(None, Some("%%")).is_err());
        assert_eq!(PageRequest::parse(None, Some("")).unwrap().offset, 0);
    }
}

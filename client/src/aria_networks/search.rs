//! Search and bulk fetch on a [`Session`]: a search that follows its cursors as a stream, and a
//! fetch of any number of entities in chunks the server accepts.

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::stream::{self, TryStreamExt};

use super::session::Session;
use super::{types, Error};
use crate::retry::send;

/// The most ids `/entities/fetch` takes in one call.
pub const FETCH_CHUNK: usize = 1000;

enum Next {
    First,
    Cursor(String),
    Done,
}

impl Session {
    /// Every hit of `request`, page after page, as a stream: the next page is asked for only as
    /// the stream is read. Ends at a missing or empty cursor, and at a cursor seen before (a
    /// server that loops). `request.cursor` is where it starts.
    pub fn search_stream(
        &self,
        request: types::SearchRequest,
    ) -> impl Stream<Item = Result<types::EntityIdWithTime, Error<types::ApiError>>> + '_ {
        let start = match request.cursor.clone().filter(|c| !c.is_empty()) {
            Some(c) => Next::Cursor(c),
            None => Next::First,
        };
        stream::try_unfold((start, HashSet::new()), move |(next, mut seen)| {
            let mut body = request.clone();
            async move {
                body.cursor = match next {
                    Next::Done => return Ok::<_, Error<types::ApiError>>(None),
                    Next::First => None,
                    Next::Cursor(c) => Some(c),
                };
                let page = send(&self.options().retry, || {
                    self.client().search_entities().body(body.clone()).send()
                })
                .await?
                .into_inner();
                let next = match page.cursor.filter(|c| !c.is_empty()) {
                    Some(c) if !page.results.is_empty() && seen.insert(c.clone()) => {
                        Next::Cursor(c)
                    }
                    _ => Next::Done,
                };
                Ok(Some((page.results, (next, seen))))
            }
        })
        .map_ok(|results| stream::iter(results.into_iter().map(Ok)))
        .try_flatten()
    }

    /// Every hit of `request`, collected.
    pub async fn search_all(
        &self,
        request: types::SearchRequest,
    ) -> Result<Vec<types::EntityIdWithTime>, Error<types::ApiError>> {
        self.search_stream(request).try_collect().await
    }

    /// The entities of `ids`, fetched [`FETCH_CHUNK`] at a time, in order (the server leaves out
    /// ids it does not know).
    pub async fn fetch_entities(
        &self,
        ids: &[types::FetchRequestEntityId],
    ) -> Result<Vec<types::EntityWithTime>, Error<types::ApiError>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(FETCH_CHUNK) {
            let body = types::FetchRequest {
                entity_ids: chunk.to_vec(),
            };
            let page = send(&self.options().retry, || {
                self.client()
                    .entities_fetch_post()
                    .body(body.clone())
                    .send()
            })
            .await?
            .into_inner();
            out.extend(page.results);
        }
        Ok(out)
    }
}

/// The ids of search hits, ready for [`Session::fetch_entities`].
pub fn fetch_ids(hits: &[types::EntityIdWithTime]) -> Vec<types::FetchRequestEntityId> {
    hits.iter()
        .map(|h| types::FetchRequestEntityId {
            entity_id: h.entity_id.clone(),
            entity_type: Some(h.entity_type),
            time: Some(h.time),
        })
        .collect()
}

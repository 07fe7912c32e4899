//! Search over the inventory: the filter language, and (as it grows) search, aggregation and
//! bulk fetch.

pub mod filter;

//! Work spread over the machine's cores where a large world pays for the threads.

/// `f` of each of `0..n`, in order, on the machine's cores when `n` is large enough to pay for
/// the threads (a large world's million flows are named and hashed this way at start-up).
pub(super) fn par_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if n < 20_000 {
        return (0..n).map(f).collect();
    }
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let f = &f;
                scope.spawn(move || (start..(start + chunk).min(n)).map(f).collect::<Vec<T>>())
            })
            .collect();
        let mut all = Vec::with_capacity(n);
        for part in parts {
            // A worker's panic goes on as it was.
            all.extend(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    })
}

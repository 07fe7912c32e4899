use super::*;

#[test]
fn heads_end_at_an_empty_line_with_or_without_carriage_returns() {
    for (chunks, end) in [
        (
            vec![&b"GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY"[..]],
            Some((0, 27)),
        ),
        (vec![b"GET / HTTP/1.1\nHost: x\n\nB"], Some((0, 24))),
        (
            vec![b"GET / HTTP/1.1\r\nHost: x\r", b"\n", b"\r", b"\nB"],
            Some((3, 1)),
        ),
        (vec![b"GET / HTTP/1.1\r\nHost: x\r\n"], None),
    ] {
        let mut head = Head {
            started: Instant::now(),
            seen: 0,
            line: None,
            state: 0,
        };
        let found = chunks
            .iter()
            .enumerate()
            .find_map(|(i, c)| head.scan(c).map(|at| (i, at)));
        assert_eq!(found, end, "{chunks:?}");
        // The request line ends at its `\n`: after `\r` or not.
        assert!(matches!(head.line, Some(14 | 15)), "{:?}", head.line);
    }
}

#[test]
fn the_stand_in_keeps_only_the_path() {
    assert_eq!(
        target_path(b"GET /api/ni/search?q=aaaa HTTP/1.1\r\n"),
        "/api/ni/search"
    );
    assert_eq!(target_path(b"GET /a\x01b HTTP/1.1"), "/a_b");
    assert_eq!(target_path(b"GET"), "/");
    assert_eq!(
        target_path(&[b"GET /".as_slice(), &[b'p'; 5000]].concat()).len(),
        1024
    );
}

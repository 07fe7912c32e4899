//! What the journal keeps of a request's secrets: nothing. Query parameters are judged by
//! their decoded names (the sandbox reads `pass%77ord` as `password`, so the journal must too),
//! credentials inside URLs in any parameter are hidden, and of an `Authorization` header only a
//! recognised scheme name survives.

use axum::http::HeaderValue;
use percent_encoding::percent_decode_str;

/// Words that make a parameter a secret, matched in its decoded, lower-cased name with `-`, `_`,
/// `.` and spaces removed (so `api_key`, `Api-Key` and `apikey` are one name).
const SECRET_WORDS: [&str; 10] = [
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "assertion",
    "apikey",
    "credential",
    "code",
    "privatekey",
];

/// The `Authorization` schemes whose names are kept; anything else is hidden entirely (its
/// first word may itself be the credential).
const SCHEMES: [&str; 5] = ["Basic", "Bearer", "Digest", "Negotiate", "NetworkInsight"];

/// Masks the values of query parameters that carry secrets.
pub fn mask_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) if is_secret_name(k) || has_url_credentials(v) => format!("{k}=***"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Decodes percent-escapes (and `+`) until nothing changes, a few rounds at most: a double
/// encoding must not hide a name from the check.
fn decoded(text: &str) -> String {
    let mut text = text.replace('+', " ");
    for _ in 0..4 {
        let next = percent_decode_str(&text).decode_utf8_lossy().into_owned();
        if next == text {
            break;
        }
        text = next;
    }
    text
}

pub fn is_secret_name(name: &str) -> bool {
    let name: String = decoded(name)
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_WORDS.iter().any(|w| name.contains(w))
}

/// `scheme://user:password@host` (or `user@host`) anywhere in the decoded value.
fn has_url_credentials(value: &str) -> bool {
    let value = decoded(value);
    value.match_indices("://").any(|(at, _)| {
        let authority = value[at + 3..]
            .split(['/', '?', '#', ' ', '&'])
            .next()
            .unwrap_or_default();
        authority.contains('@')
    })
}

/// What is kept of an `Authorization` header: a recognised scheme's name, never more.
#[derive(Clone, Copy)]
pub struct AuthScheme(Option<&'static str>);

impl AuthScheme {
    pub fn of(value: &HeaderValue) -> Self {
        let first = value
            .to_str()
            .unwrap_or_default()
            .split_once(' ')
            .map(|(s, _)| s);
        Self(first.and_then(|s| SCHEMES.into_iter().find(|k| k.eq_ignore_ascii_case(s))))
    }

    pub fn masked(self) -> String {
        match self.0 {
            Some(scheme) => format!("{scheme} ***"),
            None => "***".into(),
        }
    }
}

/// Keeps a recognised scheme of an `Authorization` header and hides the rest.
pub fn mask_authorization(value: &str) -> String {
    match HeaderValue::from_str(value) {
        Ok(v) => AuthScheme::of(&v).masked(),
        Err(_) => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secret_parameters_by_their_decoded_names() {
        for (query, masked) in [
            (
                "grant_type=password&client_id=c&username=u&password=p%20q",
                "grant_type=password&client_id=c&username=u&password=***",
            ),
            (
                "client_secret=s&access_token=t",
                "client_secret=***&access_token=***",
            ),
            ("pass%77ord=vidm-password", "pass%77ord=***"),
            ("%70assword=vidm-password", "%70assword=***"),
            ("PASS%2577ORD=x", "PASS%2577ORD=***"),
            (
                "Api-Key=k&api_key=k&APIKEY=k",
                "Api-Key=***&api_key=***&APIKEY=***",
            ),
            (
                "pwd=x&refresh_token=y&token=z",
                "pwd=***&refresh_token=***&token=***",
            ),
            ("url=https://u:p@h/x&size=10", "url=***&size=10"),
            ("next=https%3A%2F%2Fu%3Ap%40h%2Fx", "next=***"),
            ("url=https://h/x?a=b@c", "url=https://h/x?a=b@c"),
            ("size=10&cursor=abc", "size=10&cursor=abc"),
        ] {
            assert_eq!(mask_query(query), masked, "{query}");
        }
    }

    #[test]
    fn keeps_no_part_of_an_authorization_value_but_a_known_scheme() {
        for (header, kept) in [
            ("Bearer eyJ.x.y", "Bearer ***"),
            ("bearer eyJ.x.y", "Bearer ***"),
            ("NetworkInsight abc==", "NetworkInsight ***"),
            ("Basic dTpw", "Basic ***"),
            ("Digest u=1", "Digest ***"),
            ("eyJhbGciOi.x.y trailing", "***"),
            ("secret", "***"),
        ] {
            assert_eq!(mask_authorization(header), kept, "{header}");
        }
    }
}

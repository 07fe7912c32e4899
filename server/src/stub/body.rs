//! Request bodies: JSON read as the appliances' Java stack reads it (scalars written as strings
//! accepted where a number or boolean is expected, `null` only where the spec allows it), and
//! multipart/form-data parts.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use super::{Rejection, RequestContext};

/// `nullable` names the fields (`a.b`) whose schema allows `null`.
pub fn json_body<T: DeserializeOwned>(
    ctx: &RequestContext,
    body: Result<Bytes, BytesRejection>,
    nullable: &[&str],
) -> Result<T, Rejection> {
    optional_json_body(ctx, body, nullable)?.ok_or(Rejection::MissingBody)
}

pub fn optional_json_body<T: DeserializeOwned>(
    ctx: &RequestContext,
    body: Result<Bytes, BytesRejection>,
    nullable: &[&str],
) -> Result<Option<T>, Rejection> {
    let bytes = body_bytes(ctx, body, Rejection::MalformedJson)?;
    parse_json(&bytes, nullable)
}

/// Reads an `application/x-www-form-urlencoded` body as `T` (`None` when empty and not
/// `required`), leniently as the JSON reader: a field's text may stand for a number or boolean.
pub fn urlencoded_body<T: DeserializeOwned>(
    ctx: &RequestContext,
    body: Result<Bytes, BytesRejection>,
    required: bool,
) -> Result<Option<T>, Rejection> {
    let bytes = body_bytes(ctx, body, Rejection::InvalidBody)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return if required {
            Err(Rejection::InvalidBody("a form body is required".into()))
        } else {
            Ok(None)
        };
    }
    let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .map_err(|e| Rejection::InvalidBody(e.to_string()))?;
    let mut fields = serde_json::Map::new();
    for (k, v) in pairs {
        if fields.contains_key(&k) {
            return Err(Rejection::InvalidBody(format!("{k}: given twice")));
        }
        fields.insert(k, serde_json::Value::String(v));
    }
    deserialize_leniently(serde_json::Value::Object(fields)).map(Some)
}

/// The body's bytes, or why there are none: too large (413), or unreadable (`unreadable`).
fn body_bytes(
    ctx: &RequestContext,
    body: Result<Bytes, BytesRejection>,
    unreadable: fn(String) -> Rejection,
) -> Result<Bytes, Rejection> {
    if ctx.body_too_large {
        return Err(Rejection::PayloadTooLarge);
    }
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Rejection::PayloadTooLarge
        } else {
            unreadable(e.body_text())
        }
    })
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub struct FormPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

/// A `multipart/form-data` body, its parts in order.
#[derive(Debug, Clone, Default)]
pub struct FormData {
    pub parts: Vec<FormPart>,
}

impl FormData {
    /// The first part called `name`.
    pub fn part(&self, name: &str) -> Option<&FormPart> {
        self.parts.iter().find(|p| p.name == name)
    }
}

/// Reads a `multipart/form-data` body (with `multer`, what axum's own extractor uses) and checks
/// that each of `required` is one of its parts.
pub async fn form_body(
    ctx: &RequestContext,
    body: Result<Bytes, BytesRejection>,
    required: &[&str],
) -> Result<FormData, Rejection> {
    let bytes = body_bytes(ctx, body, Rejection::InvalidForm)?;
    let content_type = ctx.header("content-type").unwrap_or("");
    let boundary = multer::parse_boundary(content_type).map_err(|_| {
        Rejection::InvalidForm(format!(
            "Content-Type {content_type:?} is not multipart/form-data with a boundary"
        ))
    })?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut form = FormData::default();
    let bad = |e: multer::Error| Rejection::InvalidForm(e.to_string());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(|m| m.to_string());
        let bytes = field.bytes().await.map_err(bad)?;
        form.parts.push(FormPart {
            name,
            file_name,
            content_type,
            bytes,
        });
    }
    if let Some(missing) = required.iter().find(|r| form.part(r).is_none()) {
        return Err(Rejection::InvalidForm(format!(
            "the part {missing:?} is required"
        )));
    }
    Ok(form)
}

/// Reads a JSON request body as `T` (`None` for an empty body): the one reader every generated
/// handler uses, and the snapshot suite runs each documented request sample through.
pub fn parse_json<T: DeserializeOwned>(
    bytes: &[u8],
    nullable: &[&str],
) -> Result<Option<T>, Rejection> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    // Parsed once: syntax first, then the null rule, then the operation's type.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Rejection::MalformedJson(e.to_string()))?;
    // The generated types read `null` as an absent optional field; refuse it wherever the spec
    // does not declare the field `nullable`, so that `{"display_name": null}` is a 400, not a
    // silent omission.
    if let Some(at) = first_null(&value, String::new(), nullable) {
        return Err(Rejection::InvalidBody(format!("{at}: null is not allowed")));
    }
    deserialize_leniently(value).map(Some)
}

/// Deserializes `value` as `T`, accepting what the appliances' Java stack (Jackson) accepts: a
/// boolean written as `"true"`/`"false"` and a number written as a numeric string. Where `T`
/// refuses a string that reads as such a scalar, the string is replaced by the scalar and
/// `T` tried again; anything else, or a replacement `T` also refuses at the same place, is
/// the original error, naming the field.
fn deserialize_leniently<T: DeserializeOwned>(
    mut value: serde_json::Value,
) -> Result<T, Rejection> {
    // Each retry fixes one field, and a body has few; the bound only stops a pathological one.
    for _ in 0..64 {
        let first = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let path = first.path().clone();
        let fixed = pointer_of(&path)
            .and_then(|p| value.pointer_mut(&p))
            .is_some_and(coerce_scalar);
        let refused_again = fixed
            && matches!(
                serde_path_to_error::deserialize::<_, T>(&value),
                Err(e) if e.path().to_string() == path.to_string()
            );
        if !fixed || refused_again {
            return Err(invalid_body(first));
        }
    }
    serde_path_to_error::deserialize(&value).map_err(invalid_body)
}

fn invalid_body(e: serde_path_to_error::Error<serde_json::Error>) -> Rejection {
    let path = e.path().to_string();
    let inner = e.into_inner();
    Rejection::InvalidBody(if path == "." || path.is_empty() {
        inner.to_string()
    } else {
        format!("{path}: {inner}")
    })
}

/// A serde path (`a.b[2].c`) as a JSON pointer (`/a/b/2/c`).
fn pointer_of(path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { .. } | Segment::Unknown => return None,
        }
    }
    Some(out)
}

/// Replaces a string that reads as a boolean or a number by that scalar.
fn coerce_scalar(v: &mut serde_json::Value) -> bool {
    let serde_json::Value::String(s) = v else {
        return false;
    };
    let scalar = match s.trim() {
        // Jackson's spellings: Python's `str(True)` is `"True"` (Dell's OMEVV scripts).
        "true" | "True" | "TRUE" => serde_json::Value::Bool(true),
        "false" | "False" | "FALSE" => serde_json::Value::Bool(false),
        t => match serde_json::from_str::<serde_json::Number>(t) {
            Ok(n) => serde_json::Value::Number(n),
            Err(_) => return false,
        },
    };
    *v = scalar;
    true
}

/// The JSON path (`a.b[2]`) of the first `null` inside an object or array.
/// (Fields named in `nullable` may be `null`.)
fn first_null(v: &serde_json::Value, at: String, nullable: &[&str]) -> Option<String> {
    first_null_at(v, at, String::new(), nullable)
}

/// `at` names the place for the error (`a[2].b`); `shape` is how the spec names it (`a[].b`).
fn first_null_at(
    v: &serde_json::Value,
    at: String,
    shape: String,
    nullable: &[&str],
) -> Option<String> {
    let join = |base: &str, k: &str| {
        if base.is_empty() {
            k.to_string()
        } else {
            format!("{base}.{k}")
        }
    };
    match v {
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            let (here, like) = (join(&at, k), join(&shape, k));
            if v.is_null() {
                (!nullable.contains(&like.as_str())).then_some(here)
            } else {
                first_null_at(v, here, like, nullable)
            }
        }),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let here = format!("{at}[{i}]");
            if v.is_null() {
                Some(here)
            } else {
                first_null_at(v, here, format!("{shape}[]"), nullable)
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Sample {
        enable: bool,
        count: i32,
        name: String,
        inner: Option<Vec<Inner>>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Inner {
        on: bool,
    }

    #[test]
    fn null_is_read_only_where_the_spec_allows_it() {
        let body = br#"{"enable": true, "count": 1, "name": "n", "inner": null}"#;
        match parse_json::<Sample>(body, &[]) {
            Err(Rejection::InvalidBody(m)) => assert_eq!(m, "inner: null is not allowed"),
            other => panic!("{other:?}"),
        }
        let read: Sample = parse_json(body, &["inner"]).unwrap().unwrap();
        assert_eq!(read.inner, None);
        // Allowing one field does not allow another.
        let other = br#"{"enable": true, "count": 1, "name": "n", "inner": [null]}"#;
        assert!(parse_json::<Sample>(other, &["inner"]).is_err());
    }

    #[test]
    fn scalars_written_as_strings_are_read_as_jackson_reads_them() {
        let ok: Sample = parse_json(
            br#"{"enable": "true", "count": "12", "name": "7", "inner": [{"on": "false"}]}"#,
            &[],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            ok,
            Sample {
                enable: true,
                count: 12,
                name: "7".into(),
                inner: Some(vec![Inner { on: false }]),
            }
        );
        let python: Sample = parse_json(br#"{"enable": "True", "count": 1, "name": "n"}"#, &[])
            .unwrap()
            .unwrap();
        assert!(python.enable);
        // What Jackson refuses stays a 400 that names the field.
        for (body, field) in [
            (r#"{"enable": "tRUE", "count": 1, "name": "n"}"#, "enable"),
            (r#"{"enable": "yes", "count": 1, "name": "n"}"#, "enable"),
            (r#"{"enable": "1", "count": 1, "name": "n"}"#, "enable"),
            (r#"{"enable": true, "count": "12.5", "name": "n"}"#, "count"),
            (r#"{"enable": true, "count": "x", "name": "n"}"#, "count"),
            (r#"{"enable": true, "count": 1, "name": true}"#, "name"),
            (
                r#"{"enable": true, "count": 1, "name": "n", "inner": [{"on": "no"}]}"#,
                "inner[0].on",
            ),
        ] {
            match parse_json::<Sample>(body.as_bytes(), &[]) {
                Err(Rejection::InvalidBody(m)) => assert!(m.starts_with(field), "{body}: {m}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn finds_nulls_at_any_depth() {
        let v = serde_json::json!({"a": {"b": [1, null]}, "c": 2});
        assert_eq!(
            first_null(&v, String::new(), &[]).as_deref(),
            Some("a.b[1]")
        );
        assert_eq!(
            first_null(&serde_json::json!({"a": [1, {"b": 2}]}), String::new(), &[]),
            None
        );
    }
}

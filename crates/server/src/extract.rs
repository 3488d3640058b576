//! Extractors whose rejections are our own error bodies, never axum's text:
//! [`AppPath`], [`AppQuery`], [`AppJson`], [`NoFields`] and [`RequestKey`].

use axum::body::Bytes;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, RawPathParams, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use etalase_contract::IdempotencyKey;
use serde::de::DeserializeOwned;
use serde_path_to_error::Path as FieldPath;

use crate::error::AppError;

/// The `Idempotency-Key` header, if sent: 400 `bad_request` naming it when
/// it is not 1 to 255 visible ASCII characters, or sent more than once.
#[derive(Debug)]
pub struct RequestKey(pub Option<IdempotencyKey>);

impl RequestKey {
    /// The key, or 400 `bad_request` naming the header with `why` when none was sent.
    pub fn required(self, why: &str) -> Result<IdempotencyKey, AppError> {
        self.0.ok_or_else(|| key_error(why))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all("idempotency-key").iter();
        let Some(value) = values.next() else {
            return Ok(RequestKey(None));
        };
        if values.next().is_some() {
            return Err(key_error(
                "send one Idempotency-Key header: this request sends several",
            ));
        }
        let text = value
            .to_str()
            .map_err(|_| key_error("Idempotency-Key must be visible ASCII, without spaces"))?;
        IdempotencyKey::try_from(text.to_owned())
            .map(|key| RequestKey(Some(key)))
            .map_err(key_error)
    }
}

fn key_error(message: &str) -> AppError {
    AppError::BadRequest {
        message: message.to_owned(),
        field: Some("Idempotency-Key".to_owned()),
    }
}

/// Path parameters, like [`axum::extract::Path`], rejected with an [`AppError`].
#[derive(Debug)]
pub struct AppPath<T>(pub T);

impl<S, T> FromRequestParts<S> for AppPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if parts.uri.path().contains(NUL_ESCAPE_IN_URLS) {
            if let Ok(params) = RawPathParams::from_request_parts(parts, state).await {
                if let Some((key, _)) = params.iter().find(|(_, value)| value.contains('\0')) {
                    return Err(AppError::BadRequest {
                        message: nul_refused(key),
                        field: Some(key.to_owned()),
                    });
                }
            }
        }
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(AppPath(value)),
            Err(rejection) => Err(path_error(rejection)),
        }
    }
}

/// Query parameters, read into `T`, rejected with an [`AppError`]: a
/// parameter of the wrong type, or one `T` does not know, is 400
/// `bad_request` naming it.
#[derive(Debug)]
pub struct AppQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AppQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        if query.contains(NUL_ESCAPE_IN_URLS) {
            let pairs = form_urlencoded::parse(query.as_bytes());
            if let Some((key, _)) = pairs.into_iter().find(|(_, value)| value.contains('\0')) {
                return Err(AppError::BadRequest {
                    message: nul_refused(&key),
                    field: Some(key.into_owned()),
                });
            }
        }
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(AppQuery)
            .map_err(|error| {
                let path = error.path().to_string();
                let message = error.into_inner().to_string();
                let field = message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                    .map(str::to_owned)
                    .or_else(|| (path != ".").then_some(path));
                AppError::BadRequest {
                    message: format!("bad query: {message}"),
                    field,
                }
            })
    }
}

/// A bad path parameter is the client's fault (400, naming the parameter when
/// axum knows it); a parameter the route does not capture is ours (500).
fn path_error(rejection: PathRejection) -> AppError {
    match rejection {
        PathRejection::FailedToDeserializePathParams(error) if error.status().is_client_error() => {
            let field = match error.kind() {
                ErrorKind::ParseErrorAtKey { key, .. }
                | ErrorKind::InvalidUtf8InPathParam { key }
                | ErrorKind::DeserializeError { key, .. } => Some(key.clone()),
                _ => None,
            };
            AppError::BadRequest {
                message: error.kind().to_string(),
                field,
            }
        }
        other => AppError::Internal(format!("path extraction: {}", other.body_text())),
    }
}

/// A JSON body, like [`axum::Json`], rejected with an [`AppError`]:
///
/// - not `Content-Type: application/json`, or not JSON at all: 400 `bad_request`;
/// - a missing field, a field of the wrong type or an unknown field: 422
///   `invalid_field`, with the field's path (`shops[1].courier`);
/// - a body over the limit: 413.
#[derive(Debug)]
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(not_json());
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(body_error)?;
        parse_json(&bytes).map(AppJson)
    }
}

/// The body of a request that takes no fields: none at all, or `{}` (which
/// many HTTP clients send by default). Anything else is refused as
/// [`AppJson`] refuses a body: a field is 422 `invalid_field` naming it,
/// and a body that is not a JSON object 400 `bad_request` (or 422 naming
/// `body`).
#[derive(Debug)]
pub struct NoFields;

impl<S: Send + Sync> FromRequest<S> for NoFields {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = is_json(request.headers());
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(body_error)?;
        if bytes.trim_ascii().is_empty() {
            return Ok(NoFields);
        }
        if !json {
            return Err(not_json());
        }
        let fields: serde_json::Map<String, serde_json::Value> = parse_json(&bytes)?;
        match fields.keys().next() {
            None => Ok(NoFields),
            Some(field) => Err(AppError::invalid(
                field.clone(),
                format!("unknown field `{field}`: this request takes no fields"),
            )),
        }
    }
}

/// Whether `headers` say the body is JSON (`application/json` or
/// `application/…+json`).
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json")
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
}

/// A body sent without a JSON `Content-Type` (400).
fn not_json() -> AppError {
    AppError::BadRequest {
        message: "expected a JSON body with Content-Type: application/json".to_owned(),
        field: None,
    }
}

/// Parses `bytes` as a `T`, with the errors [`AppJson`] documents. Bodies
/// are JSON objects: serde would also read a struct from an array of its
/// fields' values, which no client means to send.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if bytes.trim_ascii_start().first() == Some(&b'[') {
        return Err(AppError::invalid("body", "the body must be a JSON object"));
    }
    if let Some(field) = nul_in_json(bytes) {
        let message = nul_refused(&field);
        return Err(AppError::invalid(field, message));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().clone();
        let inner = error.into_inner();
        if inner.is_data() {
            let message = inner.to_string();
            AppError::invalid(field_of(&path, &message), message)
        } else {
            AppError::BadRequest {
                message: format!("the body is not valid JSON: {inner}"),
                field: None,
            }
        }
    })?;
    deserializer.end().map_err(|error| AppError::BadRequest {
        message: format!("the body is not valid JSON: {error}"),
        field: None,
    })?;
    Ok(value)
}

/// U+0000 as URLs escape it.
const NUL_ESCAPE_IN_URLS: &str = "%00";

/// The path of the first string of a JSON body (key or value) holding
/// U+0000, which PostgreSQL cannot store in text and no field of the API
/// means: refused at the door, whatever the field, on either store. Bodies
/// without the escape `\u0000` are not parsed twice.
fn nul_in_json(bytes: &[u8]) -> Option<String> {
    if !bytes.windows(6).any(|window| window == b"\\u0000") {
        return None;
    }
    // Not JSON at all: the parser that follows says so.
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    nul_at(&value, "")
}

/// Where in `value`, found at `path`, a string holds U+0000.
fn nul_at(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(text) => text
            .contains('\0')
            .then(|| if path.is_empty() { "body" } else { path }.to_owned()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| nul_at(item, &format!("{path}[{index}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            let path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if key.contains('\0') {
                Some(path)
            } else {
                nul_at(item, &path)
            }
        }),
        _ => None,
    }
}

/// What is said when `field` holds U+0000.
fn nul_refused(field: &str) -> String {
    format!("{field} must not contain the NUL character (U+0000)")
}

/// The field a data error is about: its path, and for a missing field the
/// field's own name below it (serde names it only in the message).
fn field_of(path: &FieldPath, message: &str) -> String {
    let path = path.to_string();
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (missing, path.as_str()) {
        (Some(name), ".") => name.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => "body".to_owned(),
        (None, path) => path.to_owned(),
    }
}

/// A body that cannot be read: over the limit (413), or cut off (400).
fn body_error(rejection: BytesRejection) -> AppError {
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest {
            message: rejection.body_text(),
            field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "the fields are only deserialized")]
    struct Line {
        quantity: u32,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "the fields are only deserialized")]
    struct Body {
        name: String,
        lines: Vec<Line>,
    }

    fn field(json: &str) -> Option<String> {
        match parse_json::<Body>(json.as_bytes()) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{json}: {other:?}"),
        }
    }

    #[test]
    fn data_errors_name_the_field_by_path() {
        assert_eq!(field(r#"{"lines":[]}"#).as_deref(), Some("name"));
        assert_eq!(field(r#"{"name":1,"lines":[]}"#).as_deref(), Some("name"));
        assert_eq!(
            field(r#"{"name":"a","lines":[{"quantity":1},{"quantity":-1}]}"#).as_deref(),
            Some("lines[1].quantity")
        );
        assert_eq!(
            field(r#"{"name":"a","lines":[{}]}"#).as_deref(),
            Some("lines[0].quantity")
        );
        assert_eq!(
            field(r#"{"name":"a","lines":[],"total":5}"#).as_deref(),
            Some("total")
        );
        assert_eq!(field("[]").as_deref(), Some("body"));
    }

    #[test]
    fn nul_anywhere_in_a_body_is_refused_naming_its_field() {
        assert_eq!(
            field(r#"{"name":"a\u0000","lines":[]}"#).as_deref(),
            Some("name")
        );
        assert_eq!(
            field(r#"{"name":"a","lines":[{"quantity":1,"x\u0000":2}]}"#).as_deref(),
            Some("lines[0].x\0")
        );
        // An escaped backslash before "u0000" is text, not NUL.
        assert!(parse_json::<Body>(br#"{"name":"\\u0000","lines":[]}"#).is_ok());
    }

    #[test]
    fn syntax_errors_and_trailing_text_are_bad_requests() {
        for json in ["{", "", r#"{"name":"a","lines":[]} x"#] {
            assert!(
                matches!(
                    parse_json::<Body>(json.as_bytes()),
                    Err(AppError::BadRequest { .. })
                ),
                "{json}"
            );
        }
    }
}

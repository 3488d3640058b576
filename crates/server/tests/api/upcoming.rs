//! Live streams scheduled ahead: listed as upcoming with their start,
//! readable with a publishable key, their showcase browsable before they
//! start, and among the streams once they have.

use axum::http::{Method, StatusCode};
use etalase_contract::{
    CreatorStream, CreatorStreamList, StreamList, StreamSummary, UpcomingStreamList,
};
use etalase_server::time::Timestamp;
use serde_json::{json, Value};
use std::time::Duration;

use crate::helpers::{TestApp, HOST_KEY};
use crate::live::{creator_put, CREATOR};
use crate::publishable::mint_key;

#[tokio::test]
async fn a_scheduled_stream_is_upcoming_until_it_starts() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let starts = Timestamp::now().plus(Duration::from_secs(3600));
    let response = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(&creator),
            Some(json!({ "title": "Batik malam ini", "kind": "live", "starts_at": starts.to_string() })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let created: CreatorStream = response.json();
    assert_eq!(created.starts_at, Some(starts.to_string()));
    // Read as a plain summary, by a client that knows no `starts_at`.
    let id = response.json::<StreamSummary>().id;
    assert_eq!(id, created.stream.id);
    creator_put(
        &app,
        &creator,
        &id,
        "products",
        json!({ "product_ids": ["prd-kemeja-batik-parang"] }),
    )
    .await;

    let key = mint_key(&app, HOST_KEY).await.key;
    let read = app
        .call(Method::GET, "/v1/streams/upcoming", Some(&key), None)
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert!(read.header("etag").is_some());
    let upcoming: UpcomingStreamList = read.json();
    let [stream] = &upcoming.streams[..] else {
        panic!("{upcoming:?}")
    };
    assert_eq!(
        (stream.id.as_str(), stream.starts_at.as_str()),
        (id.as_str(), starts.to_string().as_str())
    );
    assert_eq!(stream.creator.id, CREATOR);
    assert_eq!(stream.product_count, 1);
    assert!(
        (3590..=3600).contains(&stream.seconds_until_start),
        "{stream:?}"
    );
    // Not among the streams yet, but its showcase can be browsed.
    let streams: StreamList = app
        .call(Method::GET, "/v1/streams", Some(&key), None)
        .await
        .json();
    assert!(!streams.streams.iter().any(|s| s.id == id));
    let showcase = app
        .call(
            Method::GET,
            &format!("/v1/streams/{id}/products"),
            Some(&key),
            None,
        )
        .await;
    assert_eq!(showcase.status, StatusCode::OK);
    // Its creator sees it among theirs, with its start.
    let mine: CreatorStreamList = app
        .call(Method::GET, "/v1/creator/streams", Some(&creator), None)
        .await
        .json();
    let listed = mine.streams.iter().find(|s| s.stream.id == id).unwrap();
    assert_eq!(listed.starts_at, Some(starts.to_string()));

    // Once its start has passed, it is a stream like the others.
    let past = Timestamp::now().minus(Duration::from_secs(1)).to_string();
    sqlx::query("UPDATE streams SET scheduled_for = $1, started_at = $1 WHERE id = $2")
        .bind(&past)
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    let upcoming: UpcomingStreamList = app.get_json("/v1/streams/upcoming").await;
    assert!(upcoming.streams.is_empty(), "{upcoming:?}");
    let streams: StreamList = app.get_json("/v1/streams").await;
    assert!(streams.streams.iter().any(|s| s.id == id));
    // Its creator still sees when it was scheduled for.
    let mine: CreatorStreamList = app
        .call(Method::GET, "/v1/creator/streams", Some(&creator), None)
        .await
        .json();
    let listed = mine.streams.iter().find(|s| s.stream.id == id).unwrap();
    assert_eq!(listed.starts_at.as_deref(), Some(past.as_str()));
}

#[tokio::test]
async fn a_stream_not_scheduled_has_a_null_start() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    for kind in ["live", "video"] {
        let response = app
            .call(
                Method::POST,
                "/v1/creator/streams",
                Some(&creator),
                Some(json!({ "title": "Sekarang", "kind": kind })),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let body: Value = response.json();
        assert_eq!(body["starts_at"], Value::Null, "{kind}: {body}");
        assert!(
            body.as_object().unwrap().contains_key("starts_at"),
            "{body}"
        );
    }
    let mine: Value = app
        .call(Method::GET, "/v1/creator/streams", Some(&creator), None)
        .await
        .json();
    let streams = mine["streams"].as_array().unwrap();
    // The seeded creator's own streams and the two new ones: none scheduled.
    assert!(streams.len() >= 2, "{mine}");
    for stream in streams {
        let stream = stream.as_object().unwrap();
        assert_eq!(stream.get("starts_at"), Some(&Value::Null), "{stream:?}");
    }
}

#[tokio::test]
async fn a_start_must_be_a_live_stream_s_and_ahead() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let soon = Timestamp::now().plus(Duration::from_secs(600)).to_string();
    let past = Timestamp::now().minus(Duration::from_secs(60)).to_string();
    let far = Timestamp::now()
        .plus(Duration::from_secs(91 * 86_400))
        .to_string();
    for (kind, starts_at) in [
        ("video", soon.as_str()),
        ("live", past.as_str()),
        ("live", far.as_str()),
        ("live", "tonight"),
        ("live", "2030-01-01T19:00:00+07:00"),
    ] {
        let (status, code, field, message) = app
            .call(
                Method::POST,
                "/v1/creator/streams",
                Some(&creator),
                Some(json!({ "title": "x", "kind": kind, "starts_at": starts_at })),
            )
            .await
            .refusal();
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("starts_at")
            ),
            "{kind} {starts_at}: {message}"
        );
    }
    let whole = Timestamp::now().plus(Duration::from_secs(7200)).to_string();
    let whole = format!("{}Z", &whole[..19]);
    let ok = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(&creator),
            Some(json!({ "title": "x", "kind": "live", "starts_at": whole })),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
    let upcoming: UpcomingStreamList = app.get_json("/v1/streams/upcoming").await;
    assert_eq!(upcoming.streams.len(), 1);
    assert_eq!(
        upcoming.streams[0].starts_at,
        format!("{}.000Z", &whole[..19])
    );
}

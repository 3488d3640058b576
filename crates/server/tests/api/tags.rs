//! Products tagged on videos by the second, a live stream's pins as its
//! replay's tags, and the videos that feature a product; read with a
//! publishable key as with a token.

use axum::http::{Method, StatusCode};
use etalase_contract::{
    ProductVideoList, StreamSummary, TagSource, VideoTag, VideoTagList, MAX_VIDEO_SECONDS,
    MAX_VIDEO_TAGS,
};
use serde_json::{json, Value};

use crate::helpers::{TestApp, TestResponse, HOST_KEY};
use crate::live::{creator_put, CREATOR, STREAM};
use crate::publishable::mint_key;

/// Products of [`STREAM`]'s showcase: the one pinned at first, and others.
const SHIRT: &str = "prd-kemeja-batik-parang";
const BLOUSE: &str = "prd-blouse-batik-kawung";
const KAIN: &str = "prd-kain-batik-tulis-sogan";
/// A listed product no stream pinned or tagged.
const SAMBAL: &str = "prd-sambal-bawang-pedas";

/// A new video of [`CREATOR`]'s, `seconds` long, showing `products`.
async fn video(app: &TestApp, creator: &str, seconds: Option<u32>, products: &[&str]) -> String {
    let response = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(creator),
            Some(json!({ "title": "Kemeja Parang, dipakai", "kind": "video", "duration_seconds": seconds })),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let id = response.json::<StreamSummary>().id;
    let set = creator_put(
        app,
        creator,
        &id,
        "products",
        json!({ "product_ids": products }),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    id
}

/// `POST /v1/creator/streams/{stream}/tags` as `token`.
async fn tag(app: &TestApp, token: &str, stream: &str, body: Value) -> TestResponse {
    app.call(
        Method::POST,
        &format!("/v1/creator/streams/{stream}/tags"),
        Some(token),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_creator_tags_a_video_by_the_second_and_viewers_read_it() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let id = video(&app, &creator, Some(120), &[SHIRT, BLOUSE]).await;
    let parang = tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": SHIRT, "start_second": 42, "end_second": 90 }),
    )
    .await;
    assert_eq!(parang.status, StatusCode::CREATED, "{}", parang.text());
    let parang: VideoTag = parang.json();
    assert_eq!((parang.start_second, parang.end_second), (42, Some(90)));
    assert_eq!(parang.source, TagSource::Creator);
    let kawung: VideoTag = tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": BLOUSE, "start_second": 3, "end_second": 41 }),
    )
    .await
    .json();

    let key = mint_key(&app, HOST_KEY).await.key;
    let path = format!("/v1/streams/{id}/tags");
    let read = app.call(Method::GET, &path, Some(&key), None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text());
    assert_eq!(read.header("cache-control"), Some("public, no-cache"));
    let tags: VideoTagList = read.json();
    assert_eq!(tags.duration_seconds, Some(120));
    assert_eq!(
        tags.tags,
        [kawung.clone(), parang.clone()],
        "by start second"
    );
    let mine: VideoTagList = app
        .call(
            Method::GET,
            &format!("/v1/creator/streams/{id}/tags"),
            Some(&creator),
            None,
        )
        .await
        .json();
    assert_eq!(mine, tags);

    // A tag taken off the showcase with its product is not shown.
    creator_put(
        &app,
        &creator,
        &id,
        "products",
        json!({ "product_ids": [SHIRT] }),
    )
    .await;
    let tags: VideoTagList = app.call(Method::GET, &path, Some(&key), None).await.json();
    assert_eq!(tags.tags, std::slice::from_ref(&parang));

    // Deleted once.
    let delete = format!("/v1/creator/streams/{id}/tags/{}", parang.id);
    let deleted = app
        .call(Method::DELETE, &delete, Some(&creator), None)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text());
    let again = app
        .call(Method::DELETE, &delete, Some(&creator), None)
        .await;
    assert_eq!(again.refusal().1, "not_found");
    let tags: VideoTagList = app.call(Method::GET, &path, Some(&key), None).await.json();
    assert!(tags.tags.is_empty());
    let none = app
        .call(Method::GET, "/v1/streams/vid-none/tags", Some(&key), None)
        .await;
    assert_eq!(none.refusal().1, "not_found");
}

#[tokio::test]
async fn bad_tags_are_refused_field_by_field() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let id = video(&app, &creator, Some(120), &[SHIRT]).await;
    for (body, field) in [
        (
            json!({ "product_id": SHIRT, "start_second": 10, "end_second": 10 }),
            "end_second",
        ),
        (
            json!({ "product_id": SHIRT, "start_second": 10, "end_second": 9 }),
            "end_second",
        ),
        (
            json!({ "product_id": SHIRT, "start_second": 10, "end_second": 121 }),
            "end_second",
        ),
        (
            json!({ "product_id": BLOUSE, "start_second": 0, "end_second": 5 }),
            "product_id",
        ),
        (
            json!({ "product_id": "prd-none", "start_second": 0, "end_second": 5 }),
            "product_id",
        ),
    ] {
        let (status, code, got, message) = tag(&app, &creator, &id, body.clone()).await.refusal();
        assert_eq!(
            (status, code.as_str(), got.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some(field)
            ),
            "{body}: {message}"
        );
    }
    let negative = tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": SHIRT, "start_second": -1, "end_second": 5 }),
    )
    .await;
    assert_eq!(
        negative.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        negative.text()
    );
    // Up to the end of a video whose length is known, and anywhere in one
    // whose length is not.
    let last = tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": SHIRT, "start_second": 100, "end_second": 120 }),
    )
    .await;
    assert_eq!(last.status, StatusCode::CREATED);
    let open = video(&app, &creator, None, &[SHIRT]).await;
    let long = tag(
        &app,
        &creator,
        &open,
        json!({ "product_id": SHIRT, "start_second": 0, "end_second": 36_000 }),
    )
    .await;
    assert_eq!(long.status, StatusCode::CREATED);

    // A video's length is at least a second; a live stream has none yet.
    for (kind, seconds) in [("video", 0), ("live", 60)] {
        let (status, code, field, _) = app
            .call(
                Method::POST,
                "/v1/creator/streams",
                Some(&creator),
                Some(json!({ "title": "x", "kind": kind, "duration_seconds": seconds })),
            )
            .await
            .refusal();
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("duration_seconds")
            )
        );
    }
}

#[tokio::test]
async fn only_the_video_s_creator_tags_it() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let id = video(&app, &creator, None, &[SHIRT]).await;
    let made: VideoTag = tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": SHIRT, "start_second": 1, "end_second": 2 }),
    )
    .await
    .json();
    let other = app.mint("crt-sari-masak", "creator").await;
    let body = json!({ "product_id": SHIRT, "start_second": 1, "end_second": 2 });
    assert_eq!(
        tag(&app, &other, &id, body.clone()).await.refusal().1,
        "not_found"
    );
    let delete = format!("/v1/creator/streams/{id}/tags/{}", made.id);
    for (method, path) in [
        (Method::GET, format!("/v1/creator/streams/{id}/tags")),
        (Method::DELETE, delete.clone()),
    ] {
        let response = app.call(method, &path, Some(&other), None).await;
        assert_eq!(response.refusal().1, "not_found", "{path}");
    }
    let (status, code, _, _) = tag(&app, &app.token, &id, body.clone()).await.refusal();
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "wrong_role")
    );
    let key = mint_key(&app, HOST_KEY).await.key;
    let (status, code, _, _) = tag(&app, &key, &id, body).await.refusal();
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "publishable_key_forbidden")
    );
    // The tag is still there.
    let tags: VideoTagList = app
        .call(
            Method::GET,
            &format!("/v1/streams/{id}/tags"),
            Some(&key),
            None,
        )
        .await
        .json();
    assert_eq!(tags.tags, [made]);
}

#[tokio::test]
async fn a_live_stream_s_pins_are_its_replay_s_tags() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let path = format!("/v1/streams/{STREAM}/tags");
    // The seeded pin holds since the stream's start.
    let tags: VideoTagList = app.get_json(&path).await;
    let [first] = &tags.tags[..] else {
        panic!("{tags:?}")
    };
    assert_eq!(
        (
            first.product_id.as_str(),
            first.start_second,
            first.end_second
        ),
        (SHIRT, 0, None)
    );
    assert_eq!(first.source, TagSource::Pin);

    for pin in [json!(BLOUSE), json!(BLOUSE), json!(KAIN), Value::Null] {
        let pinned = creator_put(&app, &creator, STREAM, "pin", json!({ "product_id": pin })).await;
        assert_eq!(pinned.status, StatusCode::OK, "{}", pinned.text());
    }
    let tags: VideoTagList = app.get_json(&path).await;
    let products: Vec<&str> = tags
        .tags
        .iter()
        .map(|tag| tag.product_id.as_str())
        .collect();
    assert_eq!(
        products,
        [SHIRT, BLOUSE, KAIN],
        "pinning the pinned product again is one pin"
    );
    let shirt = &tags.tags[0];
    let started =
        etalase_server::time::Timestamp::parse_whole_seconds_too("2025-06-14T10:30:00Z").unwrap();
    let live_for = u32::try_from(
        started
            .until(etalase_server::time::Timestamp::now())
            .as_secs(),
    )
    .unwrap();
    let ended = shirt.end_second.unwrap();
    assert!(ended.abs_diff(live_for) <= 2, "{ended} vs {live_for}");
    for tag in &tags.tags[1..] {
        assert!(tag.start_second >= ended, "{tag:?}");
        let end = tag.end_second.expect("every pin has ended");
        assert!(end > tag.start_second, "{tag:?}");
        assert!(tag.id.starts_with("pin-"));
    }
    // A pin is not a tag to delete.
    let delete = format!("/v1/creator/streams/{STREAM}/tags/{}", shirt.id);
    let refused = app
        .call(Method::DELETE, &delete, Some(&creator), None)
        .await;
    assert_eq!(refused.refusal().1, "not_found");
    // A showcase without the pinned product ends its pin.
    creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": SHIRT }),
    )
    .await;
    creator_put(
        &app,
        &creator,
        STREAM,
        "products",
        json!({ "product_ids": [SHIRT, BLOUSE] }),
    )
    .await;
    creator_put(
        &app,
        &creator,
        STREAM,
        "products",
        json!({ "product_ids": [BLOUSE] }),
    )
    .await;
    let tags: VideoTagList = app.get_json(&path).await;
    assert!(
        tags.tags.iter().all(|tag| tag.end_second.is_some()),
        "{tags:?}"
    );
    assert!(
        tags.tags.iter().all(|tag| tag.product_id == BLOUSE),
        "listed in the showcase now"
    );
}

#[tokio::test]
async fn a_product_lists_the_videos_that_feature_it() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let key = mint_key(&app, HOST_KEY).await.key;
    let path = format!("/v1/products/{BLOUSE}/videos");
    let before: ProductVideoList = app.call(Method::GET, &path, Some(&key), None).await.json();
    let id = video(&app, &creator, Some(60), &[BLOUSE]).await;
    tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": BLOUSE, "start_second": 30, "end_second": 40 }),
    )
    .await;
    tag(
        &app,
        &creator,
        &id,
        json!({ "product_id": BLOUSE, "start_second": 5, "end_second": 9 }),
    )
    .await;
    creator_put(
        &app,
        &creator,
        STREAM,
        "pin",
        json!({ "product_id": BLOUSE }),
    )
    .await;

    // On air, pinning the blouse: a live stream, not a replay.
    let on_air: ProductVideoList = app.call(Method::GET, &path, Some(&key), None).await.json();
    assert!(
        on_air.videos.iter().all(|video| video.stream_id != STREAM),
        "{on_air:?}"
    );
    // Once it pins nothing, its replay is listed.
    creator_put(&app, &creator, STREAM, "pin", json!({ "product_id": null })).await;

    let response = app.call(Method::GET, &path, Some(&key), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert!(response.header("etag").is_some());
    let list: ProductVideoList = response.json();
    assert_eq!(list.product_id, BLOUSE);
    let ours: Vec<_> = list
        .videos
        .iter()
        .filter(|video| {
            !before
                .videos
                .iter()
                .any(|old| old.stream_id == video.stream_id)
        })
        .collect();
    let [newest, replay] = &ours[..] else {
        panic!("{list:?}")
    };
    assert_eq!(newest.stream_id, id, "newest first");
    assert_eq!(
        (newest.start_second, newest.end_second),
        (5, Some(9)),
        "its first tag"
    );
    assert_eq!(newest.creator.id, CREATOR);
    assert_eq!(replay.stream_id, STREAM);
    assert!(replay.end_second.is_some(), "{replay:?}");

    let missing = app
        .call(
            Method::GET,
            "/v1/products/prd-none/videos",
            Some(&key),
            None,
        )
        .await;
    assert_eq!(missing.refusal().1, "not_found");
    let nothing: ProductVideoList = app.get_json(&format!("/v1/products/{SAMBAL}/videos")).await;
    assert!(nothing.videos.is_empty(), "{nothing:?}");
}

#[tokio::test]
async fn seconds_past_a_day_are_refused_naming_the_field_never_stored() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    // No length: only the day bounds the seconds.
    let open = video(&app, &creator, None, &[SHIRT]).await;
    let day = u64::from(MAX_VIDEO_SECONDS);
    let past_int32 = 1_u64 << 31;
    for (start, end, field) in [
        (0, day + 1, "end_second"),
        (day + 1, day + 2, "start_second"),
        (past_int32, past_int32 + 1, "start_second"),
        (0, past_int32, "end_second"),
        (0, u64::from(u32::MAX), "end_second"),
        (0, u64::from(u32::MAX) + 1, "end_second"),
    ] {
        let body = json!({ "product_id": SHIRT, "start_second": start, "end_second": end });
        let (status, code, got, message) = tag(&app, &creator, &open, body.clone()).await.refusal();
        assert_eq!(
            (status, code.as_str(), got.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some(field)
            ),
            "{body}: {message}"
        );
    }
    let whole_day = json!({ "product_id": SHIRT, "start_second": 0, "end_second": day });
    let response = tag(&app, &creator, &open, whole_day).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let list: VideoTagList = app.get_json(&format!("/v1/streams/{open}/tags")).await;
    assert_eq!(list.tags.len(), 1, "{list:?}");

    // A video's length, and a cart line's second, within the same day.
    for seconds in [day + 1, past_int32] {
        let body = json!({ "title": "x", "kind": "video", "duration_seconds": seconds });
        let (status, _, field, message) = app
            .call(
                Method::POST,
                "/v1/creator/streams",
                Some(&creator),
                Some(body),
            )
            .await
            .refusal();
        assert_eq!(
            (status, field.as_deref()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("duration_seconds")),
            "{seconds}: {message}"
        );
        assert!(message.contains(&day.to_string()), "{message}");
    }
    let body = json!({ "title": "x", "kind": "video", "duration_seconds": day });
    let response = app
        .call(
            Method::POST,
            "/v1/creator/streams",
            Some(&creator),
            Some(body),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

#[tokio::test]
async fn a_video_holds_a_bounded_number_of_tags_also_when_added_at_once() {
    let app = TestApp::new().await;
    let creator = app.mint(CREATOR, "creator").await;
    let id = video(&app, &creator, None, &[SHIRT]).await;
    let limit = MAX_VIDEO_TAGS;
    let at = |second: u32| json!({ "product_id": SHIRT, "start_second": second, "end_second": second + 1 });
    for second in 0..limit - 5 {
        let response = tag(&app, &creator, &id, at(second)).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    // Ten at once for the last five places: five are kept.
    let racing = (0..10).map(|n| tag(&app, &creator, &id, at(limit + n)));
    let answers = futures_util::future::join_all(racing).await;
    let created = answers
        .iter()
        .filter(|answer| answer.status == StatusCode::CREATED)
        .count();
    assert_eq!(created, 5);
    for answer in answers.iter().filter(|a| a.status != StatusCode::CREATED) {
        let (status, code, field, message) = answer.refusal();
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                Some("tag")
            )
        );
        assert!(
            message.contains(&format!("at most {limit} tags")),
            "{message}"
        );
    }
    let list: VideoTagList = app.get_json(&format!("/v1/streams/{id}/tags")).await;
    assert_eq!(list.tags.len(), limit as usize);
    // Deleting one makes room for one.
    let path = format!("/v1/creator/streams/{id}/tags/{}", list.tags[0].id);
    let deleted = app.call(Method::DELETE, &path, Some(&creator), None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let response = tag(&app, &creator, &id, at(0)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

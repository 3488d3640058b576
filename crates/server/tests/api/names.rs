//! Names people can trust: normalised text, invisible and bidi characters refused, look-alike creators told apart.
//!
//! The outside probe's findings, each a test on both stores: a host user id
//! with a zero-width space made a creator shown exactly as `@rakagaya`;
//! address fields of only invisible characters and bidi overrides were
//! saved; 60 concurrent saves stored 23 addresses against a limit of 20.
//! A look-alike creator is not refused outright (its name is the host's id
//! for the user, not chosen here): it gets its id appended, as an exact
//! twin already did (decision 0043).

use std::collections::HashSet;
use std::sync::Arc;

use axum::http::{Method, StatusCode};
use etalase_contract::{Address, StreamList, StreamSummary};
use etalase_server::seed::{seed_if_empty, SeedOutcome};
use etalase_server::text::name_key;
use serde_json::{json, Value};
use tokio::sync::Barrier;

use crate::addresses::{bandung, save};
use crate::figures;
use crate::helpers::{TestApp, TestResponse, HOST_KEY};
use crate::live::CREATOR;

/// The seeded creator the probe imitated.
const RAKA: &str = "@rakagaya";

/// The status, code, field and message of an error answer.
fn error(response: &TestResponse) -> (StatusCode, String, String, String) {
    let body: Value = response.json();
    let text = |key: &str| body["error"][key].as_str().unwrap_or_default().to_owned();
    (
        response.status,
        text("code"),
        text("field"),
        text("message"),
    )
}

async fn mint_answer(app: &TestApp, user_id: &str) -> TestResponse {
    app.call(
        Method::POST,
        "/v1/host/sessions",
        Some(HOST_KEY),
        Some(json!({ "user_id": user_id, "role": "creator" })),
    )
    .await
}

async fn new_stream(app: &TestApp, token: &str, title: &str) -> TestResponse {
    app.call(
        Method::POST,
        "/v1/creator/streams",
        Some(token),
        Some(json!({ "title": title, "kind": "live" })),
    )
    .await
}

/// The creator user `user_id` becomes with a first stream.
async fn become_creator(app: &TestApp, user_id: &str) -> StreamSummary {
    let token = app.mint(user_id, "creator").await;
    let response = new_stream(app, &token, "Live sore").await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// Every live stream's creator has a name of its own: no two look alike.
async fn assert_no_look_alikes(app: &TestApp) {
    let streams: StreamList = app.get_json("/v1/streams").await;
    let mut creators = HashSet::new();
    let mut keys = HashSet::new();
    for stream in streams.streams {
        if creators.insert(stream.creator.id.clone()) {
            assert!(
                keys.insert(name_key(&stream.creator.name)),
                "{:?} looks like another creator",
                stream.creator.name
            );
        }
    }
}

#[tokio::test]
async fn the_probes_zero_width_look_alike_is_refused() {
    let app = TestApp::new().await;
    let response = mint_answer(&app, "@raka\u{200B}gaya").await;
    let (status, code, field, message) = error(&response);
    assert_eq!(
        (status, code.as_str(), field.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", "user_id")
    );
    assert!(
        message.contains("invisible") && message.contains("U+200B"),
        "{message}"
    );
    for id in [
        "\u{200B}\u{200B}",
        "@raka\u{2060}gaya",
        "@raka\u{AD}gaya",
        "@rakagaya\u{FEFF}",
        "@rakagaya\u{E0041}",
        "@\u{202E}ayagakar",
        "@raka\u{2066}gaya\u{2069}",
    ] {
        let (status, _, field, message) = error(&mint_answer(&app, id).await);
        assert_eq!(
            (status, field.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "user_id"),
            "{id:?}: {message}"
        );
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE external_id LIKE '@%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 0, "no such user was made");
    let streams: StreamList = app.get_json("/v1/streams").await;
    let rakas: Vec<&str> = streams
        .streams
        .iter()
        .filter(|s| name_key(&s.creator.name) == name_key(RAKA))
        .map(|s| s.creator.id.as_str())
        .collect();
    assert_eq!(rakas, [CREATOR], "only the real @rakagaya");
}

#[tokio::test]
async fn look_alike_creators_get_a_name_of_their_own() {
    let app = TestApp::new().await;
    for twin in [
        "@r\u{430}kagaya",                         // Cyrillic а
        "@r\u{430}k\u{430}g\u{430}\u{443}\u{430}", // а, у Cyrillic
        "@RakaGaya",                               // another case
        "@rakagaya",                               // the very name
        "@nadia.gIow",                             // a capital I for l
        "@\u{455}ari.ma\u{455}ak",                 // Cyrillic ѕ
    ] {
        let stream = become_creator(&app, twin).await;
        assert_ne!(stream.creator.id, CREATOR);
        assert_eq!(
            stream.creator.name,
            format!("{twin} ({})", stream.creator.id),
            "{twin:?} is told apart"
        );
    }
    // A name like no other's is kept as the host sent it.
    let own = become_creator(&app, "@rakagaya.official").await;
    assert_eq!(own.creator.name, "@rakagaya.official");
    assert_no_look_alikes(&app).await;
    // The newest stream is listed first: the look-alikes' names say so.
    let streams: StreamList = app.get_json("/v1/streams").await;
    let first = &streams.streams[0].creator;
    assert_ne!(name_key(&first.name), name_key(RAKA), "{first:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn look_alikes_created_at_once_cannot_share_a_name() {
    let app = Arc::new(TestApp::new().await);
    // Eight users whose ids look alike, none seeded: each becomes a creator
    // at the same moment, so on PostgreSQL the inserts run side by side.
    let twins = [
        "@budi.live",
        "@bud\u{456}.live",
        "@Budi.live",
        "@budi.l\u{456}ve",
        "@b\u{57D}di.live",
        "@budi.\u{4CF}ive",
        "@budi.Live",
        "@budi.liv\u{435}",
    ];
    let mut tokens = Vec::new();
    for twin in twins {
        tokens.push(app.mint(twin, "creator").await);
    }
    let start = Arc::new(Barrier::new(tokens.len()));
    let mut tasks = Vec::new();
    for token in tokens {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            new_stream(&app, &token, "Bareng").await
        }));
    }
    let mut kept = 0;
    for (task, twin) in tasks.into_iter().zip(twins) {
        let response = task.await.unwrap();
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let stream: StreamSummary = response.json();
        if stream.creator.name == twin {
            kept += 1;
        } else {
            assert_eq!(
                stream.creator.name,
                format!("{twin} ({})", stream.creator.id)
            );
        }
    }
    assert_eq!(kept, 1, "exactly one keeps the name");
    assert_no_look_alikes(&app).await;
}

#[tokio::test]
async fn invisible_only_and_bidi_address_fields_are_refused() {
    let app = TestApp::new().await;
    for field in ["recipient", "city", "district", "street"] {
        for (value, what) in [
            ("\u{200B}\u{200B}\u{200B}\u{200B}\u{200B}", "blank"),
            ("\u{2060} \u{FEFF} \u{200D}   \u{3164}", "blank"),
            ("\u{202E}\u{202E}\u{202E}\u{202E}\u{202E}", "blank"),
            ("Siti \u{202E}itawhamR", "bidirectional"),
            ("Siti \u{2067}Rahmawati\u{2069}", "bidirectional"),
            ("Siti\u{200B} Rahmawati", "invisible"),
            ("Siti Rahma\u{AD}wati", "invisible"),
        ] {
            let mut body = bandung();
            body[field] = json!(value);
            let response = save(&app, &app.token, body).await;
            let (status, code, named, message) = error(&response);
            assert_eq!(
                (status, code.as_str(), named.as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", field),
                "{field} = {value:?}"
            );
            assert!(
                message.starts_with(field) && message.contains(what),
                "{field} = {value:?}: {message}"
            );
        }
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM addresses")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn invisible_and_bidi_titles_are_refused() {
    let app = TestApp::new().await;
    let token = app.mint("rina.ootd", "creator").await;
    for title in [
        "\u{200B}",
        "\u{FEFF}\u{2060}",
        "Diskon \u{202E}%05",
        "Flash\u{200B}sale",
        "\u{FE0F}Sale",
    ] {
        let (status, code, field, _) = error(&new_stream(&app, &token, title).await);
        assert_eq!(
            (status, code.as_str(), field.as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", "title"),
            "{title:?}"
        );
    }
    // Emoji, with their variation selectors and joiners, are welcome.
    let title = "Masak bareng 👩\u{200D}🍳 ❤\u{FE0F}";
    let response = new_stream(&app, &token, title).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.json::<StreamSummary>().title, title);
}

#[tokio::test]
async fn text_is_stored_composed() {
    let app = TestApp::new().await;
    // A decomposed "é" (e + U+0301) everywhere text is taken.
    let decomposed = "Jose\u{301}";
    let composed = "Jos\u{E9}";
    let mut body = bandung();
    for field in ["recipient", "city", "district"] {
        body[field] = json!(decomposed);
    }
    body["street"] = json!(format!("Jl. {decomposed} Rizal 5"));
    let response = save(&app, &app.token, body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let saved: Address = response.json();
    assert_eq!(
        [&saved.recipient, &saved.city, &saved.district],
        [composed; 3]
    );
    let stored: (String, String) =
        sqlx::query_as("SELECT recipient, street FROM addresses WHERE id = $1")
            .bind(&saved.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        stored,
        (composed.to_owned(), format!("Jl. {composed} Rizal 5"))
    );

    // A user id: one user, whichever form the host sends.
    let stream = become_creator(&app, decomposed).await;
    assert_eq!(stream.creator.name, composed);
    let again = app.mint(composed, "creator").await;
    let mine: StreamList = app
        .call(Method::GET, "/v1/creator/streams", Some(&again), None)
        .await
        .json();
    assert_eq!(mine.streams.len(), 1, "the same user");
    let external: Vec<String> =
        sqlx::query_scalar("SELECT external_id FROM users WHERE external_id LIKE 'Jos%'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(external, [composed]);

    // A title.
    let response = new_stream(&app, &again, &format!("Cafe\u{301} {decomposed}")).await;
    let stream: StreamSummary = response.json();
    assert_eq!(stream.title, format!("Caf\u{E9} {composed}"));
    let title: String = sqlx::query_scalar("SELECT title FROM streams WHERE id = $1")
        .bind(&stream.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(title, stream.title);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_concurrent_saves_store_exactly_twenty_addresses() {
    let app = Arc::new(TestApp::new().await);
    let start = Arc::new(Barrier::new(figures::ADDRESS_RACE));
    let mut tasks = Vec::new();
    for _ in 0..figures::ADDRESS_RACE {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            save(&app, &app.token, bandung()).await
        }));
    }
    let mut saved = 0;
    for task in tasks {
        let response = task.await.unwrap();
        if response.status == StatusCode::CREATED {
            saved += 1;
        } else {
            let (status, code, field, message) = error(&response);
            assert_eq!(
                (status, code.as_str(), field.as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", "address"),
                "{message}"
            );
            assert!(message.contains("at most 20"), "{message}");
        }
    }
    assert_eq!(saved, 20);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM addresses")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 20);
    // Another shopper's limit is their own.
    let other = app.mint("shopper-b", "shopper").await;
    assert_eq!(
        save(&app, &other, bandung()).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn creators_from_before_keys_get_theirs_at_the_next_start() {
    let app = TestApp::new().await;
    // A database as the probe left it: a look-alike made before names were
    // keyed, with the newest live stream, and no keys at all.
    for sql in [
        "UPDATE creators SET skeleton = NULL",
        "INSERT INTO creators (id, name) VALUES ('crt-probe', '@raka\u{200B}gaya')",
        "INSERT INTO streams (id, title, kind, creator_id, started_at)
         VALUES ('live-probe', 'Diskon', 'live', 'crt-probe', '2030-01-01T00:00:00.000Z')",
    ] {
        sqlx::query(sql).execute(&app.db).await.unwrap();
    }
    assert_eq!(
        seed_if_empty(&app.store).await.unwrap(),
        SeedOutcome::AlreadySeeded
    );
    let creators: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, skeleton FROM creators ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    for (id, name, key) in &creators {
        assert_eq!(key.as_deref(), Some(name_key(name).as_str()), "{id}");
    }
    let name_of = |id: &str| {
        creators
            .iter()
            .find(|(creator, ..)| creator == id)
            .map(|(_, name, _)| name.clone())
            .unwrap()
    };
    assert_eq!(name_of(CREATOR), RAKA, "the first to stream keeps it");
    assert_eq!(name_of("crt-probe"), "@raka\u{200B}gaya (crt-probe)");
    assert_no_look_alikes(&app).await;
    // A start with every creator keyed changes nothing.
    seed_if_empty(&app.store).await.unwrap();
    let again: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, skeleton FROM creators ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(again, creators);
}

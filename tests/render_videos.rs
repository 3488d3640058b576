//! Server-side renders of a product's other videos in its sheet: the video
//! on screen left out, each with its title, creator and seconds, a replay
//! still pinning the product said "from", and nothing when there is none.
//! Native only: `cargo test --test render_videos`.

#![cfg(not(target_arch = "wasm32"))]

mod ssr;

use ssr::{show, tags_with, words};

use etalase::parts::shop::components::other_videos;
use etalase_contract::{CreatorSummary, Locale, ProductVideo, ProductVideoList, StreamKind};
use yew::prelude::*;

fn video(id: &str, title: &str, kind: StreamKind, seconds: (u32, Option<u32>)) -> ProductVideo {
    ProductVideo {
        stream_id: id.into(),
        title: title.into(),
        kind,
        creator: CreatorSummary {
            id: "crt-1".into(),
            name: "@nadia.glow".into(),
        },
        start_second: seconds.0,
        end_second: seconds.1,
    }
}

fn list() -> ProductVideoList {
    ProductVideoList {
        product_id: "prd-1".into(),
        videos: vec![
            video(
                "vid-on-screen",
                "Rutinitas Pagi",
                StreamKind::Video,
                (0, Some(20)),
            ),
            video(
                "vid-2",
                "Skincare <b>Malam</b>",
                StreamKind::Video,
                (95, Some(130)),
            ),
            video("live-3", "Live Glow", StreamKind::Live, (65, None)),
        ],
    }
}

async fn others(locale: Locale, shown: &'static str) -> String {
    show(move || other_videos(&list(), shown, locale, &Callback::noop())).await
}

#[tokio::test]
async fn the_other_videos_say_their_title_creator_and_seconds() {
    let html = others(Locale::IdId, "vid-on-screen").await;
    assert!(html.contains(r#"aria-labelledby="other-videos-title""#));
    assert!(words(&html).contains("Juga di video lain"));
    let buttons = tags_with(&html, "other-video");
    assert_eq!(buttons.len(), 2, "the video on screen is left out");
    assert!(buttons[0].contains(r#"data-stream-id="vid-2""#));
    assert!(buttons
        .iter()
        .all(|button| button.contains(r#"type="button""#)));
    let said = words(&html);
    assert!(
        said.contains("Skincare &lt;b&gt;Malam&lt;/b&gt;@nadia.glow · 1:35–2:10"),
        "{said}"
    );
    assert!(said.contains("Live Glow@nadia.glow · mulai 1:05"), "{said}");
    let english = words(&others(Locale::EnUs, "vid-on-screen").await);
    assert!(english.contains("Also in other videos") && english.contains("from 1:05"));
}

#[tokio::test]
async fn no_other_video_shows_nothing() {
    let html = show(|| {
        let only = ProductVideoList {
            product_id: "prd-1".into(),
            videos: vec![video(
                "vid-on-screen",
                "Rutinitas Pagi",
                StreamKind::Video,
                (0, Some(20)),
            )],
        };
        other_videos(&only, "vid-on-screen", Locale::IdId, &Callback::noop())
    })
    .await;
    assert!(tags_with(&html, "other-videos").is_empty(), "{html}");
}

//! [`other_videos`]: "Juga di video lain" in a product's sheet — the other
//! videos and replays that feature the product, each a button with its
//! title, its creator and the seconds the product is on screen there, in
//! one row that scrolls sideways over the sheet's footer. A tap asks the
//! host to play that video from the product's first second.

use etalase_contract::{Locale, ProductVideo, ProductVideoList};
use yew::prelude::*;

use crate::i18n::{fill, Text, CATALOGUE};
use crate::parts::shop::state::deals::minutes_seconds;

/// Where the product is on screen in `video`: `1:40–1:50`, or "from 1:40"
/// while a live stream still pins it.
fn seconds(video: &ProductVideo, locale: Locale) -> String {
    let start = minutes_seconds(video.start_second.into());
    match video.end_second {
        Some(end) => [start.as_str(), "–", &minutes_seconds(end.into())].concat(),
        None => fill(locale, Text::VideoFrom, &start),
    }
}

/// The videos of `list` other than `shown` (the stream on screen), each a
/// button calling `on_pick` with its stream id and the product's first
/// second; nothing at all when there is none.
pub fn other_videos(
    list: &ProductVideoList,
    shown: &str,
    locale: Locale,
    on_pick: &Callback<(String, u32)>,
) -> Html {
    let mut others = list
        .videos
        .iter()
        .filter(|video| video.stream_id != shown)
        .peekable();
    if others.peek().is_none() {
        return Html::default();
    }
    html! {
        <section class="other-videos" aria-labelledby="other-videos-title" data-testid="other-videos">
            <h3 id="other-videos-title">{ Text::AlsoInVideos.get(locale) }</h3>
            <ul>
                { for others.map(|video| {
                    let picked = (video.stream_id.clone(), video.start_second);
                    html! {
                        <li key={video.stream_id.as_str()}>
                            <button
                                type="button"
                                class="other-video"
                                data-testid="other-video"
                                data-stream-id={video.stream_id.clone()}
                                onclick={on_pick.reform(move |_: MouseEvent| picked.clone())}
                            >
                                <span class="other-video-title" lang={CATALOGUE}>{ &video.title }</span>
                                <span class="other-video-meta">
                                    <span lang={CATALOGUE}>{ &video.creator.name }</span>
                                    { " · " }{ seconds(video, locale) }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

//! What a video's tags say at a second of its playback: the product on
//! screen, which leads the cards, and whether a cart line may record the
//! second.

use std::rc::Rc;

use etalase_contract::{StreamKind, VideoTagList, MAX_VIDEO_SECONDS};

use crate::state::shelf::Shelf;

/// The product on screen at `second`: of the tags that hold it (from their
/// start up to, not including, their end; a pin still held has no end), the
/// one that started last, so a product shown over another one wins.
pub fn on_screen(tags: &VideoTagList, second: u32) -> Option<&str> {
    tags.tags
        .iter()
        .filter(|tag| tag.start_second <= second && tag.end_second.is_none_or(|end| second < end))
        .max_by_key(|tag| tag.start_second)
        .map(|tag| tag.product_id.as_str())
}

/// `shelf` with the card of `product_id` first, marked as the one on
/// screen; the same shelf when no card is.
pub fn with_on_screen(shelf: &Rc<Shelf>, product_id: Option<&str>) -> Rc<Shelf> {
    let at = product_id.and_then(|id| shelf.cards.iter().position(|card| card.id == id));
    let Some(at) = at else {
        return Rc::clone(shelf);
    };
    let mut cards = shelf.cards.clone();
    let card = cards.remove(at);
    cards.insert(0, card);
    Rc::new(Shelf {
        stream_id: shelf.stream_id.clone(),
        cards,
        on_screen: product_id.map(str::to_owned),
    })
}

/// The second a line of `product_id` opened at `second` records: only a
/// recorded video's (the API keeps no playback second for a live stream's
/// replay), and only one the video has — held by a tag of the product, or
/// within the video's length when its creator gave it. A player past the
/// end, or a host's stray number, records none.
pub fn recorded_second(tags: &VideoTagList, product_id: &str, second: Option<u32>) -> Option<u32> {
    second.filter(|&second| {
        tags.kind == StreamKind::Video
            && second <= MAX_VIDEO_SECONDS
            && (tags.duration_seconds.is_some_and(|length| second <= length)
                || tags.tags.iter().any(|tag| {
                    tag.product_id == product_id
                        && tag.start_second <= second
                        && tag.end_second.is_none_or(|end| second < end)
                }))
    })
}

#[cfg(test)]
mod tests {
    use etalase_contract::{ProductCard, TagSource, VideoTag};

    use super::*;

    fn card(id: &str, pinned: bool) -> Rc<ProductCard> {
        Rc::new(crate::state::test_card(id, 1, pinned))
    }

    #[test]
    fn the_card_on_screen_leads_ahead_of_the_pin_and_the_rest_keep_their_order() {
        let shelf = Rc::new(Shelf::arrange(
            "vid".into(),
            [card("pin", true), card("a", false), card("b", false)].into_iter(),
        ));
        let shown = with_on_screen(&shelf, Some("b"));
        let ids: Vec<&str> = shown.cards.iter().map(|card| card.id.as_str()).collect();
        assert_eq!(ids, ["b", "pin", "a"]);
        assert_eq!(shown.on_screen.as_deref(), Some("b"));
        assert_eq!(shown.lead().map(|card| card.id.as_str()), Some("b"));
        assert!(Rc::ptr_eq(&with_on_screen(&shelf, None), &shelf));
        assert!(
            Rc::ptr_eq(&with_on_screen(&shelf, Some("gone")), &shelf),
            "a product the showcase no longer lists"
        );
    }

    fn tag(product_id: &str, start_second: u32, end_second: Option<u32>) -> VideoTag {
        VideoTag {
            id: format!("tag-{product_id}-{start_second}"),
            product_id: product_id.into(),
            start_second,
            end_second,
            source: TagSource::Creator,
        }
    }

    fn list(kind: StreamKind, tags: Vec<VideoTag>) -> VideoTagList {
        VideoTagList {
            stream_id: "vid".into(),
            kind,
            duration_seconds: Some(60),
            tags,
        }
    }

    #[test]
    fn the_tag_holding_the_second_names_the_product_from_its_start_to_before_its_end() {
        let tags = list(
            StreamKind::Video,
            vec![tag("serum", 0, Some(10)), tag("sunscreen", 10, Some(20))],
        );
        assert_eq!(on_screen(&tags, 0), Some("serum"));
        assert_eq!(on_screen(&tags, 9), Some("serum"));
        assert_eq!(on_screen(&tags, 10), Some("sunscreen"));
        assert_eq!(on_screen(&tags, 20), None, "nothing is tagged after 20");
    }

    #[test]
    fn a_product_shown_over_another_wins_and_a_held_pin_has_no_end() {
        let tags = list(
            StreamKind::Live,
            vec![tag("shirt", 0, None), tag("scarf", 30, Some(40))],
        );
        assert_eq!(on_screen(&tags, 35), Some("scarf"));
        assert_eq!(on_screen(&tags, 40), Some("shirt"));
        assert_eq!(on_screen(&tags, 86_400), Some("shirt"));
    }

    #[test]
    fn only_a_recorded_video_records_the_second_on_a_line() {
        let video = list(StreamKind::Video, Vec::new());
        let replay = list(StreamKind::Live, Vec::new());
        assert_eq!(recorded_second(&video, "serum", Some(12)), Some(12));
        assert_eq!(recorded_second(&video, "serum", None), None);
        assert_eq!(recorded_second(&replay, "serum", Some(12)), None);
    }

    #[test]
    fn a_second_the_video_does_not_have_records_none() {
        let mut video = list(StreamKind::Video, vec![tag("serum", 100, Some(110))]);
        assert_eq!(
            recorded_second(&video, "serum", Some(60)),
            Some(60),
            "in its length"
        );
        assert_eq!(
            recorded_second(&video, "toner", Some(61)),
            None,
            "past its end"
        );
        assert_eq!(
            recorded_second(&video, "serum", Some(105)),
            Some(105),
            "held by its tag"
        );
        assert_eq!(
            recorded_second(&video, "serum", Some(1_000_000_000)),
            None,
            "setPlayback(1e9)"
        );
        video.duration_seconds = None;
        assert_eq!(
            recorded_second(&video, "toner", Some(105)),
            None,
            "no tag, no length"
        );
        assert_eq!(recorded_second(&video, "serum", Some(105)), Some(105));
        assert_eq!(recorded_second(&video, "serum", Some(86_400)), None);
    }
}

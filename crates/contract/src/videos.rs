//! Products tagged on videos and replays by the second: what a creator
//! tags on a recorded video, what a live stream's pins make of its replay,
//! and the other videos that feature a product.

use serde::{Deserialize, Serialize};

use crate::{CreatorSummary, StreamKind};

/// The longest video in seconds (a day), and so the latest second a tag or
/// a cart line may name: longer than any video a stream shows, and within
/// every integer type the API and its databases use.
pub const MAX_VIDEO_SECONDS: u32 = 24 * 60 * 60;

/// The most tags a creator puts on one video.
pub const MAX_VIDEO_TAGS: u32 = 100;

/// The body of `POST /v1/creator/streams/{id}/tags`: a product of the
/// video's showcase shown from one second to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewVideoTag {
    /// A listed product of the video's showcase.
    pub product_id: String,
    /// The first second it is on screen, from the video's start: 0 to
    /// [`MAX_VIDEO_SECONDS`].
    pub start_second: u32,
    /// The second it leaves the screen: after `start_second`, at most
    /// [`MAX_VIDEO_SECONDS`], and within the video's length when it is
    /// known.
    pub end_second: u32,
}

crate::wire::from_js!(NewVideoTag {
    product_id,
    start_second,
    end_second
});

crate::wire::wire_enum! {
    /// Where a tag comes from.
    pub enum TagSource {
        /// The creator tagged the video.
        Creator = "creator",
        /// The creator pinned the product during the live stream.
        Pin = "pin",
    }
}

/// A product on screen in a video or a replay from one second to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VideoTag {
    /// Stable id; a creator's tag is deleted by it.
    pub id: String,
    /// The product, one of the showcase's.
    pub product_id: String,
    /// The first second it is on screen, from the start.
    pub start_second: u32,
    /// The second it leaves the screen; `null` while a live stream still
    /// pins it.
    pub end_second: Option<u32>,
    /// A creator's tag, or a live stream's pin.
    pub source: TagSource,
}

crate::wire::from_js!(VideoTag {
    id,
    product_id,
    start_second,
    end_second,
    source
});

/// The body of `GET /v1/streams/{id}/tags`: the products of a video or a
/// replay by the second, in order of their start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VideoTagList {
    /// The video or stream.
    pub stream_id: String,
    /// A recorded video (tagged by its creator) or a live stream (its pins).
    pub kind: StreamKind,
    /// The video's length in seconds, when its creator gave it.
    pub duration_seconds: Option<u32>,
    /// The tags, by start second; only products listed in the showcase now.
    pub tags: Vec<VideoTag>,
}

crate::wire::from_js!(VideoTagList {
    stream_id,
    kind,
    duration_seconds,
    tags
});

/// A video or replay that features a product, at the product's first
/// second in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductVideo {
    /// The video or stream.
    pub stream_id: String,
    /// Its title.
    pub title: String,
    /// Recorded, or a live stream's replay.
    pub kind: StreamKind,
    /// Who made it.
    pub creator: CreatorSummary,
    /// The first second the product is on screen.
    pub start_second: u32,
    /// The second it leaves the screen; `null` while a live stream still
    /// pins it.
    pub end_second: Option<u32>,
}

crate::wire::from_js!(ProductVideo {
    stream_id,
    title,
    kind,
    creator,
    start_second,
    end_second
});

/// The body of `GET /v1/products/{id}/videos`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductVideoList {
    /// The product.
    pub product_id: String,
    /// Every video and replay whose tags hold it, newest first, at most 20.
    pub videos: Vec<ProductVideo>,
}

crate::wire::from_js!(ProductVideoList { product_id, videos });

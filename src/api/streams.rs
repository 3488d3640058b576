//! Streams' endpoints beyond the showcase: the products of a video or a
//! replay by the second, the other videos that feature a product, and the
//! live streams still to come.

use etalase_contract::{ProductVideoList, UpcomingStreamList, VideoTagList};

use super::{url, ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/streams/{id}/tags`: the products on screen in a video or a
    /// replay, by the second (a public read: a publishable key will do).
    pub async fn stream_tags(&self, stream_id: &str) -> Result<VideoTagList, ApiError> {
        self.get(&url::stream_tags(self.base(), stream_id)).await
    }

    /// `GET /v1/products/{id}/videos`: the videos and replays whose tags
    /// hold the product, newest first (a public read).
    pub async fn product_videos(&self, product_id: &str) -> Result<ProductVideoList, ApiError> {
        self.get(&url::product_videos(self.base(), product_id))
            .await
    }

    /// `GET /v1/streams/upcoming`: live streams scheduled to start later,
    /// soonest first, each with the seconds until then.
    pub async fn upcoming_streams(&self) -> Result<UpcomingStreamList, ApiError> {
        self.get(&url::upcoming(self.base())).await
    }
}

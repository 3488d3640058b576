//! Videos' endpoints: the products of a video or a replay by the second.

use etalase_contract::VideoTagList;

use super::{url, ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/streams/{id}/tags`: the products on screen in a video or a
    /// replay, by the second (a public read: a publishable key will do).
    pub async fn stream_tags(&self, stream_id: &str) -> Result<VideoTagList, ApiError> {
        self.get(&url::stream_tags(self.base(), stream_id)).await
    }
}

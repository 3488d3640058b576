//! Flash deals' endpoints: a shopper's deal quote, and a creator's deals
//! (starting, ending, listing) on one of their streams.

use etalase_contract::{DealQuote, DealQuoteRequest, FlashDeal, FlashDealList, StartFlashDeal};

use super::client::Method;
use super::{body, url, ApiClient, ApiError};

impl ApiClient {
    /// `POST /v1/deals/{id}/quote`: the deal's line quoted without the cart,
    /// at the deal price or, with the reason, at the normal price.
    pub async fn deal_quote(
        &self,
        deal_id: &str,
        request: &DealQuoteRequest,
    ) -> Result<DealQuote, ApiError> {
        let body = body::deal_quote(request);
        self.call(
            Method::Post,
            &url::deal_quote(self.base(), deal_id),
            Some(&body),
        )
        .await
    }

    /// `POST /v1/creator/streams/{id}/deals` under `Idempotency-Key: {key}`:
    /// announces a flash deal, once per key.
    pub async fn start_deal(
        &self,
        stream_id: &str,
        deal: &StartFlashDeal,
        key: &str,
    ) -> Result<FlashDeal, ApiError> {
        let body = body::start_deal(deal);
        let url = url::creator_stream(self.base(), stream_id, "/deals");
        self.call_keyed(Method::Post, &url, Some(&body), Some(key))
            .await
    }

    /// `POST /v1/creator/streams/{id}/deals/{deal_id}/end`: ends a deal now.
    pub async fn end_deal(&self, stream_id: &str, deal_id: &str) -> Result<FlashDeal, ApiError> {
        let rest = ["/deals/", &url::segment(deal_id), "/end"].concat();
        let url = url::creator_stream(self.base(), stream_id, &rest);
        self.call(Method::Post, &url, None).await
    }

    /// `GET /v1/streams/{id}/deals`: the stream's deals not yet ended, then
    /// those ended in the last hour.
    pub async fn stream_deals(&self, stream_id: &str) -> Result<FlashDealList, ApiError> {
        self.get(&url::stream_deals(self.base(), stream_id)).await
    }
}

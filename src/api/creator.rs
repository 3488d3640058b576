//! The creator's endpoints: the showcase and pin of one of their streams,
//! the catalogue search, and what the stream sold.

use etalase_contract::{
    CreatorVoucher, CreatorVoucherList, DropVoucher, LiveVoucher, ProductPage, Showcase,
    StreamList, StreamSales,
};

use super::client::Method;
use super::{body, url, ApiClient, ApiError};

/// A catalogue search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Words in the name or description.
    pub query: String,
    /// Words in the shop's name.
    pub shop: String,
    /// The lowest price, in rupiah.
    pub min_price: Option<i64>,
    /// The highest price, in rupiah.
    pub max_price: Option<i64>,
    /// Only products with stock.
    pub in_stock: bool,
    /// The page, from 1.
    pub page: u32,
}

/// Products per page of the catalogue search.
const PER_PAGE: u32 = 20;

impl ApiClient {
    /// `PUT /v1/creator/streams/{id}/products`: the whole showcase, in
    /// order; answers the showcase, image URLs absolute.
    pub async fn set_showcase(
        &self,
        stream_id: &str,
        product_ids: &[String],
    ) -> Result<Showcase, ApiError> {
        let body = body::set_showcase(product_ids);
        let url = url::creator_stream(self.base(), stream_id, "/products");
        let showcase = self.call(Method::Put, &url, Some(&body)).await;
        showcase.map(|showcase| self.resolve_showcase(showcase))
    }

    /// `PUT /v1/creator/streams/{id}/pin`: pins a showcase product, or
    /// unpins with `None`; answers the showcase.
    pub async fn set_pin(
        &self,
        stream_id: &str,
        product_id: Option<&str>,
    ) -> Result<Showcase, ApiError> {
        let body = body::set_pin(product_id);
        let url = url::creator_stream(self.base(), stream_id, "/pin");
        let showcase = self.call(Method::Put, &url, Some(&body)).await;
        showcase.map(|showcase| self.resolve_showcase(showcase))
    }

    /// `GET /v1/products?…`: one page of the catalogue search, image URLs absolute.
    pub async fn search(&self, search: &Search) -> Result<ProductPage, ApiError> {
        let url = url::search(self.base(), search, PER_PAGE);
        let mut page: ProductPage = self.get(&url).await?;
        for product in &mut page.products {
            product.image_url = url::media(self.base(), &product.image_url);
        }
        Ok(page)
    }

    /// `GET /v1/creator/streams/{id}/sales`: what the stream sold.
    pub async fn sales(&self, stream_id: &str) -> Result<StreamSales, ApiError> {
        self.get(&url::creator_stream(self.base(), stream_id, "/sales"))
            .await
    }

    /// `POST /v1/creator/streams/{id}/vouchers`: drops a live voucher for
    /// `POST /v1/creator/streams/{id}/vouchers` under `Idempotency-Key:
    /// {key}`: drops a live voucher on the stream, once per key (the same
    /// key and terms answer the same voucher).
    pub async fn drop_voucher(
        &self,
        stream_id: &str,
        voucher: &DropVoucher,
        key: &str,
    ) -> Result<LiveVoucher, ApiError> {
        let body = body::drop_voucher(voucher);
        let url = url::creator_stream(self.base(), stream_id, "/vouchers");
        self.call_keyed(Method::Post, &url, Some(&body), Some(key))
            .await
    }

    /// `GET /v1/creator/streams/{id}/vouchers`: the stream's live vouchers,
    /// claimable or closed in the last hour, with their claims, newest first.
    pub async fn stream_vouchers(&self, stream_id: &str) -> Result<CreatorVoucherList, ApiError> {
        self.get(&url::creator_stream(self.base(), stream_id, "/vouchers"))
            .await
    }

    /// `POST /v1/creator/streams/{id}/vouchers/{code}/end`: closes a live
    /// voucher's claims now (viewers hear it).
    pub async fn end_voucher(
        &self,
        stream_id: &str,
        code: &str,
    ) -> Result<CreatorVoucher, ApiError> {
        let rest = ["/vouchers/", &url::segment(code), "/end"].concat();
        let url = url::creator_stream(self.base(), stream_id, &rest);
        self.call(Method::Post, &url, None).await
    }

    /// `GET /v1/creator/streams`: the caller's own streams, each with its kind.
    pub async fn creator_streams(&self) -> Result<StreamList, ApiError> {
        self.get(&url::creator_streams(self.base())).await
    }

    /// `showcase` with its image URLs made absolute.
    fn resolve_showcase(&self, mut showcase: Showcase) -> Showcase {
        for card in &mut showcase.products {
            card.image_url = url::media(self.base(), &card.image_url);
        }
        showcase
    }
}

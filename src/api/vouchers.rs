//! A viewer's claim of a live voucher.

use etalase_contract::LiveVoucher;

use super::client::Method;
use super::{url, ApiClient, ApiError};

impl ApiClient {
    /// `POST /v1/streams/{id}/vouchers/{code}/claim`: claims the live
    /// voucher for the shopper (claiming again answers the same); it then
    /// applies at checkout by its code.
    pub async fn claim_voucher(
        &self,
        stream_id: &str,
        code: &str,
    ) -> Result<LiveVoucher, ApiError> {
        let url = url::claim(self.base(), stream_id, code);
        self.call(Method::Post, &url, None).await
    }
}

//! [`ApiClient`]: one async method per endpoint, over gloo-net's `fetch`.

use std::rc::Rc;

use etalase_contract::{ErrorBody, ProductDetail, Showcase};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

use super::{url, ApiError};

/// A client for one API base, with the shopper's token when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: Rc<str>,
    authorization: Option<Rc<str>>,
}

impl ApiClient {
    /// A client for `base` (absolute, no trailing slash), sending
    /// `Authorization: Bearer {token}` when a token is given.
    pub fn new(base: &str, token: Option<&str>) -> Self {
        ApiClient {
            base: base.into(),
            authorization: token.map(|token| ["Bearer ", token].concat().into()),
        }
    }

    /// `GET /v1/streams/{id}/products`: the stream's showcase, image URLs absolute.
    pub async fn showcase(&self, stream_id: &str) -> Result<Showcase, ApiError> {
        let mut showcase: Showcase = self.get(&url::showcase(&self.base, stream_id)).await?;
        for card in &mut showcase.products {
            card.image_url = url::media(&self.base, &card.image_url);
        }
        Ok(showcase)
    }

    /// `GET /v1/products/{id}`: a product's detail, image URLs absolute.
    pub async fn product(&self, product_id: &str) -> Result<ProductDetail, ApiError> {
        let mut product: ProductDetail = self.get(&url::product(&self.base, product_id)).await?;
        for image in &mut product.image_urls {
            *image = url::media(&self.base, image);
        }
        Ok(product)
    }

    /// GETs `url` and decodes a 2xx body as `T`, any other as the API's error body.
    async fn get<T: DeserializeOwned>(&self, url: &str) -> Result<T, ApiError> {
        let mut request = Request::get(url);
        if let Some(authorization) = &self.authorization {
            request = request.header("Authorization", authorization);
        }
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        let status = response.status();
        if response.ok() {
            return read(&response).await;
        }
        let body: ErrorBody = read(&response).await?;
        Err(ApiError::Api {
            status,
            error: body.error,
        })
    }
}

/// The response body decoded as JSON `T`.
async fn read<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    response.json().await.map_err(|error| match error {
        gloo_net::Error::SerdeError(error) => ApiError::BadResponse {
            status: response.status(),
            reason: error.to_string(),
        },
        other => ApiError::Network(other.to_string()),
    })
}

//! The address book's endpoints and the official regions its addresses are
//! keyed on: listing, saving, correcting and deleting addresses, searching the
//! region list and reading a region's children.

use etalase_contract::{
    AddressForm, Region, RegionList, RegionSearch, SavedAddress, SavedAddressList,
};

use super::client::Method;
use super::{body, url, ApiClient, ApiError};

impl ApiClient {
    /// `GET /v1/addresses`: the shopper's saved addresses, newest first,
    /// each with its village code or `needs_region`, and whose list it is.
    pub async fn addresses(&self) -> Result<SavedAddressList, ApiError> {
        self.get(&url::addresses(self.base())).await
    }

    /// `POST /v1/addresses`: saves `address`; a bad field is a 422 naming it.
    pub async fn save_address(&self, address: &AddressForm) -> Result<SavedAddress, ApiError> {
        let body = body::address_form(address);
        self.call(Method::Post, &url::addresses(self.base()), Some(&body))
            .await
    }

    /// `PUT /v1/addresses/{id}`: corrects one of the shopper's addresses,
    /// checked as when saved; the id is kept (orders keep their own copy).
    pub async fn update_address(
        &self,
        address_id: &str,
        address: &AddressForm,
    ) -> Result<SavedAddress, ApiError> {
        let body = body::address_form(address);
        let url = url::address(self.base(), address_id);
        self.call(Method::Put, &url, Some(&body)).await
    }

    /// `DELETE /v1/addresses/{id}`: forgets one of the shopper's addresses
    /// (204, no body); orders keep their own copy.
    pub async fn delete_address(&self, address_id: &str) -> Result<(), ApiError> {
        let url = url::address(self.base(), address_id);
        match self.send(Method::Delete, &url, None, None, None).await {
            Ok(response) if response.ok() => Ok(()),
            Ok(response) => Err(self.refusal(&response).await),
            Err(error) => Err(self.unanswered(&error).await),
        }
    }

    /// `GET /v1/regions?q=…`: at most 20 districts, regencies, cities and
    /// villages the search finds, best first, each with its path, and
    /// whether more match.
    pub async fn search_regions(&self, query: &str) -> Result<RegionSearch, ApiError> {
        self.get(&url::regions(self.base(), query)).await
    }

    /// `GET /v1/regions/{code}/children`: a regency's districts or a
    /// district's villages, by name.
    pub async fn region_children(&self, code: &str) -> Result<Vec<Region>, ApiError> {
        let list: RegionList = self.get(&url::region_children(self.base(), code)).await?;
        Ok(list.regions)
    }
}

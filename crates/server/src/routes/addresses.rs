//! Saved addresses: `GET` and `POST /v1/addresses`, `GET` and `DELETE
//! /v1/addresses/{id}`. Another shopper's address is a 404, never a 403.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_contract::{Address, AddressList, NewAddress, PhoneNumber, PostalCode, Province};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath};
use crate::identity::{secret, Shopper};
use crate::store::ValidAddress;
use crate::text::Field;
use crate::AppState;

/// The most addresses a shopper may save; counted and written atomically,
/// so concurrent saves never pass it.
const MAX_ADDRESSES: u32 = 20;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(one, remove))
}

/// `GET /v1/addresses`: the caller's addresses, newest first.
#[utoipa::path(get, path = "/addresses", tag = "addresses",
    security(("token" = [])),
    responses(
        (status = 200, description = "Saved addresses, newest first", body = etalase_contract::AddressList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody)
    ))]
async fn list(State(state): State<AppState>, shopper: Shopper) -> Result<Json<AddressList>> {
    let addresses = state.store.addresses(shopper.user_id).await?;
    Ok(Json(AddressList { addresses }))
}

/// `POST /v1/addresses`: saves an address (201), each field checked, unless
/// the shopper already has [`MAX_ADDRESSES`] (422 naming `address`).
#[utoipa::path(post, path = "/addresses", tag = "addresses",
    security(("token" = [])),
    request_body = etalase_contract::NewAddress,
    responses(
        (status = 201, description = "The saved, normalised address", body = etalase_contract::Address),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming the field, or `address` at the limit of 20", body = etalase_contract::ErrorBody)
    ))]
async fn create(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(body): AppJson<NewAddress>,
) -> Result<(StatusCode, Json<Address>)> {
    let address = validate(body)?;
    let id = secret::new_id("adr-")?;
    let saved = state
        .store
        .insert_address(shopper.user_id, &id, &address, MAX_ADDRESSES)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "address",
                format!("a shopper may save at most {MAX_ADDRESSES} addresses"),
            )
        })?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `GET /v1/addresses/{id}`: one of the caller's addresses.
#[utoipa::path(get, path = "/addresses/{id}", tag = "addresses",
    security(("token" = [])),
    params(("id" = String, Path, description = "The address")),
    responses(
        (status = 200, description = "The address", body = etalase_contract::Address),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn one(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<Address>> {
    state
        .store
        .address(shopper.user_id, &id)
        .await?
        .map(Json)
        .ok_or_else(|| not_found(&id))
}

/// `DELETE /v1/addresses/{id}`: forgets one of the caller's addresses (204).
/// Orders keep their own copy of the address they ship to.
#[utoipa::path(delete, path = "/addresses/{id}", tag = "addresses",
    security(("token" = [])),
    params(("id" = String, Path, description = "The address")),
    responses(
        (status = 204, description = "Forgotten"),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn remove(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<StatusCode> {
    if state.store.delete_address(shopper.user_id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found(&id))
    }
}

fn not_found(id: &str) -> AppError {
    AppError::NotFound(format!("no address has id {id:?}"))
}

/// Checks every field of `body`, in the order of the form, and normalises
/// the phone number, province, and the text fields ([`Field::clean`]: NFC,
/// surrounding spaces trimmed; no control, bidirectional or invisible
/// characters, and new lines in the street only).
fn validate(body: NewAddress) -> Result<ValidAddress> {
    let recipient = Field::line("recipient", 1, 100).clean(&body.recipient)?;
    let phone = PhoneNumber::parse(&body.phone).map_err(|m| AppError::invalid("phone", m))?;
    let province = Province::parse(&body.province).map_err(|m| AppError::invalid("province", m))?;
    let city = Field::line("city", 1, 100).clean(&body.city)?;
    let district = Field::line("district", 1, 100).clean(&body.district)?;
    let postal_code =
        PostalCode::parse(&body.postal_code).map_err(|m| AppError::invalid("postal_code", m))?;
    let street = Field::lines("street", 5, 300).clean(&body.street)?;
    Ok(ValidAddress {
        recipient,
        phone: phone.as_str().to_owned(),
        province: province.name().to_owned(),
        city,
        district,
        postal_code: postal_code.as_str().to_owned(),
        street,
    })
}

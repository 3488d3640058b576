//! Saved addresses: `GET` and `POST /v1/addresses`, `GET`, `PUT` and
//! `DELETE /v1/addresses/{id}`. Another shopper's address is a 404, never a
//! 403.
//!
//! An address is keyed on its village's code: the province, city, district
//! and village are the region list's names for it, and its postal code
//! must be the village's. The older form, with them typed, is still saved,
//! as a legacy address the widget asks to pick its district for
//! (`needs_region`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use etalase_contract::{
    AddressForm, PhoneNumber, PostalCode, Province, RegionCode, RegionLevel, SavedAddress,
    SavedAddressList,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, Result};
use crate::extract::{AppJson, AppPath};
use crate::identity::{secret, Shopper};
use crate::store::{AddressUpdate, Store, ValidAddress, Village};
use crate::text::Field;
use crate::AppState;

/// The most addresses a shopper may save; counted and written atomically,
/// so concurrent saves never pass it.
const MAX_ADDRESSES: u32 = 20;

/// The routes of this module, relative to `/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(one, replace, remove))
}

/// `GET /v1/addresses`: the caller's addresses, newest first.
#[utoipa::path(get, path = "/addresses", tag = "addresses",
    security(("token" = [])),
    responses(
        (status = 200, description = "Saved addresses, newest first, and `owner`: an opaque value the same for every answer to this shopper, another for any other", body = etalase_contract::SavedAddressList),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody)
    ))]
async fn list(State(state): State<AppState>, shopper: Shopper) -> Result<Json<SavedAddressList>> {
    let addresses = state.store.addresses(shopper.user_id).await?;
    Ok(Json(SavedAddressList {
        addresses,
        owner: owner(shopper.user_id),
    }))
}

/// The list's `owner`: a digest of the shopper's row, stable for them and
/// naming no one (the host's own user id is never in it).
fn owner(user_id: i64) -> String {
    secret::hash(&format!("address-owner:{user_id}"))[..32].to_owned()
}

/// `POST /v1/addresses`: saves an address (201), each field checked, unless
/// the shopper already has [`MAX_ADDRESSES`] (422 naming `address`).
#[utoipa::path(post, path = "/addresses", tag = "addresses",
    security(("token" = [])),
    request_body = etalase_contract::AddressForm,
    responses(
        (status = 201, description = "The saved, normalised address: keyed on its village, or a legacy one (`needs_region`) from the older form", body = etalase_contract::SavedAddress),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming the field (`region_code` naming no village, `postal_code` not the village's, `province` typed beside `region_code`…), or `address` at the limit of 20", body = etalase_contract::ErrorBody)
    ))]
async fn create(
    State(state): State<AppState>,
    shopper: Shopper,
    AppJson(body): AppJson<AddressForm>,
) -> Result<(StatusCode, Json<SavedAddress>)> {
    let address = validate(&state.store, body).await?;
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
        (status = 200, description = "The address", body = etalase_contract::SavedAddress),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody)
    ))]
async fn one(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
) -> Result<Json<SavedAddress>> {
    state
        .store
        .address(shopper.user_id, &id)
        .await?
        .map(Json)
        .ok_or_else(|| not_found(&id))
}

/// `PUT /v1/addresses/{id}`: corrects one of the caller's addresses with a
/// whole new body, each field checked as when saved; it keeps its id.
/// An address keyed on a village stays keyed: a body without `region_code`
/// (the older form) is 422 naming `region_code` for it. Orders keep the
/// copy of the address they were placed with, and a quote already made
/// ships where it was quoted to.
#[utoipa::path(put, path = "/addresses/{id}", tag = "addresses",
    security(("token" = [])),
    params(("id" = String, Path, description = "The address")),
    request_body = etalase_contract::AddressForm,
    responses(
        (status = 200, description = "The address as now saved, normalised; a legacy address given a `region_code` is keyed on its village from now on", body = etalase_contract::SavedAddress),
        super::answers::Unauthenticated,
        super::answers::RateLimited,
        (status = 403, description = "`wrong_role`: not a shopper token", body = etalase_contract::ErrorBody),
        (status = 404, description = "`not_found`, also for another shopper's", body = etalase_contract::ErrorBody),
        (status = 422, description = "`invalid_field` naming the field, as for `POST /v1/addresses`; `region_code` when the body has none and the address is keyed on a village (it stays keyed)", body = etalase_contract::ErrorBody)
    ))]
async fn replace(
    State(state): State<AppState>,
    shopper: Shopper,
    AppPath(id): AppPath<String>,
    AppJson(body): AppJson<AddressForm>,
) -> Result<Json<SavedAddress>> {
    let address = validate(&state.store, body).await?;
    match state
        .store
        .update_address(shopper.user_id, &id, &address)
        .await?
    {
        AddressUpdate::Saved(saved) => Ok(Json(saved)),
        AddressUpdate::Missing => Err(not_found(&id)),
        AddressUpdate::Keyed(kept) => Err(AppError::invalid(
            "region_code",
            format!(
                "address {id:?} is keyed on the village {} ({}): a correction names a \
                 village's region_code too, never the older form's province, city and \
                 district",
                kept.village.as_deref().unwrap_or_default(),
                kept.region_code.as_deref().unwrap_or_default(),
            ),
        )),
    }
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
/// the phone number and the text fields ([`Field::clean`]: NFC, surrounding
/// spaces trimmed; no control, bidirectional or invisible characters, and
/// new lines in the street only). The province, city and district are the
/// village's names, or, in the older form, typed.
async fn validate(store: &Store, body: AddressForm) -> Result<ValidAddress> {
    let recipient = Field::line("recipient", 1, 100).clean(&body.recipient)?;
    let phone = PhoneNumber::parse(&body.phone).map_err(|m| AppError::invalid("phone", m))?;
    let place = match &body.region_code {
        Some(code) => Locality::Village(village(store, code, &body).await?),
        None => Locality::Typed(typed(&body)?),
    };
    let postal_code =
        PostalCode::parse(&body.postal_code).map_err(|m| AppError::invalid("postal_code", m))?;
    if let Locality::Village(Village {
        name,
        postal_code: Some(its),
        ..
    }) = &place
    {
        if its != postal_code.as_str() {
            return Err(AppError::invalid(
                "postal_code",
                format!(
                    "postal_code {} is not {name}'s: its postal code is {its}",
                    postal_code.as_str()
                ),
            ));
        }
    }
    let street = Field::lines("street", 5, 300).clean(&body.street)?;
    let ((province, city, district), village) = match place {
        Locality::Village(v) => ((v.province, v.city, v.district), Some((v.code, v.name))),
        Locality::Typed(names) => (names, None),
    };
    Ok(ValidAddress {
        recipient,
        phone: phone.as_str().to_owned(),
        province,
        city,
        district,
        postal_code: postal_code.as_str().to_owned(),
        street,
        village,
    })
}

/// Where an address is: a village of the list, or the province, city and
/// district of the older form.
enum Locality {
    Village(Village),
    Typed((String, String, String)),
}

/// The village `code` names; 422 naming `region_code` when it is not a
/// village's code, or naming a typed field the code already names.
async fn village(store: &Store, code: &str, body: &AddressForm) -> Result<Village> {
    for (field, typed) in [
        ("province", &body.province),
        ("city", &body.city),
        ("district", &body.district),
    ] {
        if typed.is_some() {
            return Err(AppError::invalid(
                field,
                format!("{field} is named by region_code: leave it out"),
            ));
        }
    }
    let code = RegionCode::parse_field(code).map_err(|m| AppError::invalid("region_code", m))?;
    if code.level() != RegionLevel::Village {
        return Err(AppError::invalid(
            "region_code",
            "region_code must be a village's (xx.xx.xx.xxxx): pick the kelurahan or desa",
        ));
    }
    store.village(code.as_str()).await?.ok_or_else(|| {
        AppError::invalid(
            "region_code",
            format!("no village has code {:?}", code.as_str()),
        )
    })
}

/// The older form's province (one of the 38, by its canonical name), city
/// and district, each required.
fn typed(body: &AddressForm) -> Result<(String, String, String)> {
    let required = |field: &str, value: &Option<String>| {
        value.clone().ok_or_else(|| {
            AppError::invalid(field, format!("{field} is required without region_code"))
        })
    };
    let province = required("province", &body.province)?;
    let province = Province::parse(&province).map_err(|m| AppError::invalid("province", m))?;
    let city = Field::line("city", 1, 100).clean(&required("city", &body.city)?)?;
    let district = Field::line("district", 1, 100).clean(&required("district", &body.district)?)?;
    Ok((province.name().to_owned(), city, district))
}

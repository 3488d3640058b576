//! `GET /openapi.json`: the API as an OpenAPI 3.1 document, generated from
//! the route registry ([`super::registry`]: each handler's `#[utoipa::path]`
//! annotation and the contract's types), so it cannot drift from the code.

use std::sync::LazyLock;

use axum::Json;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::RefOr;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The document's root: its description, tags and security schemes; the
/// registry adds the paths.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Etalase marketplace API",
        description = "The reference marketplace behind the Etalase in-app checkout widget. \
                       Money is integer rupiah; the server computes every amount. Every error \
                       is `{ \"error\": { \"code\", \"message\", \"field\" } }`.",
        license(name = "MIT OR Apache-2.0"),
    ),
    components(schemas(
        etalase_contract::ErrorCode,
        etalase_contract::QuoteChangedBody<etalase_contract::SavedAddress>,
        etalase_contract::SocialEvent
    )),
    modifiers(&SecuritySchemes),
    tags(
        (name = "identity", description = "Hosts mint short-lived tokens for their users, and publishable keys for their pages"),
        (name = "catalogue", description = "Streams, showcases, products"),
        (name = "live", description = "A stream's live changes, as Server-Sent Events; claiming its live vouchers"),
        (name = "creator", description = "Creators' own streams: create, showcase, pin, live vouchers, sales"),
        (name = "cart", description = "The shopper's server-side cart"),
        (name = "regions", description = "Indonesia's official regions, searched for the address form"),
        (name = "addresses", description = "Saved Indonesian addresses"),
        (name = "checkout", description = "Quotes: every amount from the server"),
        (name = "orders", description = "Placing a quote exactly once; history; cancel"),
        (name = "payments", description = "The payment provider's signed webhooks"),
        (name = "provider", description = "The simulated provider's hosted card page"),
        (name = "demo", description = "Demo mode only (ETALASE_DEMO=1)"),
        (name = "health", description = "Liveness and this document"),
    )
)]
pub struct ApiDoc;

/// The bearer tokens and the webhook signature header.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A shopper or creator token from POST /v1/host/sessions. A publishable \
                         key sent where a token is needed is refused with 403 \
                         `publishable_key_forbidden`",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "publishable_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A host's publishable key (`etp_…`) from POST \
                         /v1/host/publishable-keys: reads streams, showcases, products, tags and \
                         live feeds, from the host's registered origins only",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "host_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The host's API key; server to server only"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "webhook_signature",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Etalase-Signature",
                "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">",
            ))),
        );
    }
}

/// The live feed's `text/event-stream` schema as OpenAPI 3.1 tools read it:
/// each event on the wire, its `event` name and its `data` line, which is a
/// `FeedEvent` as JSON (`contentMediaType`, `contentSchema`).
pub(super) struct EventsOnTheWire;

impl Modify for EventsOnTheWire {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let content = openapi
            .paths
            .paths
            .get_mut("/v1/streams/{id}/events")
            .and_then(|item| item.get.as_mut())
            .and_then(|get| get.responses.responses.get_mut("200"))
            .and_then(|ok| match ok {
                RefOr::T(ok) => ok.content.get_mut("text/event-stream"),
                RefOr::Ref(_) => None,
            });
        let Some(content) = content else {
            return;
        };
        let mut data_schema = Extensions::default();
        data_schema.insert(
            "contentSchema".to_owned(),
            serde_json::json!({ "$ref": "#/components/schemas/FeedEvent" }),
        );
        let event = ObjectBuilder::new()
            .property(
                "event",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("The event's type: the `type` of its data")),
            )
            .property(
                "data",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .content_media_type("application/json")
                    .extensions(Some(data_schema))
                    .description(Some("One line of JSON: a `FeedEvent`")),
            )
            .required("event")
            .required("data")
            .description(Some("One Server-Sent Event as sent"));
        content.schema = Some(RefOr::T(event.into()));
    }
}

/// The routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// The document, made once from the registry on first use.
static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(super::document);

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(get, path = "/openapi.json", tag = "health",
    responses((status = 200, description = "This document", content_type = "application/json")))]
async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(&DOCUMENT)
}

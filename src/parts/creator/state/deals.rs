//! [`CreatorDeals`]: a creator's flash deals on one stream — the list, kept
//! current by the live feed, starting one with its field errors, and ending
//! one — as a pure state machine.

use std::rc::Rc;

use etalase_contract::{FlashDeal, FlashDealList, FlashDealState, ProductDetail, StartFlashDeal};
use yew::Reducible;

use crate::api::ApiError;
use crate::state::remote::Remote;

/// The fields of the deal form, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealField {
    /// The showcase product.
    Product,
    /// The product's variant (said at the product, beside its variants).
    Variant,
    /// The deal price.
    Price,
    /// The units set aside.
    Units,
    /// The most units one buyer may buy.
    Limit,
    /// Seconds until it opens.
    StartsIn,
    /// Minutes it stays open.
    Minutes,
}

impl DealField {
    /// The field a refusal's `field` names, by the contract's field names.
    pub fn named(field: &str) -> Option<DealField> {
        Some(match field {
            "product_id" => DealField::Product,
            "variant_id" => DealField::Variant,
            "price" => DealField::Price,
            "units" => DealField::Units,
            "per_buyer_limit" => DealField::Limit,
            "starts_in_seconds" => DealField::StartsIn,
            "minutes" => DealField::Minutes,
            _ => return None,
        })
    }
}

/// A creator's flash deals on one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorDeals {
    /// The stream's deals, newest first, each as last heard.
    pub list: Remote<Vec<FlashDeal>>,
    /// The deal on its way to the server.
    pub starting: Option<StartFlashDeal>,
    /// Why the last start was refused.
    pub refused: Option<ApiError>,
    /// The deal an end is on its way for; one at a time.
    pub ending: Option<String>,
    /// The product chosen in the form, once chosen.
    pub chosen: Option<String>,
    /// The chosen product's variants, to pick the one sold at the deal price.
    pub detail: Remote<ProductDetail>,
}

impl Default for CreatorDeals {
    fn default() -> Self {
        CreatorDeals {
            list: Remote::Loading,
            starting: None,
            refused: None,
            ending: None,
            chosen: None,
            detail: Remote::Idle,
        }
    }
}

/// What the creator, the server and the live feed can do to the deals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealsAction {
    /// The stream's deals arrived, or not.
    Listed(Result<Rc<FlashDealList>, ApiError>),
    /// Load the list again.
    Reload,
    /// The form's product: its variants are read.
    Choose(String),
    /// The variants of `product_id` arrived, or not.
    Detailed {
        /// The product.
        product_id: String,
        /// Its detail, or why not.
        result: Result<Rc<ProductDetail>, ApiError>,
    },
    /// A deal as it is now (the live feed, or an answer).
    Heard(FlashDeal),
    /// Start this deal.
    Start(StartFlashDeal),
    /// The start answered.
    Started(Result<FlashDeal, ApiError>),
    /// End this deal now (while no other end is on its way).
    End(String),
    /// The end of `deal_id` answered.
    Ended {
        /// The deal.
        deal_id: String,
        /// The deal as it is now, or why not.
        result: Result<FlashDeal, ApiError>,
    },
}

impl CreatorDeals {
    /// The form field the last refusal names, if it names one; a refusal
    /// naming none is said above the button.
    pub fn refused_field(&self) -> Option<Option<DealField>> {
        let refused = self.refused.as_ref()?;
        let field = match refused {
            ApiError::Api { error, .. } => error.field.as_deref().and_then(DealField::named),
            _ => None,
        };
        Some(field)
    }

    /// Whether a deal may still be ended: announced or open.
    pub fn is_running(deal: &FlashDeal) -> bool {
        matches!(deal.state, FlashDealState::Upcoming | FlashDealState::Open) && deal.units_left > 0
    }

    /// `deal` put in the list in its place, or first when new.
    fn hear(&mut self, deal: FlashDeal) {
        if let Remote::Ready(list) = &self.list {
            let mut list = (**list).clone();
            match list.iter_mut().find(|known| known.id == deal.id) {
                Some(known) => *known = deal,
                None => list.insert(0, deal),
            }
            self.list = Remote::Ready(Rc::new(list));
        }
    }
}

impl Reducible for CreatorDeals {
    type Action = DealsAction;

    fn reduce(self: Rc<Self>, action: DealsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DealsAction::Listed(result) => {
                next.list = result.map(|list| Rc::new(list.deals.clone())).into();
            }
            DealsAction::Reload => next.list = Remote::Loading,
            DealsAction::Choose(product_id) if self.chosen.as_ref() == Some(&product_id) => {
                return self
            }
            DealsAction::Choose(product_id) => {
                next.chosen = Some(product_id);
                next.detail = Remote::Loading;
            }
            DealsAction::Detailed { product_id, .. }
                if self.chosen.as_ref() != Some(&product_id) =>
            {
                return self
            }
            DealsAction::Detailed { result, .. } => next.detail = result.into(),
            DealsAction::Heard(deal) => next.hear(deal),
            DealsAction::Start(_) if self.starting.is_some() => return self,
            DealsAction::Start(deal) => {
                next.starting = Some(deal);
                next.refused = None;
            }
            DealsAction::Started(_) if self.starting.is_none() => return self,
            DealsAction::Started(result) => {
                next.starting = None;
                match result {
                    Ok(deal) => next.hear(deal),
                    Err(error) => next.refused = Some(error),
                }
            }
            DealsAction::End(_) if self.ending.is_some() => return self,
            DealsAction::End(deal_id) => next.ending = Some(deal_id),
            DealsAction::Ended { deal_id, .. } if self.ending.as_ref() != Some(&deal_id) => {
                return self
            }
            DealsAction::Ended { result, .. } => {
                next.ending = None;
                if let Ok(deal) = result {
                    next.hear(deal);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{ErrorCode, ErrorDetail, Rupiah};

    fn deal(id: &str, state: FlashDealState, units_left: u32) -> FlashDeal {
        FlashDeal {
            id: id.into(),
            stream_id: "s1".into(),
            product_id: "p1".into(),
            variant_id: "v1".into(),
            price: Rupiah(49_000),
            normal_price: Rupiah(99_000),
            units: 20,
            units_left,
            per_buyer_limit: 1,
            state,
            starts_at: "2026-06-14T12:00:00.000Z".into(),
            ends_at: "2026-06-14T12:05:00.000Z".into(),
            starts_in_seconds: 10,
            seconds_left: 310,
        }
    }

    fn terms() -> StartFlashDeal {
        StartFlashDeal {
            product_id: "p1".into(),
            variant_id: None,
            price: Rupiah(49_000),
            units: 20,
            per_buyer_limit: 1,
            starts_in_seconds: 10,
            minutes: 5,
        }
    }

    fn refusal(field: Option<&str>) -> ApiError {
        ApiError::Api {
            status: 422,
            error: ErrorDetail {
                code: ErrorCode::InvalidField,
                message: "no".into(),
                field: field.map(Into::into),
            },
            retry_after: None,
        }
    }

    fn listed(deals: Vec<FlashDeal>) -> Rc<CreatorDeals> {
        Rc::new(CreatorDeals::default())
            .reduce(DealsAction::Listed(Ok(Rc::new(FlashDealList { deals }))))
    }

    fn ids(state: &CreatorDeals) -> Vec<(String, u32)> {
        match &state.list {
            Remote::Ready(list) => list.iter().map(|d| (d.id.clone(), d.units_left)).collect(),
            _ => panic!("not listed"),
        }
    }

    #[test]
    fn a_started_deal_goes_first_and_the_feed_keeps_it_current() {
        let state = listed(vec![deal("old", FlashDealState::Ended, 0)]);
        let state = state.reduce(DealsAction::Start(terms()));
        assert_eq!(state.starting, Some(terms()));
        // A second tap while the first is on its way changes nothing.
        let same = Rc::clone(&state).reduce(DealsAction::Start(terms()));
        assert!(Rc::ptr_eq(&state, &same));
        let state = state.reduce(DealsAction::Started(Ok(deal(
            "new",
            FlashDealState::Upcoming,
            20,
        ))));
        assert_eq!(state.starting, None);
        assert_eq!(ids(&state), [("new".into(), 20), ("old".into(), 0)]);
        let state = state.reduce(DealsAction::Heard(deal("new", FlashDealState::Open, 17)));
        assert_eq!(ids(&state), [("new".into(), 17), ("old".into(), 0)]);
    }

    #[test]
    fn a_refusal_names_its_field_or_none() {
        let state = listed(vec![]).reduce(DealsAction::Start(terms()));
        let state = state.reduce(DealsAction::Started(Err(refusal(Some(
            "starts_in_seconds",
        )))));
        assert_eq!(state.refused_field(), Some(Some(DealField::StartsIn)));
        assert_eq!(state.starting, None);
        let state = state.reduce(DealsAction::Start(terms()));
        assert_eq!(
            state.refused_field(),
            None,
            "a new start clears the refusal"
        );
        let state = state.reduce(DealsAction::Started(Err(refusal(None))));
        assert_eq!(state.refused_field(), Some(None));
        assert_eq!(DealField::named("per_buyer_limit"), Some(DealField::Limit));
        assert_eq!(DealField::named("variant_id"), Some(DealField::Variant));
    }

    #[test]
    fn ending_waits_for_its_answer_once() {
        let state = listed(vec![deal("d", FlashDealState::Open, 5)]);
        let state = state.reduce(DealsAction::End("d".into()));
        // A second end, of it or another, waits until this one answered.
        for other in ["d", "e"] {
            let same = Rc::clone(&state).reduce(DealsAction::End(other.into()));
            assert!(Rc::ptr_eq(&state, &same));
        }
        assert_eq!(state.ending.as_deref(), Some("d"));
        let state = state.reduce(DealsAction::Ended {
            deal_id: "d".into(),
            result: Ok(deal("d", FlashDealState::Ended, 0)),
        });
        assert_eq!(state.ending, None);
        let Remote::Ready(list) = &state.list else {
            panic!("not listed")
        };
        assert!(!CreatorDeals::is_running(&list[0]));
        assert!(CreatorDeals::is_running(&deal(
            "x",
            FlashDealState::Upcoming,
            3
        )));
    }

    #[test]
    fn the_chosen_products_variants_are_read_and_a_late_answer_dropped() {
        let state = Rc::new(CreatorDeals::default()).reduce(DealsAction::Choose("p1".into()));
        assert_eq!(state.detail, Remote::Loading);
        let same = Rc::clone(&state).reduce(DealsAction::Choose("p1".into()));
        assert!(Rc::ptr_eq(&state, &same));
        let state = state.reduce(DealsAction::Choose("p2".into()));
        let late = Rc::clone(&state).reduce(DealsAction::Detailed {
            product_id: "p1".into(),
            result: Err(ApiError::Network("x".into())),
        });
        assert!(
            Rc::ptr_eq(&state, &late),
            "an answer for the product before is dropped"
        );
        let state = state.reduce(DealsAction::Detailed {
            product_id: "p2".into(),
            result: Err(ApiError::Network("x".into())),
        });
        assert!(matches!(state.detail, Remote::Failed(_)));
    }
}

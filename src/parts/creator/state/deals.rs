//! [`CreatorDeals`]: a creator's flash deals on one stream — the list, kept
//! current by the live feed, starting one (its terms checked first, every
//! wrong one named at once, then the server's word), and ending one once
//! the creator confirms — as a pure state machine. Each deal is kept with
//! the moment the server's word on it arrived, on the page's monotonic
//! clock, for its countdown ([`Listed::shown`]); nothing here reads a
//! clock: the caller passes the moments in.

use std::rc::Rc;

use etalase_contract::{
    FlashDeal, FlashDealList, FlashDealState, ProductDetail, StartFlashDeal, StreamKind,
    StreamList, Variant,
};
use yew::Reducible;

use super::tap::{repeats, Tap};
use crate::api::ApiError;
use crate::state::deal_view::DealView;
use crate::state::remote::Remote;

/// The most units a deal may set aside.
pub const MAX_UNITS: u32 = 10_000;
/// The units the form offers before the creator types any: as many, or
/// the variant's whole stock when it holds fewer.
pub const DEFAULT_UNITS: u32 = 10;
/// The most units one buyer may be allowed: what one shopper may hold of
/// a variant in unpaid orders, so the deal never allows more than a
/// checkout would take.
pub const MAX_PER_BUYER: u32 = etalase_contract::MAX_UNITS_PER_VARIANT;
/// The soonest and latest a deal may open, in seconds from now.
pub const STARTS_IN: std::ops::RangeInclusive<u32> = 10..=300;
/// The shortest and longest a deal may last, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=20;

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
    /// The stream itself: a recorded video cannot have a deal.
    Stream,
}

/// The number fields of the deal form, in the order they are shown.
pub const NUMBER_FIELDS: [DealField; 5] = [
    DealField::Price,
    DealField::Units,
    DealField::Limit,
    DealField::StartsIn,
    DealField::Minutes,
];

/// The most units a deal of `variant` may set aside: its stock (deal units
/// leave it), never above [`MAX_UNITS`]; [`MAX_UNITS`] while the variant is
/// not known yet.
pub fn most_units(variant: Option<&Variant>) -> u32 {
    variant.map_or(MAX_UNITS, |variant| variant.stock.min(MAX_UNITS))
}

/// The units the form offers for `variant` until the creator types some:
/// [`DEFAULT_UNITS`], or fewer when that is more than the variant holds.
pub fn default_units(variant: Option<&Variant>) -> u32 {
    DEFAULT_UNITS.min(most_units(variant))
}

/// The number fields whose value is wrong, in the form's order: not a
/// whole number, or outside what the server allows (the price below
/// `variant`'s, the units within its stock, when it is known). Every one
/// is named at once, before anything is sent.
pub fn wrong_terms(numbers: &[Option<u32>; 5], variant: Option<&Variant>) -> Vec<DealField> {
    let [price, units, limit, starts_in, minutes] = *numbers;
    let below_normal = |price: u32| variant.is_none_or(|v| i64::from(price) < v.price.0);
    let fits = [
        price.is_some_and(|price| price >= 1 && below_normal(price)),
        units.is_some_and(|units| (1..=most_units(variant)).contains(&units)),
        limit.is_some_and(|limit| {
            // Against the units only when they are a count of units.
            (1..=MAX_PER_BUYER).contains(&limit)
                && units
                    .filter(|units| *units >= 1)
                    .is_none_or(|units| limit <= units)
        }),
        starts_in.is_some_and(|at| STARTS_IN.contains(&at)),
        minutes.is_some_and(|at| MINUTES.contains(&at)),
    ];
    NUMBER_FIELDS
        .into_iter()
        .zip(fits)
        .filter_map(|(field, fits)| (!fits).then_some(field))
        .collect()
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
            "stream_id" => DealField::Stream,
            _ => return None,
        })
    }
}

/// A deal of the list and when the server's latest word on it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The deal as the server last sent it.
    pub deal: FlashDeal,
    /// When it arrived, in milliseconds of the page's monotonic clock.
    pub at_ms: i64,
}

impl Listed {
    /// What the deal shows at `now_ms` (the clock of `at_ms`): the
    /// server's state, its countdowns run from the arrival of the server's
    /// seconds, as viewers count them.
    pub fn shown(&self, now_ms: i64) -> DealView {
        DealView::of(&self.deal, self.at_ms, now_ms)
    }
}

/// A creator's flash deals on one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorDeals {
    /// The stream's deals, newest first, each as last heard.
    pub list: Remote<Vec<Listed>>,
    /// The deal the creator started last, once the server answered.
    pub started: Option<String>,
    /// The deal on its way to the server, with its key.
    pub starting: Option<Tap<StartFlashDeal>>,
    /// The deal sent last, whose key a repeated tap takes.
    last_start: Option<Tap<StartFlashDeal>>,
    /// The key of the last deal the server started: a repeated tap under
    /// it is already done, and nothing is sent.
    started_key: Option<String>,
    /// Why the last start was refused.
    pub refused: Option<ApiError>,
    /// The deal whose "End" waits for the creator's confirmation.
    pub confirming: Option<String>,
    /// The deal an end is on its way for; one at a time.
    pub ending: Option<String>,
    /// Whether the stream is live (deals run only there), once known.
    pub live: Option<bool>,
    /// The product chosen in the form, once chosen.
    pub chosen: Option<String>,
    /// Whether the form's product went back to its placeholder as a deal
    /// started, so the next deal is on a product the creator picks, never
    /// the last one again by a second tap (until then the showcase's first
    /// is offered).
    pub unchosen: bool,
    /// The chosen product's variants, to pick the one sold at the deal price.
    pub detail: Remote<ProductDetail>,
    /// Counts the reads of the chosen product's variants asked for: one on
    /// choosing it, and one each time a deal of it starts or ends (deal
    /// units leave the variant's stock and the units left come back), the
    /// variants shown meanwhile kept.
    pub detail_asked: u32,
}

impl Default for CreatorDeals {
    fn default() -> Self {
        CreatorDeals {
            list: Remote::Loading,
            started: None,
            starting: None,
            last_start: None,
            started_key: None,
            refused: None,
            confirming: None,
            ending: None,
            live: None,
            chosen: None,
            unchosen: false,
            detail: Remote::Idle,
            detail_asked: 0,
        }
    }
}

/// What the creator, the server and the live feed can do to the deals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DealsAction {
    /// The stream's deals arrived at `at_ms`, or not.
    Listed {
        /// The deals, or why not.
        result: Result<Rc<FlashDealList>, ApiError>,
        /// When they arrived.
        at_ms: i64,
    },
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
    /// The creator's streams arrived, or not: whether this one is live.
    Streams {
        /// The stream the tools are for.
        stream_id: String,
        /// The creator's streams, or why not.
        result: Result<Rc<StreamList>, ApiError>,
    },
    /// A deal as it is now (the live feed), heard at `at_ms`.
    Heard {
        /// The deal.
        deal: FlashDeal,
        /// When it arrived.
        at_ms: i64,
    },
    /// Start this deal: tapped at `at_ms` with a `fresh` key.
    Start {
        /// The terms.
        terms: StartFlashDeal,
        /// A fresh idempotency key, used unless the tap repeats the last.
        fresh: String,
        /// When it was tapped, in milliseconds of the page's clock.
        at_ms: i64,
    },
    /// The start answered at `at_ms`.
    Started {
        /// The deal started, or why not.
        result: Result<FlashDeal, ApiError>,
        /// When it arrived.
        at_ms: i64,
    },
    /// "End" on a running deal: ask the creator to confirm.
    AskEnd(String),
    /// The creator keeps the deal running after all.
    KeepRunning,
    /// End this deal now: the confirmed one, while no other end is on its way.
    End(String),
    /// The end of `deal_id` answered at `at_ms`.
    Ended {
        /// The deal.
        deal_id: String,
        /// The deal as it is now, or why not.
        result: Result<FlashDeal, ApiError>,
        /// When it arrived.
        at_ms: i64,
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

    /// Whether a tap of Start at `at_ms` is the second of a double tap
    /// whose first started a deal: the form it meets was cleared by that
    /// start, and it is no new request (nor a form to mend).
    pub fn repeats_start(&self, at_ms: i64) -> bool {
        self.last_start.as_ref().is_some_and(|last| {
            repeats(Some(last.at_ms), at_ms) && self.started_key.as_ref() == Some(&last.key)
        })
    }

    /// Whether a deal may still be ended: announced or open.
    pub fn is_running(deal: &FlashDeal) -> bool {
        matches!(deal.state, FlashDealState::Upcoming | FlashDealState::Open) && deal.units_left > 0
    }

    /// The products whose stock left may be all in a deal: those of the
    /// deals announced or open with units left, which left the stock as the
    /// deal began. Such a product is not sold out.
    pub fn products_in_deal(&self) -> Vec<String> {
        let Remote::Ready(list) = &self.list else {
            return Vec::new();
        };
        list.iter()
            .filter(|listed| Self::is_running(&listed.deal))
            .map(|listed| listed.deal.product_id.clone())
            .collect()
    }

    /// `deal` put in the list in its place, or first when new; the chosen
    /// product's variants read again when the deal started or closed,
    /// which moved their stock.
    fn hear(&mut self, deal: FlashDeal, at_ms: i64) {
        let Remote::Ready(list) = &self.list else {
            return;
        };
        let mut list = (**list).clone();
        let before = list.iter().find(|known| known.deal.id == deal.id);
        let running = |deal: &FlashDeal| Self::is_running(deal);
        let moved_stock = before.is_none_or(|before| running(&before.deal) != running(&deal));
        if moved_stock && self.chosen.as_ref() == Some(&deal.product_id) {
            self.detail_asked = self.detail_asked.wrapping_add(1);
        }
        let listed = Listed { deal, at_ms };
        match list
            .iter_mut()
            .find(|known| known.deal.id == listed.deal.id)
        {
            Some(known) => *known = listed,
            None => list.insert(0, listed),
        }
        self.list = Remote::Ready(Rc::new(list));
    }
}

impl Reducible for CreatorDeals {
    type Action = DealsAction;

    fn reduce(self: Rc<Self>, action: DealsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DealsAction::Listed { result, at_ms } => {
                next.list = result
                    .map(|list| {
                        let listed = list.deals.iter().map(|deal| Listed {
                            deal: deal.clone(),
                            at_ms,
                        });
                        Rc::new(listed.collect::<Vec<_>>())
                    })
                    .into();
            }
            DealsAction::Reload => next.list = Remote::Loading,
            DealsAction::Choose(product_id) if self.chosen.as_ref() == Some(&product_id) => {
                return self
            }
            DealsAction::Choose(product_id) => {
                next.chosen = Some(product_id);
                next.unchosen = false;
                next.detail = Remote::Loading;
                next.detail_asked = next.detail_asked.wrapping_add(1);
            }
            DealsAction::Detailed { product_id, .. }
                if self.chosen.as_ref() != Some(&product_id) =>
            {
                return self
            }
            DealsAction::Detailed { result, .. } => next.detail = result.into(),
            DealsAction::Streams { stream_id, result } => {
                let Ok(list) = result else { return self };
                next.live = list
                    .streams
                    .iter()
                    .find(|stream| stream.id == stream_id)
                    .map(|stream| stream.kind == StreamKind::Live);
            }
            DealsAction::Heard { deal, at_ms } => {
                if self.confirming.as_ref() == Some(&deal.id) && !Self::is_running(&deal) {
                    next.confirming = None;
                }
                next.hear(deal, at_ms);
            }
            DealsAction::Start { .. } if self.starting.is_some() => return self,
            DealsAction::Start {
                terms,
                fresh,
                at_ms,
            } => {
                let tap = Tap::after(self.last_start.as_ref(), terms, fresh, at_ms);
                if self.started_key.as_ref() == Some(&tap.key) {
                    return self;
                }
                next.starting = Some(tap.clone());
                next.last_start = Some(tap);
                next.refused = None;
            }
            DealsAction::Started { .. } if self.starting.is_none() => return self,
            DealsAction::Started { result, at_ms } => {
                let tap = next.starting.take();
                match result {
                    Ok(deal) => {
                        next.started_key = tap.map(|tap| tap.key);
                        next.started = Some(deal.id.clone());
                        next.hear(deal, at_ms);
                        next.chosen = None;
                        next.unchosen = true;
                        next.detail = Remote::Idle;
                    }
                    Err(error) => {
                        if let ApiError::Api { error: detail, .. } = &error {
                            if detail.field.as_deref() == Some("stream_id") {
                                next.live = Some(false);
                            }
                        }
                        next.refused = Some(error);
                    }
                }
            }
            DealsAction::AskEnd(deal_id) => next.confirming = Some(deal_id),
            DealsAction::KeepRunning if self.confirming.is_none() => return self,
            DealsAction::KeepRunning => next.confirming = None,
            DealsAction::End(_) if self.ending.is_some() => return self,
            DealsAction::End(deal_id) if self.confirming.as_ref() != Some(&deal_id) => return self,
            DealsAction::End(deal_id) => {
                next.confirming = None;
                next.ending = Some(deal_id);
            }
            DealsAction::Ended { deal_id, .. } if self.ending.as_ref() != Some(&deal_id) => {
                return self
            }
            DealsAction::Ended { result, at_ms, .. } => {
                next.ending = None;
                if let Ok(deal) = result {
                    next.hear(deal, at_ms);
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
            units_sold: 0,
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

    fn start(fresh: &str, at_ms: i64) -> DealsAction {
        DealsAction::Start {
            terms: terms(),
            fresh: fresh.into(),
            at_ms,
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
        Rc::new(CreatorDeals::default()).reduce(DealsAction::Listed {
            result: Ok(Rc::new(FlashDealList { deals })),
            at_ms: 0,
        })
    }

    fn ids(state: &CreatorDeals) -> Vec<(String, u32)> {
        match &state.list {
            Remote::Ready(list) => list
                .iter()
                .map(|d| (d.deal.id.clone(), d.deal.units_left))
                .collect(),
            _ => panic!("not listed"),
        }
    }

    #[test]
    fn a_started_deal_goes_first_and_the_feed_keeps_it_current() {
        let state = listed(vec![deal("old", FlashDealState::Ended, 0)]);
        let state = state.reduce(start("k1", 0));
        assert_eq!(
            state.starting.as_ref().map(|tap| &tap.terms),
            Some(&terms())
        );
        // A second tap while the first is on its way changes nothing.
        let same = Rc::clone(&state).reduce(start("k2", 100));
        assert!(Rc::ptr_eq(&state, &same));
        let state = state.reduce(DealsAction::Started {
            result: Ok(deal("new", FlashDealState::Upcoming, 20)),
            at_ms: 0,
        });
        assert_eq!(state.starting, None);
        assert_eq!(state.started.as_deref(), Some("new"));
        assert_eq!(ids(&state), [("new".into(), 20), ("old".into(), 0)]);
        let state = state.reduce(DealsAction::Heard {
            deal: deal("new", FlashDealState::Open, 17),
            at_ms: 0,
        });
        assert_eq!(ids(&state), [("new".into(), 17), ("old".into(), 0)]);
    }

    #[test]
    fn a_second_tap_just_after_a_start_is_the_same_tap_not_a_form_to_mend() {
        let state = listed(Vec::new());
        assert!(!state.repeats_start(0), "nothing started yet");
        let sent = state.reduce(start("k1", 1_000));
        let refused = Rc::clone(&sent).reduce(DealsAction::Started {
            result: Err(refusal(Some("price"))),
            at_ms: 1_050,
        });
        assert!(!refused.repeats_start(1_080), "a refusal is mended");
        let started = sent.reduce(DealsAction::Started {
            result: Ok(deal("new", FlashDealState::Upcoming, 20)),
            at_ms: 1_050,
        });
        assert!(started.repeats_start(1_080), "80 ms on: the same tap");
        assert!(!started.repeats_start(3_000), "a deliberate tap, later");
    }

    #[test]
    fn a_started_deal_leaves_the_form_without_a_product_and_holds_its_stock() {
        let state = listed(vec![deal("old", FlashDealState::Ended, 0)])
            .reduce(DealsAction::Choose("p1".into()));
        assert_eq!(state.chosen.as_deref(), Some("p1"));
        assert!(
            state.products_in_deal().is_empty(),
            "an ended deal holds none"
        );
        let refused = Rc::clone(&state)
            .reduce(start("k1", 0))
            .reduce(DealsAction::Started {
                result: Err(refusal(Some("price"))),
                at_ms: 0,
            });
        assert_eq!(refused.chosen.as_deref(), Some("p1"), "kept to correct");
        let state = state.reduce(start("k1", 0)).reduce(DealsAction::Started {
            result: Ok(deal("new", FlashDealState::Upcoming, 20)),
            at_ms: 0,
        });
        assert_eq!(state.chosen, None, "back to the placeholder");
        assert!(state.unchosen);
        assert_eq!(state.detail, Remote::Idle);
        assert_eq!(state.products_in_deal(), ["p1"]);
        let state = state.reduce(DealsAction::Heard {
            deal: deal("new", FlashDealState::Open, 0),
            at_ms: 0,
        });
        assert!(
            state.products_in_deal().is_empty(),
            "sold out, it holds none"
        );
        let state = state.reduce(DealsAction::Choose("p2".into()));
        assert_eq!(state.chosen.as_deref(), Some("p2"));
        assert!(!state.unchosen);
    }

    #[test]
    fn counts_down_from_the_servers_seconds_at_their_arrival() {
        // Heard at 2 s: opens in 10 s, then stays open 310 s from then.
        let upcoming = Listed {
            deal: deal("d", FlashDealState::Upcoming, 20),
            at_ms: 2_000,
        };
        assert_eq!(upcoming.shown(2_000), DealView::Upcoming { starts_in: 10 });
        assert_eq!(upcoming.shown(6_500), DealView::Upcoming { starts_in: 6 });
        assert_eq!(upcoming.shown(12_000), DealView::Open { seconds_left: 300 });
        assert_eq!(upcoming.shown(311_500), DealView::Open { seconds_left: 1 });
        assert_eq!(upcoming.shown(312_000), DealView::Ended);
        let sold = Listed {
            deal: deal("d", FlashDealState::Open, 0),
            at_ms: 0,
        };
        assert_eq!(sold.shown(0), DealView::SoldOut);
    }

    #[test]
    fn a_refusal_names_its_field_or_none() {
        let state = listed(vec![]).reduce(start("k1", 0));
        let state = state.reduce(DealsAction::Started {
            result: Err(refusal(Some("starts_in_seconds"))),
            at_ms: 0,
        });
        assert_eq!(state.refused_field(), Some(Some(DealField::StartsIn)));
        assert_eq!(state.starting, None);
        let state = state.reduce(start("k2", 10_000));
        assert_eq!(
            state.refused_field(),
            None,
            "a new start clears the refusal"
        );
        let state = state.reduce(DealsAction::Started {
            result: Err(refusal(None)),
            at_ms: 0,
        });
        assert_eq!(state.refused_field(), Some(None));
        assert_eq!(DealField::named("per_buyer_limit"), Some(DealField::Limit));
        assert_eq!(DealField::named("variant_id"), Some(DealField::Variant));
    }

    #[test]
    fn ending_waits_for_its_answer_once() {
        let state = listed(vec![deal("d", FlashDealState::Open, 5)]);
        // "End" asks first; only the confirmed deal is ended.
        let unasked = Rc::clone(&state).reduce(DealsAction::End("d".into()));
        assert!(Rc::ptr_eq(&state, &unasked), "no end without confirmation");
        let asked = state.reduce(DealsAction::AskEnd("d".into()));
        assert_eq!(asked.confirming.as_deref(), Some("d"));
        let kept = Rc::clone(&asked).reduce(DealsAction::KeepRunning);
        assert_eq!(
            (kept.confirming.as_ref(), kept.ending.as_ref()),
            (None, None)
        );
        let other = Rc::clone(&asked).reduce(DealsAction::End("e".into()));
        assert!(Rc::ptr_eq(&asked, &other));
        let state = asked.reduce(DealsAction::End("d".into()));
        assert_eq!(state.confirming, None);
        // A second end, of it or another, waits until this one answered.
        for other in ["d", "e"] {
            let asked = Rc::clone(&state).reduce(DealsAction::AskEnd(other.into()));
            let same = Rc::clone(&asked).reduce(DealsAction::End(other.into()));
            assert!(Rc::ptr_eq(&asked, &same));
            let same = Rc::clone(&state).reduce(DealsAction::End(other.into()));
            assert!(Rc::ptr_eq(&state, &same));
        }
        assert_eq!(state.ending.as_deref(), Some("d"));
        let state = state.reduce(DealsAction::Ended {
            deal_id: "d".into(),
            result: Ok(deal("d", FlashDealState::Ended, 0)),
            at_ms: 0,
        });
        assert_eq!(state.ending, None);
        let Remote::Ready(list) = &state.list else {
            panic!("not listed")
        };
        assert!(!CreatorDeals::is_running(&list[0].deal));
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

    #[test]
    fn a_deal_starting_or_closing_reads_the_chosen_products_variants_again() {
        let state = listed(vec![deal("old", FlashDealState::Open, 3)])
            .reduce(DealsAction::Choose("p1".into()));
        let asked = state.detail_asked;
        let state = state.reduce(DealsAction::Heard {
            deal: deal("old", FlashDealState::Open, 2),
            at_ms: 0,
        });
        assert_eq!(state.detail_asked, asked, "a unit sold: no stock moved");
        let state = state.reduce(DealsAction::Heard {
            deal: deal("old", FlashDealState::Ended, 2),
            at_ms: 0,
        });
        assert_eq!(state.detail_asked, asked + 1, "its units left went back");
        let state = state.reduce(DealsAction::Heard {
            deal: deal("new", FlashDealState::Upcoming, 5),
            at_ms: 0,
        });
        assert_eq!(state.detail_asked, asked + 2, "its units left the stock");
        let mut other = deal("elsewhere", FlashDealState::Upcoming, 5);
        other.product_id = "p2".into();
        let state = state.reduce(DealsAction::Heard {
            deal: other,
            at_ms: 0,
        });
        assert_eq!(state.detail_asked, asked + 2, "not the chosen product");
    }

    #[test]
    fn the_units_offered_never_exceed_the_variants_stock() {
        let mut variant = Variant {
            id: "v1".into(),
            option_values: vec!["M".into()],
            price: Rupiah(99_000),
            original_price: None,
            stock: 3,
            weight_grams: 300,
        };
        assert_eq!(default_units(None), DEFAULT_UNITS);
        assert_eq!(
            (default_units(Some(&variant)), most_units(Some(&variant))),
            (3, 3)
        );
        let four = [Some(49_000), Some(4), Some(1), Some(30), Some(5)];
        assert_eq!(wrong_terms(&four, Some(&variant)), [DealField::Units]);
        variant.stock = 50_000;
        assert_eq!(default_units(Some(&variant)), DEFAULT_UNITS);
        assert_eq!(most_units(Some(&variant)), MAX_UNITS);
    }

    #[test]
    fn a_repeated_start_keeps_its_key_and_a_video_has_no_deals() {
        let state = listed(vec![]).reduce(start("k1", 0));
        let state = state.reduce(DealsAction::Started {
            result: Ok(deal("d", FlashDealState::Upcoming, 20)),
            at_ms: 0,
        });
        // The second tap of a double tap, after the first was answered:
        // already done, nothing is sent.
        let same = Rc::clone(&state).reduce(start("k2", 300));
        assert!(Rc::ptr_eq(&state, &same));
        // The same terms later are another deal, under their own key.
        let state = state.reduce(start("k3", 10_000));
        assert_eq!(
            state.starting.as_ref().map(|tap| tap.key.as_str()),
            Some("k3")
        );
        let state = state.reduce(DealsAction::Started {
            result: Err(refusal(Some("stream_id"))),
            at_ms: 0,
        });
        assert_eq!(state.live, Some(false));
        assert_eq!(state.refused_field(), Some(Some(DealField::Stream)));
        let list = |kind| {
            Ok(Rc::new(StreamList {
                streams: vec![etalase_contract::StreamSummary {
                    id: "s1".into(),
                    title: "t".into(),
                    kind,
                    creator: etalase_contract::CreatorSummary {
                        id: "c".into(),
                        name: "n".into(),
                    },
                    product_count: 0,
                    pinned_product_id: None,
                }],
            }))
        };
        let live = listed(vec![]).reduce(DealsAction::Streams {
            stream_id: "s1".into(),
            result: list(StreamKind::Live),
        });
        assert_eq!(live.live, Some(true));
        let video = live.reduce(DealsAction::Streams {
            stream_id: "s1".into(),
            result: list(StreamKind::Video),
        });
        assert_eq!(video.live, Some(false));
    }

    #[test]
    fn every_wrong_term_is_named_at_once() {
        let variant = Variant {
            id: "v1".into(),
            option_values: vec!["M".into()],
            price: Rupiah(99_000),
            original_price: None,
            stock: 12,
            weight_grams: 300,
        };
        let fine = [Some(49_000), Some(10), Some(2), Some(30), Some(5)];
        assert!(wrong_terms(&fine, Some(&variant)).is_empty());
        // The mistakes: every one named, none sent.
        let wrong = [Some(99_000), Some(13), Some(11), Some(5), Some(21)];
        assert_eq!(
            wrong_terms(&wrong, Some(&variant)),
            [
                DealField::Price,
                DealField::Units,
                DealField::Limit,
                DealField::StartsIn,
                DealField::Minutes
            ]
        );
        let not_numbers = [None, Some(0), Some(3), Some(300), Some(20)];
        assert_eq!(
            wrong_terms(&not_numbers, Some(&variant)),
            [DealField::Price, DealField::Units]
        );
        // A limit above the units; the bounds themselves are allowed.
        let edges = [Some(1), Some(2), Some(3), Some(10), Some(1)];
        assert_eq!(wrong_terms(&edges, None), [DealField::Limit]);
        let edges = [Some(98_999), Some(12), Some(5), Some(300), Some(20)];
        assert!(wrong_terms(&edges, Some(&variant)).is_empty());
        // Above what one shopper may hold of a variant unpaid: the
        // reservation limit would refuse that buyer first.
        let over = [Some(98_999), Some(12), Some(6), Some(300), Some(20)];
        assert_eq!(wrong_terms(&over, Some(&variant)), [DealField::Limit]);
    }
}

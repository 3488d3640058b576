//! [`CreatorState`]: a creator's tools for one stream — its showcase in
//! order with the pin, the catalogue search to attach products from, and
//! what the stream sold — as a pure state machine.
//!
//! The showcase on screen is the server's last answer with the queued
//! changes applied, like the cart: every change shows at once and becomes
//! a request (`PUT …/products` with the whole order, or `PUT …/pin`); the
//! hook sends the head of the queue, one at a time, so the server sees them
//! in order. Consecutive reorders waiting in the queue collapse into the
//! last. A refused change rolls everything back to the server's answer and
//! says why.

use std::rc::Rc;

use etalase_contract::{
    CatalogueProduct, DropVoucher, LiveVoucher, ProductCard, ProductPage, Rupiah, Showcase,
    StreamSales, MAX_SHOWCASE_PRODUCTS,
};
use yew::Reducible;

use super::sales::Sales;
use super::tap::{repeats, Tap};

use crate::api::ApiError;
use crate::state::remote::Remote;

/// A product in the showcase, as the creator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The product.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its main image, absolute.
    pub image_url: String,
    /// Its lowest price.
    pub price: Rupiah,
    /// The shop selling it.
    pub shop_name: String,
    /// Units in stock, kept current by the live feed.
    pub stock: u32,
}

impl Item {
    /// Whether no viewer can buy it now or soon: no stock, and none held
    /// by a flash deal not yet over (`in_deal`: the products whose
    /// running deals hold units, which left the stock as the deal began).
    pub fn is_sold_out(&self, in_deal: &[String]) -> bool {
        self.stock == 0 && !in_deal.contains(&self.id)
    }
}

impl From<&ProductCard> for Item {
    fn from(card: &ProductCard) -> Self {
        Item {
            id: card.id.clone(),
            name: card.name.clone(),
            image_url: card.image_url.clone(),
            price: card.price,
            shop_name: card.shop.name.clone(),
            stock: card.stock,
        }
    }
}

impl From<&CatalogueProduct> for Item {
    fn from(product: &CatalogueProduct) -> Self {
        Item {
            id: product.id.clone(),
            name: product.name.clone(),
            image_url: product.image_url.clone(),
            price: product.price,
            shop_name: product.shop.name.clone(),
            stock: product.stock,
        }
    }
}

/// A change for the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The whole showcase, in order.
    Showcase(Vec<String>),
    /// Pin this product, or unpin.
    Pin(Option<String>),
}

/// A change and the id its answer refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Unique within one [`CreatorState`].
    pub id: u32,
    /// The change.
    pub change: Change,
}

/// The creator's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The showcase in order, with the pin.
    Showcase,
    /// The catalogue search.
    Catalogue,
    /// What the stream sold.
    Sales,
    /// Dropping a live voucher.
    Voucher,
    /// Starting and ending flash deals.
    Deal,
}

/// Where dropping a live voucher stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drop {
    /// The voucher on its way to the server, with its key.
    pub sending: Option<Tap<DropVoucher>>,
    /// The voucher sent last, whose key a repeated tap takes.
    last: Option<Tap<DropVoucher>>,
    /// The key of the last voucher the server dropped: a repeated tap under
    /// it is already done, and nothing is sent.
    dropped_key: Option<String>,
    /// The voucher dropped last.
    pub dropped: Option<Rc<LiveVoucher>>,
    /// Why the last drop was refused.
    pub refused: Option<ApiError>,
}

pub use crate::api::Search;

impl Default for Search {
    fn default() -> Self {
        Search {
            query: String::new(),
            shop: String::new(),
            min_price: None,
            max_price: None,
            in_stock: true,
            page: 1,
        }
    }
}

/// A destructive change the creator may take back for a few seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undoable {
    /// A product taken out of the showcase.
    Removed {
        /// The product.
        item: Item,
        /// Its place in the showcase.
        index: usize,
        /// Whether it was pinned (removing it unpinned it).
        pinned: bool,
    },
    /// The pin taken off this product.
    Unpinned(Item),
}

/// The last destructive change, with an id its timer names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// Unique within one [`CreatorState`].
    pub id: u32,
    /// What was done.
    pub what: Undoable,
}

/// What a change did to a product, as it is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saying {
    /// Moved to a new place (its place said, focus following it).
    Moved,
    /// Pinned, by its pin, "pin next" or an undone unpin.
    Pinned,
    /// Back in the showcase by an undo (its place said).
    Restored,
}

/// The product the last move, pin or undo put in place, for focus to
/// follow it and what happened to be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Unique within one [`CreatorState`]: each change is said once.
    pub id: u32,
    /// The product.
    pub product_id: String,
    /// What happened to it.
    pub what: Saying,
}

/// The creator's tools for one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorState {
    /// The tab on screen.
    pub tab: Tab,
    /// The server's last showcase.
    confirmed: Option<Rc<Showcase>>,
    /// Why the showcase could not be loaded.
    pub load_error: Option<ApiError>,
    /// The showcase as shown: confirmed with the queue applied.
    pub items: Vec<Item>,
    /// The pinned product as shown.
    pub pinned: Option<String>,
    /// Changes not answered yet; the head is on its way.
    queue: Vec<Queued>,
    next_id: u32,
    /// Why the last change was refused.
    pub refused: Option<ApiError>,
    /// The search asked for.
    pub search: Search,
    /// Its results.
    pub results: Remote<ProductPage>,
    /// What the stream sold, refreshed while its tab is open.
    pub sales: Sales,
    /// Dropping a live voucher.
    pub drop: Drop,
    /// The last removal or unpin, while it may be taken back.
    pub undo: Option<Undo>,
    /// The product moved, pinned or restored last.
    pub said: Option<Said>,
    /// When "pin next" was last tapped, on the page's clock: a second tap
    /// within [`super::tap::REPEAT_MS`] is the same tap.
    pin_next_at: Option<i64>,
}

impl Default for CreatorState {
    fn default() -> Self {
        CreatorState {
            tab: Tab::Showcase,
            confirmed: None,
            load_error: None,
            items: Vec::new(),
            pinned: None,
            queue: Vec::new(),
            next_id: 0,
            refused: None,
            search: Search::default(),
            results: Remote::Loading,
            sales: Sales::default(),
            drop: Drop::default(),
            undo: None,
            said: None,
            pin_next_at: None,
        }
    }
}

/// What the creator, the server and the live feed can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreatorAction {
    /// Show a tab (the sales tab fetches the figures afresh).
    Show(Tab),
    /// The showcase arrived, or not.
    Loaded(Result<Rc<Showcase>, ApiError>),
    /// Add a product at the end of the showcase.
    Attach(Item),
    /// Take a product out (and off the pin).
    Detach(String),
    /// Move the product at `from` to `to`.
    Move {
        /// Its place now.
        from: usize,
        /// Its place after.
        to: usize,
    },
    /// Pin a showcase product, or unpin with `None`.
    Pin(Option<String>),
    /// "Pin next", naming the product it pins, tapped at `at_ms` (the
    /// page's clock): a double tap pins one product.
    PinNext {
        /// The product the button named.
        product_id: String,
        /// When it was tapped.
        at_ms: i64,
    },
    /// Take back the last removal or unpin.
    Undo,
    /// The undo of this id is no longer offered (its time is up).
    ForgetUndo(u32),
    /// The server answered the change with this id.
    Answered {
        /// The change's id.
        id: u32,
        /// The showcase, or why not.
        result: Result<Rc<Showcase>, ApiError>,
    },
    /// Search with these terms, from page 1.
    Search(Search),
    /// Show this page of the same search.
    Page(u32),
    /// The search answered.
    Searched(Result<Rc<ProductPage>, ApiError>),
    /// Fetch fresh sales figures if the sales tab is open, after the fetch
    /// on its way if there is one (the live feed's word that they changed,
    /// or of stock an order took).
    RefreshSales,
    /// The sales arrived, or not.
    SalesLoaded(Result<Rc<StreamSales>, ApiError>),
    /// Drop this live voucher on the stream.
    DropVoucher {
        /// The terms.
        terms: DropVoucher,
        /// A fresh idempotency key, used unless the tap repeats the last.
        fresh: String,
        /// When it was tapped, in milliseconds of the page's clock.
        at_ms: i64,
    },
    /// The drop answered.
    Dropped(Result<Rc<LiveVoucher>, ApiError>),
    /// The live feed says a product has this many units now.
    Restock {
        /// The product.
        product_id: String,
        /// Units in stock.
        stock: u32,
    },
}

impl CreatorState {
    /// The change on its way, if any.
    pub fn next_change(&self) -> Option<&Queued> {
        self.queue.first()
    }

    /// Whether the showcase is known.
    pub fn is_loaded(&self) -> bool {
        self.confirmed.is_some()
    }

    /// Whether `product_id` is in the showcase as shown.
    pub fn contains(&self, product_id: &str) -> bool {
        self.items.iter().any(|item| item.id == product_id)
    }

    /// Whether the showcase holds as many products as it may.
    pub fn is_full(&self) -> bool {
        self.items.len() >= MAX_SHOWCASE_PRODUCTS
    }

    /// The product "pin next" pins: the first not sold out (see
    /// [`Item::is_sold_out`]) after the pinned one in showcase order, going
    /// round to the top (the first when nothing is pinned); `None` when no
    /// other product could be. Its button pins it by name, so a double tap
    /// pins one product.
    pub fn next_to_pin(&self, in_deal: &[String]) -> Option<&Item> {
        let start = self
            .pinned
            .as_deref()
            .and_then(|pinned| self.items.iter().position(|item| item.id == pinned))
            .map_or(0, |at| at + 1);
        let count = self.items.len();
        (0..count)
            .map(|step| &self.items[(start + step) % count])
            .find(|item| {
                !item.is_sold_out(in_deal) && self.pinned.as_deref() != Some(item.id.as_str())
            })
    }

    /// A fresh id for an undo or a move.
    fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        id
    }

    /// Says `what` happened to `product_id`.
    fn say(&mut self, product_id: String, what: Saying) {
        let id = self.fresh_id();
        self.said = Some(Said {
            id,
            product_id,
            what,
        });
    }

    /// Offers to take `what` back.
    fn offer_undo(&mut self, what: Undoable) {
        let id = self.fresh_id();
        self.undo = Some(Undo { id, what });
    }

    /// The showcase in the viewers' order, each with its index in the
    /// creator's order: the pinned product first, then the others in the
    /// creator's order (where the pinned one goes back when unpinned).
    pub fn viewers_order(&self) -> Vec<(usize, &Item)> {
        let pinned = |item: &Item| self.pinned.as_deref() == Some(item.id.as_str());
        let indexed = || self.items.iter().enumerate();
        indexed()
            .filter(|(_, item)| pinned(item))
            .chain(indexed().filter(|(_, item)| !pinned(item)))
            .collect()
    }

    /// The place of `product_id` in the viewers' order, counted from 1,
    /// and how many products the showcase holds.
    pub fn position(&self, product_id: &str) -> Option<(usize, usize)> {
        let at = self
            .viewers_order()
            .iter()
            .position(|(_, item)| item.id == product_id)?;
        Some((at + 1, self.items.len()))
    }

    /// Where the product at `index` (in the creator's order) goes to move
    /// one place up or down in the viewers' order: the index of its
    /// neighbour there. `None` at either end, and for the pinned product,
    /// which stays first while pinned.
    pub fn step(&self, index: usize, up: bool) -> Option<usize> {
        let order = self.viewers_order();
        let at = order.iter().position(|(known, _)| *known == index)?;
        let neighbour = if up { at.checked_sub(1)? } else { at + 1 };
        let (to, item) = order.get(neighbour)?;
        let pinned = |item: &Item| self.pinned.as_deref() == Some(item.id.as_str());
        (!pinned(order[at].1) && !pinned(item)).then_some(*to)
    }

    /// Where the product at `index` (in the creator's order) goes to move
    /// to the top (`up`) or the end of the viewers' order: the index of the
    /// first or last product other than the pinned one, which stays first.
    /// `None` for the pinned product, and for one already there.
    pub fn edge(&self, index: usize, up: bool) -> Option<usize> {
        let pinned = |item: &Item| self.pinned.as_deref() == Some(item.id.as_str());
        if pinned(self.items.get(index)?) {
            return None;
        }
        let mut movable = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !pinned(item))
            .map(|(at, _)| at);
        let to = if up {
            movable.next()
        } else {
            movable.next_back()
        }?;
        (to != index).then_some(to)
    }

    fn ids(&self) -> Vec<String> {
        self.items.iter().map(|item| item.id.clone()).collect()
    }

    fn enqueue(&mut self, change: Change) {
        self.refused = None;
        // A reorder waiting behind the one in flight is replaced by the newer.
        let waiting = self.queue.len() > 1;
        if let (Change::Showcase(_), Some(last)) = (&change, self.queue.last_mut()) {
            if waiting && matches!(last.change, Change::Showcase(_)) {
                last.change = change;
                return;
            }
        }
        let id = self.fresh_id();
        self.queue.push(Queued { id, change });
    }

    /// The shown showcase: the server's answer.
    fn show_confirmed(&mut self) {
        if let Some(showcase) = &self.confirmed {
            self.items = showcase.products.iter().map(Item::from).collect();
            self.pinned = showcase.pinned_product_id.clone();
        }
    }
}

impl Reducible for CreatorState {
    type Action = CreatorAction;

    fn reduce(self: Rc<Self>, action: CreatorAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CreatorAction::Show(tab) => {
                next.tab = tab;
                if tab == Tab::Sales {
                    let id = next.fresh_id();
                    next.sales.ask(id);
                }
            }
            CreatorAction::RefreshSales => {
                if self.tab != Tab::Sales {
                    return self;
                }
                let id = next.fresh_id();
                next.sales.ask(id);
            }
            CreatorAction::Loaded(Ok(showcase)) => {
                next.confirmed = Some(showcase);
                next.load_error = None;
                if next.queue.is_empty() {
                    next.show_confirmed();
                }
            }
            CreatorAction::Loaded(Err(error)) => next.load_error = Some(error),
            CreatorAction::Attach(item) => {
                if self.contains(&item.id) || self.is_full() || !self.is_loaded() {
                    return self;
                }
                next.items.push(item);
                let ids = next.ids();
                next.enqueue(Change::Showcase(ids));
            }
            CreatorAction::Detach(product_id) => {
                let Some(index) = self.items.iter().position(|item| item.id == product_id) else {
                    return self;
                };
                let item = next.items.remove(index);
                let pinned = next.pinned.as_deref() == Some(product_id.as_str());
                if pinned {
                    next.pinned = None;
                }
                let ids = next.ids();
                next.enqueue(Change::Showcase(ids));
                next.offer_undo(Undoable::Removed {
                    item,
                    index,
                    pinned,
                });
            }
            CreatorAction::Move { from, to } => {
                let last = self.items.len().saturating_sub(1);
                let pinned = |at: usize| self.pinned.as_deref() == Some(self.items[at].id.as_str());
                // The pinned product stays first for viewers while pinned.
                if from == to || from > last || to > last || pinned(from) || pinned(to) {
                    return self;
                }
                let item = next.items.remove(from);
                let product_id = item.id.clone();
                next.items.insert(to, item);
                let ids = next.ids();
                next.enqueue(Change::Showcase(ids));
                next.say(product_id, Saying::Moved);
            }
            CreatorAction::PinNext { product_id, at_ms } => {
                if repeats(self.pin_next_at, at_ms) {
                    return self;
                }
                let pinned = Rc::new(CreatorState {
                    pin_next_at: Some(at_ms),
                    ..next
                });
                return pinned.reduce(CreatorAction::Pin(Some(product_id)));
            }
            CreatorAction::Pin(product_id) => {
                let known = product_id.as_deref().is_none_or(|id| self.contains(id));
                if !known || self.pinned == product_id {
                    return self;
                }
                let unpinned = match (&self.pinned, &product_id) {
                    (Some(was), None) => self.items.iter().find(|item| item.id == *was).cloned(),
                    _ => None,
                };
                next.pinned = product_id.clone();
                next.enqueue(Change::Pin(product_id.clone()));
                if let Some(product_id) = product_id {
                    next.say(product_id, Saying::Pinned);
                }
                if let Some(item) = unpinned {
                    next.offer_undo(Undoable::Unpinned(item));
                }
            }
            CreatorAction::Undo => {
                let Some(Undo { what, .. }) = next.undo.take() else {
                    return self;
                };
                let (item, index, pin) = match what {
                    Undoable::Removed {
                        item,
                        index,
                        pinned,
                    } => (item, Some(index), pinned),
                    Undoable::Unpinned(item) => (item, None, true),
                };
                if let Some(index) = index {
                    if next.contains(&item.id) || next.is_full() {
                        return Rc::new(next);
                    }
                    let index = index.min(next.items.len());
                    next.items.insert(index, item.clone());
                    let ids = next.ids();
                    next.enqueue(Change::Showcase(ids));
                    next.say(item.id.clone(), Saying::Restored);
                }
                if pin && next.contains(&item.id) && next.pinned.is_none() {
                    next.pinned = Some(item.id.clone());
                    next.enqueue(Change::Pin(Some(item.id.clone())));
                    if index.is_none() {
                        next.say(item.id, Saying::Pinned);
                    }
                }
            }
            CreatorAction::ForgetUndo(id) => {
                if self.undo.as_ref().map(|undo| undo.id) != Some(id) {
                    return self;
                }
                next.undo = None;
            }
            CreatorAction::Answered { id, result } => {
                if self.queue.first().map(|q| q.id) != Some(id) {
                    return self;
                }
                match result {
                    Ok(showcase) => {
                        next.queue.remove(0);
                        next.confirmed = Some(showcase);
                        if next.queue.is_empty() {
                            next.show_confirmed();
                        }
                    }
                    Err(error) => {
                        next.queue.clear();
                        next.refused = Some(error);
                        next.show_confirmed();
                    }
                }
            }
            CreatorAction::Search(search) => {
                next.search = Search { page: 1, ..search };
                next.results = Remote::Loading;
            }
            CreatorAction::Page(page) => {
                if page == 0 || page == self.search.page {
                    return self;
                }
                next.search.page = page;
                next.results = Remote::Loading;
            }
            CreatorAction::Searched(result) => next.results = result.into(),
            CreatorAction::SalesLoaded(result) => {
                if next.sales.answered(result) {
                    let id = next.fresh_id();
                    next.sales.ask(id);
                }
            }
            CreatorAction::DropVoucher {
                terms,
                fresh,
                at_ms,
            } => {
                if self.drop.sending.is_some() {
                    return self;
                }
                let tap = Tap::after(self.drop.last.as_ref(), terms, fresh, at_ms);
                if self.drop.dropped_key.as_ref() == Some(&tap.key) {
                    return self;
                }
                next.drop.sending = Some(tap.clone());
                next.drop.last = Some(tap);
                next.drop.refused = None;
            }
            CreatorAction::Dropped(result) => {
                let tap = next.drop.sending.take();
                match result {
                    Ok(voucher) => {
                        next.drop.dropped_key = tap.map(|tap| tap.key);
                        next.drop.dropped = Some(voucher);
                    }
                    Err(error) => {
                        next.drop.dropped = None;
                        next.drop.refused = Some(error);
                    }
                }
            }
            CreatorAction::Restock { product_id, stock } => {
                let Some(item) = next.items.iter_mut().find(|item| item.id == product_id) else {
                    return self;
                };
                if item.stock == stock {
                    return self;
                }
                item.stock = stock;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{ErrorBody, ErrorCode, ShopSummary};

    fn card(id: &str, stock: u32) -> ProductCard {
        ProductCard {
            id: id.into(),
            name: ["Produk ", id].concat(),
            image_url: "https://x/1.svg".into(),
            price: Rupiah(10_000),
            original_price: None,
            shop: ShopSummary {
                id: "s".into(),
                name: "Toko".into(),
                city: "Bandung".into(),
            },
            sold_count: 0,
            stock,
            deal_units: 0,
            pinned: false,
        }
    }

    fn showcase(ids: &[&str], pinned: Option<&str>) -> Rc<Showcase> {
        Rc::new(Showcase {
            stream_id: "live-1".into(),
            pinned_product_id: pinned.map(str::to_owned),
            products: ids.iter().map(|id| card(id, 5)).collect(),
        })
    }

    fn ids(state: &CreatorState) -> Vec<&str> {
        state.items.iter().map(|item| item.id.as_str()).collect()
    }

    fn loaded(ids: &[&str]) -> Rc<CreatorState> {
        Rc::new(CreatorState::default()).reduce(CreatorAction::Loaded(Ok(showcase(ids, None))))
    }

    fn answer(state: Rc<CreatorState>, result: Result<Rc<Showcase>, ApiError>) -> Rc<CreatorState> {
        let id = state.next_change().unwrap().id;
        state.reduce(CreatorAction::Answered { id, result })
    }

    /// A voucher's terms as the drop form sends them.
    fn drop_terms() -> DropVoucher {
        DropVoucher {
            kind: etalase_contract::LiveVoucherKind::Amount,
            value: 15_000,
            max_discount: None,
            min_spend: Rupiah(0),
            quota: 20,
            claimable_minutes: 5,
        }
    }

    #[test]
    fn attaching_reordering_and_pinning_show_at_once_and_go_out_in_order() {
        let state = loaded(&["a", "b"])
            .reduce(CreatorAction::Attach(Item::from(&card("c", 3))))
            .reduce(CreatorAction::Move { from: 2, to: 0 })
            .reduce(CreatorAction::Pin(Some("c".into())));
        assert_eq!(ids(&state), ["c", "a", "b"]);
        assert_eq!(state.pinned.as_deref(), Some("c"));
        let head = state.next_change().unwrap();
        assert_eq!(
            head.change,
            Change::Showcase(vec!["a".into(), "b".into(), "c".into()])
        );
        let state = answer(state, Ok(showcase(&["a", "b", "c"], None)));
        assert_eq!(ids(&state), ["c", "a", "b"], "the rest still applies");
        assert_eq!(
            state.next_change().unwrap().change,
            Change::Showcase(vec!["c".into(), "a".into(), "b".into()])
        );
        let state = answer(state, Ok(showcase(&["c", "a", "b"], None)));
        assert_eq!(
            state.next_change().unwrap().change,
            Change::Pin(Some("c".into()))
        );
        let state = answer(state, Ok(showcase(&["c", "a", "b"], Some("c"))));
        assert_eq!(state.next_change(), None);
        assert_eq!(state.pinned.as_deref(), Some("c"));
    }

    #[test]
    fn reorders_waiting_behind_the_one_in_flight_collapse_into_the_last() {
        let state = loaded(&["a", "b", "c"])
            .reduce(CreatorAction::Move { from: 0, to: 1 })
            .reduce(CreatorAction::Move { from: 2, to: 0 })
            .reduce(CreatorAction::Move { from: 1, to: 2 });
        assert_eq!(state.queue.len(), 2, "one in flight, one waiting");
        assert_eq!(
            state.queue[1].change,
            Change::Showcase(ids(&state).iter().map(|id| (*id).to_owned()).collect())
        );
    }

    #[test]
    fn a_refused_change_rolls_back_to_the_servers_showcase_and_says_why() {
        let state = loaded(&["a", "b"])
            .reduce(CreatorAction::Detach("a".into()))
            .reduce(CreatorAction::Pin(Some("b".into())));
        assert_eq!(ids(&state), ["b"]);
        let refused = ApiError::Api {
            status: 422,
            error: ErrorBody::new(ErrorCode::ProductUnavailable, "gone").error,
            retry_after: None,
        };
        let state = answer(state, Err(refused.clone()));
        assert_eq!(ids(&state), ["a", "b"]);
        assert_eq!(state.pinned, None);
        assert_eq!(state.refused, Some(refused));
        assert_eq!(
            state.next_change(),
            None,
            "the rest of the queue is dropped"
        );
    }

    #[test]
    fn detaching_the_pinned_product_unpins_it_and_moves_outside_the_list_are_ignored() {
        let state = Rc::new(CreatorState::default())
            .reduce(CreatorAction::Loaded(Ok(showcase(&["a", "b"], Some("a")))));
        assert_eq!(state.pinned.as_deref(), Some("a"));
        let state = state.reduce(CreatorAction::Detach("a".into()));
        assert_eq!(state.pinned, None);
        let same = state.clone().reduce(CreatorAction::Move { from: 0, to: 3 });
        assert!(Rc::ptr_eq(&same, &state));
        let same = state.clone().reduce(CreatorAction::Pin(Some("zz".into())));
        assert!(
            Rc::ptr_eq(&same, &state),
            "only a showcase product is pinned"
        );
        let same = state
            .clone()
            .reduce(CreatorAction::Attach(Item::from(&card("b", 1))));
        assert!(Rc::ptr_eq(&same, &state), "already in the showcase");
    }

    #[test]
    fn a_full_showcase_takes_no_more() {
        let many: Vec<String> = (0..MAX_SHOWCASE_PRODUCTS).map(|n| n.to_string()).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let state = loaded(&refs);
        assert!(state.is_full());
        let same = state
            .clone()
            .reduce(CreatorAction::Attach(Item::from(&card("x", 1))));
        assert!(Rc::ptr_eq(&same, &state));
    }

    #[test]
    fn one_voucher_drop_at_a_time_and_its_answer_is_kept() {
        let drop = drop_terms();
        let tap = |fresh: &str, at_ms: i64| CreatorAction::DropVoucher {
            terms: drop.clone(),
            fresh: fresh.into(),
            at_ms,
        };
        let state = loaded(&["a"]).reduce(tap("k1", 0));
        assert_eq!(state.drop.sending.as_ref().map(|t| &t.terms), Some(&drop));
        let again = state.clone().reduce(tap("k2", 100));
        assert!(Rc::ptr_eq(&again, &state), "a double tap drops one voucher");
        // Failed before the second tap: it is sent again under the first's
        // key, so the server makes at most one voucher of the two.
        let failed = state
            .clone()
            .reduce(CreatorAction::Dropped(Err(ApiError::Network(
                "offline".into(),
            ))));
        let second = failed.reduce(tap("k3", 250));
        assert_eq!(
            second.drop.sending.as_ref().map(|t| t.key.as_str()),
            Some("k1")
        );
        // Dropped before the second tap: already done, nothing is sent.
        let dropped = second.reduce(CreatorAction::Dropped(Ok(Rc::new(LiveVoucher {
            code: "LIVE0000000000000001".into(),
            kind: etalase_contract::LiveVoucherKind::Amount,
            value: 15_000,
            max_discount: None,
            min_spend: Rupiah(0),
            quota_left: 20,
            claimable_until: "2026-06-14T12:05:00.000Z".into(),
            seconds_left: 300,
        }))));
        let again = Rc::clone(&dropped).reduce(tap("k4", 400));
        assert!(Rc::ptr_eq(&dropped, &again));
        let refused = ApiError::Network("offline".into());
        let state = state.reduce(CreatorAction::Dropped(Err(refused.clone())));
        assert_eq!(state.drop.sending, None);
        assert_eq!(state.drop.refused, Some(refused));
    }

    #[test]
    fn live_stock_updates_the_list_and_searches_start_at_page_one() {
        let state = loaded(&["a"]).reduce(CreatorAction::Restock {
            product_id: "a".into(),
            stock: 2,
        });
        assert_eq!(state.items[0].stock, 2);
        let state = state
            .reduce(CreatorAction::Page(3))
            .reduce(CreatorAction::Search(Search {
                query: "batik".into(),
                page: 7,
                ..Search::default()
            }));
        assert_eq!(state.search.page, 1);
        assert_eq!(state.search.query, "batik");
        assert_eq!(state.results, Remote::Loading);
        let state = state.reduce(CreatorAction::Show(Tab::Sales));
        assert_eq!(state.sales.figures, Remote::Loading);
        assert!(state.sales.fetching.is_some());
    }

    #[test]
    fn a_removal_and_an_unpin_can_be_taken_back_once_in_place() {
        let state = loaded(&["a", "b", "c"]).reduce(CreatorAction::Pin(Some("b".into())));
        let said = state.said.clone().expect("the pin said");
        assert_eq!((said.product_id.as_str(), said.what), ("b", Saying::Pinned));
        let state = state.reduce(CreatorAction::Detach("b".into()));
        assert_eq!(state.pinned, None, "removing the pinned product unpins it");
        let undo = state.undo.clone().expect("an undo offered");
        assert!(matches!(
            &undo.what,
            Undoable::Removed {
                index: 1,
                pinned: true,
                ..
            }
        ));
        // A timer of another undo takes nothing away.
        let same = Rc::clone(&state).reduce(CreatorAction::ForgetUndo(undo.id.wrapping_add(7)));
        assert!(Rc::ptr_eq(&state, &same));
        let back = Rc::clone(&state).reduce(CreatorAction::Undo);
        let ids: Vec<&str> = back.items.iter().map(|item| item.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"], "back in its place");
        assert_eq!(back.pinned.as_deref(), Some("b"), "and pinned again");
        assert_eq!(back.undo, None);
        let said = back.said.clone().expect("the restore said");
        assert_eq!(
            (said.product_id.as_str(), said.what),
            ("b", Saying::Restored)
        );
        let again = Rc::clone(&back).reduce(CreatorAction::Undo);
        assert!(Rc::ptr_eq(&back, &again), "taken back once");
        // Once its time is up, there is nothing to take back.
        let forgotten = state.reduce(CreatorAction::ForgetUndo(undo.id));
        assert_eq!(forgotten.undo, None);
        // An unpin, taken back.
        let unpinned = back.reduce(CreatorAction::Pin(None));
        assert!(
            matches!(&unpinned.undo, Some(Undo { what: Undoable::Unpinned(item), .. }) if item.id == "b")
        );
        let repinned = unpinned.reduce(CreatorAction::Undo);
        assert_eq!(repinned.pinned.as_deref(), Some("b"));
        let said = repinned.said.clone().expect("the pin said");
        assert_eq!((said.product_id.as_str(), said.what), ("b", Saying::Pinned));
    }

    #[test]
    fn a_move_names_the_product_and_its_new_place() {
        let state = loaded(&["a", "b", "c"]).reduce(CreatorAction::Move { from: 0, to: 1 });
        let moved = state.said.clone().expect("a move");
        assert_eq!(moved.product_id, "a");
        assert_eq!(moved.what, Saying::Moved);
        assert_eq!(state.position("a"), Some((2, 3)));
        let again = state.reduce(CreatorAction::Move { from: 1, to: 2 });
        let second = again.said.clone().expect("a move");
        assert_ne!(second.id, moved.id, "each move is said");
        assert_eq!(again.position("a"), Some((3, 3)));
    }

    #[test]
    fn the_list_is_the_viewers_order_and_moves_go_round_the_pinned_product() {
        let state = loaded(&["a", "b", "c", "d"]).reduce(CreatorAction::Pin(Some("c".into())));
        let ids = |state: &CreatorState| -> Vec<String> {
            let order = state.viewers_order();
            order.iter().map(|(_, item)| item.id.clone()).collect()
        };
        assert_eq!(ids(&state), ["c", "a", "b", "d"]);
        assert_eq!(state.position("c"), Some((1, 4)));
        assert_eq!(state.position("b"), Some((3, 4)));
        assert_eq!(state.step(2, true), None, "the pinned one stays first");
        assert_eq!(state.step(0, true), None, "the first after the pin");
        assert_eq!(state.step(3, true), Some(1), "its neighbour b");
        let same = Rc::clone(&state).reduce(CreatorAction::Move { from: 2, to: 0 });
        assert!(Rc::ptr_eq(&same, &state));
        let moved = state.reduce(CreatorAction::Move { from: 3, to: 1 });
        assert_eq!(ids(&moved), ["c", "a", "d", "b"]);
        assert_eq!(moved.position("d"), Some((3, 4)));
        let down = Rc::clone(&moved).reduce(CreatorAction::Move {
            from: 0,
            to: moved.step(0, false).unwrap(),
        });
        assert_eq!(ids(&down), ["c", "d", "a", "b"]);
        let unpinned = down.reduce(CreatorAction::Pin(None));
        assert_eq!(
            ids(&unpinned),
            ["d", "a", "b", "c"],
            "back in the creator's order"
        );
    }

    #[test]
    fn pin_next_pins_the_next_not_sold_out_in_showcase_order_going_round() {
        let state =
            Rc::new(CreatorState::default()).reduce(CreatorAction::Loaded(Ok(Rc::new(Showcase {
                stream_id: "live-1".into(),
                pinned_product_id: None,
                products: vec![card("a", 5), card("b", 0), card("c", 2)],
            }))));
        // What the pin bar's button does: pins the product it names.
        let pin_next = |state: Rc<CreatorState>, in_deal: &[String]| {
            let next = state.next_to_pin(in_deal).map(|item| item.id.clone());
            state.reduce(CreatorAction::Pin(Some(next.expect("a next product"))))
        };
        let state = pin_next(state, &[]);
        assert_eq!(
            state.pinned.as_deref(),
            Some("a"),
            "nothing pinned: the first"
        );
        assert_eq!(
            state
                .next_to_pin(&["b".into()])
                .map(|item| item.id.as_str()),
            Some("b"),
            "its stock left is in a flash deal: not sold out"
        );
        let state = pin_next(state, &[]);
        assert_eq!(
            state.pinned.as_deref(),
            Some("c"),
            "the sold-out b is passed"
        );
        assert_eq!(
            state.queue.last().map(|queued| &queued.change),
            Some(&Change::Pin(Some("c".into())))
        );
        let state = pin_next(state, &[]);
        assert_eq!(state.pinned.as_deref(), Some("a"), "round to the top");
        let alone = loaded(&["a"]).reduce(CreatorAction::Pin(Some("a".into())));
        assert_eq!(alone.next_to_pin(&[]), None);
    }

    #[test]
    fn a_double_tap_on_pin_next_pins_one_product_a_later_tap_the_next() {
        let state = loaded(&["a", "b", "c"]);
        // Each tap names the product the button shows as it is tapped.
        let tap = |state: Rc<CreatorState>, at_ms: i64| {
            let product_id = state.next_to_pin(&[]).expect("a next").id.clone();
            state.reduce(CreatorAction::PinNext { product_id, at_ms })
        };
        let first = tap(state, 10_000);
        assert_eq!(first.pinned.as_deref(), Some("a"));
        let double = tap(Rc::clone(&first), 10_080);
        assert!(Rc::ptr_eq(&first, &double), "80 ms on: the same tap");
        assert_eq!(double.pinned.as_deref(), Some("a"));
        let later = tap(double, 12_000);
        assert_eq!(later.pinned.as_deref(), Some("b"), "a deliberate tap");
        let said = later.said.clone().expect("the pin said");
        assert_eq!((said.product_id.as_str(), said.what), ("b", Saying::Pinned));
    }

    #[test]
    fn a_deliberate_second_drop_after_a_double_tap_makes_a_second_voucher() {
        let tap = |fresh: &str, at_ms: i64| CreatorAction::DropVoucher {
            terms: drop_terms(),
            fresh: fresh.into(),
            at_ms,
        };
        let dropped = |state: Rc<CreatorState>, code: &str| {
            state.reduce(CreatorAction::Dropped(Ok(Rc::new(LiveVoucher {
                code: code.into(),
                kind: etalase_contract::LiveVoucherKind::Amount,
                value: 15_000,
                max_discount: None,
                min_spend: Rupiah(0),
                quota_left: 20,
                claimable_until: "2026-06-14T12:05:00.000Z".into(),
                seconds_left: 300,
            }))))
        };
        let first = dropped(loaded(&["a"]).reduce(tap("k1", 0)), "LIVE1");
        let double = Rc::clone(&first).reduce(tap("k2", 80));
        assert!(Rc::ptr_eq(&first, &double), "a double tap: already done");
        let second = first.reduce(tap("k3", 2_000));
        assert_eq!(
            second.drop.sending.as_ref().map(|t| t.key.as_str()),
            Some("k3"),
            "2 s on, the same terms are a second voucher"
        );
    }

    #[test]
    fn a_product_with_its_stock_left_in_a_deal_is_not_sold_out() {
        let item = Item::from(&card("a", 0));
        assert!(item.is_sold_out(&[]));
        assert!(item.is_sold_out(&["b".into()]));
        assert!(!item.is_sold_out(&["a".into()]));
        assert!(!Item::from(&card("a", 3)).is_sold_out(&[]));
    }

    #[test]
    fn a_product_moves_to_either_end_of_the_viewers_order_round_the_pin() {
        let state = loaded(&["a", "b", "c", "d"]);
        assert_eq!(state.edge(2, true), Some(0), "c to the top");
        assert_eq!(state.edge(1, false), Some(3), "b to the end");
        assert_eq!(state.edge(0, true), None, "already first");
        assert_eq!(state.edge(3, false), None, "already last");
        assert_eq!(state.edge(9, true), None);
        // Pinned, a stays first: the top is the first place after it.
        let pinned = state.reduce(CreatorAction::Pin(Some("a".into())));
        assert_eq!(pinned.edge(0, false), None, "the pinned one stays");
        assert_eq!(pinned.edge(1, true), None, "b is first after the pin");
        let to = pinned.edge(3, true).expect("d can go up");
        let moved = Rc::clone(&pinned).reduce(CreatorAction::Move { from: 3, to });
        assert_eq!(moved.position("d"), Some((2, 4)));
        let said = moved.said.clone().expect("the move said");
        assert_eq!((said.product_id.as_str(), said.what), ("d", Saying::Moved));
        // The pin in the middle of the creator's order: the end is past it.
        let middle = loaded(&["a", "b", "c"]).reduce(CreatorAction::Pin(Some("c".into())));
        let to = middle.edge(0, false).expect("a can go down");
        let moved = middle.reduce(CreatorAction::Move { from: 0, to });
        assert_eq!(moved.position("a"), Some((3, 3)));
    }

    #[test]
    fn the_open_sales_tab_refreshes_one_fetch_at_a_time_and_others_do_not() {
        let state = loaded(&["a"]);
        let same = Rc::clone(&state).reduce(CreatorAction::RefreshSales);
        assert!(Rc::ptr_eq(&same, &state), "not on the sales tab");
        let state = state.reduce(CreatorAction::Show(Tab::Sales));
        let asked = state.sales.fetching;
        let state = state.reduce(CreatorAction::RefreshSales);
        assert_eq!(state.sales.fetching, asked, "one on its way");
        // Its answer may predate the change heard meanwhile: one more.
        let state = state.reduce(CreatorAction::SalesLoaded(Err(ApiError::Network(
            "offline".into(),
        ))));
        let again = state.sales.fetching;
        assert!(again.is_some());
        assert_ne!(again, asked, "a fresh fetch");
        let state = state.reduce(CreatorAction::SalesLoaded(Err(ApiError::Network(
            "offline".into(),
        ))));
        assert_eq!(state.sales.fetching, None, "nothing heard meanwhile");
        let state = state.reduce(CreatorAction::RefreshSales);
        assert!(state.sales.fetching.is_some());
    }

    #[test]
    fn a_refused_drop_takes_the_old_success_away() {
        let terms = drop_terms();
        let tap = |fresh: &str, at_ms: i64| CreatorAction::DropVoucher {
            terms: terms.clone(),
            fresh: fresh.into(),
            at_ms,
        };
        let dropped = loaded(&["a"])
            .reduce(tap("k1", 0))
            .reduce(CreatorAction::Dropped(Ok(Rc::new(LiveVoucher {
                code: "LIVE1".into(),
                kind: etalase_contract::LiveVoucherKind::Amount,
                value: 15_000,
                max_discount: None,
                min_spend: Rupiah(0),
                quota_left: 20,
                claimable_until: "2026-06-14T12:05:00.000Z".into(),
                seconds_left: 300,
            }))));
        assert!(dropped.drop.dropped.is_some());
        let refused = dropped
            .reduce(tap("k2", 10_000))
            .reduce(CreatorAction::Dropped(Err(ApiError::Network(
                "offline".into(),
            ))));
        assert_eq!(refused.drop.dropped, None);
        assert!(refused.drop.refused.is_some());
    }
}

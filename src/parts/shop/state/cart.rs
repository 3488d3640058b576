//! [`CartState`]: the shopper's cart as shown, optimistic and reconciled
//! with the server.
//!
//! The server's cart is the truth. Every change the shopper makes becomes a
//! [`Request`] in a queue and shows at once: the cart on screen is *the
//! server's last answer with the queued requests applied*. The hook sends the
//! queue's head, one request at a time, so answers come back in order; an
//! answer replaces the confirmed cart and drops its request. A refused
//! request is dropped the same way, which rolls its change back, and leaves a
//! [`Toast`] saying why.
//!
//! Before the server has answered, the cart starts from the copy the device
//! kept ([`Stored`]), so a reload paints at once; the server's first answer
//! replaces it, with the changes made in between still applied on top.
//!
//! Which lines are ticked for checkout is the shopper's choice and never
//! leaves the device. It is kept as the lines *un*ticked, so a line that
//! appears — added here or on another device — starts ticked.

use std::rc::Rc;

use etalase_contract::{
    Cart, CartItem, CartShop, ErrorCode, ProductDetail, Rupiah, ShopSummary, Variant,
    MAX_UNITS_PER_VARIANT,
};
use yew::Reducible;

use crate::api::ApiError;

/// One cart line and the shop selling it: enough to draw the line before
/// the server has confirmed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The shop the line is grouped under.
    pub shop: ShopSummary,
    /// The line; `quantity` is the quantity wanted.
    pub item: CartItem,
    /// For a recorded video, the second of playback at which the product
    /// was opened, which the line records for the creator's sales.
    pub opened_at: Option<u32>,
}

impl Line {
    /// `quantity` units of `variant` of `product`, priced as the sheet shows it.
    pub fn of(product: &ProductDetail, variant: &Variant, quantity: u32) -> Self {
        Line {
            shop: product.shop.clone(),
            item: CartItem {
                variant_id: variant.id.clone(),
                product_id: product.id.clone(),
                product_name: product.name.clone(),
                option_values: variant.option_values.clone(),
                image_url: product.image_urls.first().cloned().unwrap_or_default(),
                price: variant.price,
                original_price: variant.original_price,
                quantity,
                stock: variant.stock,
                weight_grams: variant.weight_grams,
                line_total: variant.price.times(quantity),
            },
            opened_at: None,
        }
    }
}

/// A request for the server; each answers with the whole cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `GET /v1/cart`.
    Load,
    /// `PUT /v1/cart/items/{variant_id}` with the line's quantity.
    Set(Rc<Line>),
    /// `DELETE /v1/cart/items/{variant_id}`.
    Remove(String),
}

impl Request {
    /// The variant the request changes, if it changes one.
    fn variant_id(&self) -> Option<&str> {
        match self {
            Request::Load => None,
            Request::Set(line) => Some(&line.item.variant_id),
            Request::Remove(variant_id) => Some(variant_id),
        }
    }
}

/// A queued request and the id its answer is matched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Unique within one [`CartState`].
    pub id: u32,
    /// What to ask.
    pub request: Request,
}

/// What the device keeps between visits: the cart as last shown and the
/// lines the shopper unticked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stored {
    /// The cart as last shown.
    pub cart: Cart,
    /// Variant ids of unticked lines.
    pub unselected: Vec<String>,
}

/// Why the server refused a change, in the shopper's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No connection.
    Offline,
    /// Fewer units are in stock than asked for.
    Stock,
    /// More of one variant than a shopper may hold
    /// ([`MAX_UNITS_PER_VARIANT`]).
    Limit,
    /// The variant is no longer sold, or the line was already gone.
    Gone,
    /// The token is missing or expired; the host has been asked for another.
    SignedOut,
    /// Anything else.
    Failed,
}

impl Refusal {
    /// The refusal `error` means.
    pub fn of(error: &ApiError) -> Self {
        match (error, error.api_code()) {
            (ApiError::Network(_), _) => Refusal::Offline,
            (_, Some(ErrorCode::InsufficientStock | ErrorCode::OutOfStock)) => Refusal::Stock,
            (_, Some(ErrorCode::NotFound)) => Refusal::Gone,
            (_, Some(ErrorCode::Unauthenticated | ErrorCode::TokenExpired)) => Refusal::SignedOut,
            _ => Refusal::Failed,
        }
    }
}

/// A short message over the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToastKind {
    /// A line went into the cart, which then held `units` units.
    Added {
        /// The cart's units with the line in.
        units: u32,
    },
    /// A line was removed; it can be put back.
    Removed(Rc<Line>),
    /// A change was refused and rolled back.
    Refused(Refusal),
    /// A change waits, unsent, for the viewer (browsing with the
    /// publishable key) to sign in; it becomes [`ToastKind::Added`] once
    /// the line lands.
    SignIn {
        /// Whether it was "Buy now" rather than an add to the cart.
        buying: bool,
    },
}

/// The toast on screen, with the id its timer and its Undo refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Unique within one [`CartState`].
    pub id: u32,
    /// What it says.
    pub kind: ToastKind,
}

/// Whether a line can go to checkout as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// In stock for its quantity.
    Available,
    /// In stock, but fewer units than its quantity.
    Short(u32),
    /// Nothing left.
    SoldOut,
}

impl Availability {
    /// The availability of `item` now.
    pub fn of(item: &CartItem) -> Self {
        match item.stock {
            0 => Availability::SoldOut,
            stock if stock < item.quantity => Availability::Short(stock),
            _ => Availability::Available,
        }
    }
}

/// What the shopper and the server can do to the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartAction {
    /// Load the server's cart (again).
    Load,
    /// Add `line.item.quantity` units of the line, up to its stock.
    Add(Line),
    /// [`CartAction::Add`] while the viewer browses with the publishable
    /// key: the line waits for them to sign in, so it is not said to be
    /// added until it lands ([`CartAction::AwaitSignIn`] says it waits).
    AddBrowsing(Line),
    /// Set the line to `line.item.quantity` units, up to its stock, and tick
    /// it alone: "buy now" through the cart.
    BuyNow(Line),
    /// Change a line's quantity: lowering always, raising up to its stock.
    SetQuantity {
        /// The line's variant.
        variant_id: String,
        /// The quantity wanted, at least 1.
        quantity: u32,
    },
    /// Remove a line, offering to undo.
    Remove(String),
    /// Put back the line the toast with this id removed.
    Undo(u32),
    /// Tick or untick a line.
    ToggleLine(String),
    /// Tick every available line of a shop, or untick them all when all are ticked.
    ToggleShop(String),
    /// The server answered the request with this id.
    Answered {
        /// The request's id.
        id: u32,
        /// The cart, or why not.
        result: Result<Rc<Cart>, ApiError>,
    },
    /// The viewer browses with the publishable key: the change just made
    /// (a "Buy now" when `buying`) waits for them to sign in, and the toast
    /// says so.
    AwaitSignIn {
        /// Whether it was "Buy now" rather than an add to the cart.
        buying: bool,
    },
    /// The shopper signed out: their cart is no one's now; it is known
    /// again once the next shopper's is loaded.
    SignedOut,
    /// The toast with this id has been read.
    DismissToast(u32),
    /// The live feed says a variant has this many units in stock now.
    Restock {
        /// The variant.
        variant_id: String,
        /// Units in stock.
        stock: u32,
    },
}

/// The cart as the widget knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartState {
    /// The server's last answer.
    confirmed: Option<Rc<Cart>>,
    /// The device's copy, shown until the server answers.
    restored: Option<Rc<Cart>>,
    /// Requests not answered yet; the head is on its way.
    queue: Vec<Queued>,
    /// The next request or toast id.
    next_id: u32,
    /// Variant ids of unticked lines.
    unselected: Vec<String>,
    /// The toast on screen.
    toast: Option<Toast>,
    /// Why the last load failed, until one succeeds.
    load_error: Option<ApiError>,
    /// Whether the last request found no connection.
    offline: bool,
    /// Whether a line added while browsing has not landed yet: its
    /// "Added" is said once it does.
    added_unsaid: bool,
    /// The cart as shown: `confirmed` (or `restored`) with `queue` applied.
    view: Rc<Cart>,
}

impl CartState {
    /// A cart starting from the device's copy, if any, with a load queued.
    pub fn new(stored: Option<Stored>) -> Self {
        let (restored, unselected) = match stored {
            Some(stored) => (Some(Rc::new(stored.cart)), stored.unselected),
            None => (None, Vec::new()),
        };
        let mut state = CartState {
            confirmed: None,
            view: restored.clone().unwrap_or_default(),
            restored,
            queue: Vec::new(),
            next_id: 0,
            unselected,
            toast: None,
            load_error: None,
            offline: false,
            added_unsaid: false,
        };
        state.enqueue(Request::Load);
        state
    }

    /// The cart as shown.
    pub fn view(&self) -> &Rc<Cart> {
        &self.view
    }

    /// Whether there is a cart to show: the server's or the device's copy.
    pub fn is_known(&self) -> bool {
        self.confirmed.is_some() || self.restored.is_some()
    }

    /// Why the cart could not be loaded, while nothing is known of it.
    pub fn load_error(&self) -> Option<&ApiError> {
        self.load_error.as_ref().filter(|_| !self.is_known())
    }

    /// Units in the cart as shown.
    pub fn count(&self) -> u32 {
        self.view.item_count
    }

    /// The request to send now, if any.
    pub fn next_request(&self) -> Option<&Queued> {
        self.queue.first()
    }

    /// The toast on screen.
    pub fn toast(&self) -> Option<&Toast> {
        self.toast.as_ref()
    }

    /// Whether the last request found no connection.
    pub fn is_offline(&self) -> bool {
        self.offline
    }

    /// Variant ids of the lines the shopper unticked.
    pub fn unselected(&self) -> &[String] {
        &self.unselected
    }

    /// Whether the line is ticked: not unticked, and available.
    pub fn is_selected(&self, item: &CartItem) -> bool {
        Availability::of(item) == Availability::Available
            && !self.unselected.contains(&item.variant_id)
    }

    /// Whether every available line of `shop` is ticked (and it has one).
    pub fn is_shop_selected(&self, shop: &CartShop) -> bool {
        let mut available = shop
            .items
            .iter()
            .filter(|item| Availability::of(item) == Availability::Available)
            .peekable();
        available.peek().is_some() && available.all(|item| self.is_selected(item))
    }

    /// The ticked lines to check out: their variant ids, and how many shops
    /// they come from.
    pub fn selected_lines(&self) -> (Vec<String>, u32) {
        let mut shops = 0;
        let mut ids = Vec::new();
        for shop in &self.view.shops {
            let before = ids.len();
            ids.extend(
                shop.items
                    .iter()
                    .filter(|item| self.is_selected(item))
                    .map(|item| item.variant_id.clone()),
            );
            shops += u32::from(ids.len() > before);
        }
        (ids, shops)
    }

    /// Whether a change is still on its way to the server.
    pub fn is_settled(&self) -> bool {
        self.queue.is_empty()
    }

    /// Whether a change the shopper made waits to be sent (a load alone
    /// is no change): the first that needs a shopper's token.
    pub fn has_change(&self) -> bool {
        self.queue
            .iter()
            .any(|queued| queued.request != Request::Load)
    }

    /// Units and the sum of the line totals of the ticked lines.
    pub fn selected_total(&self) -> (u32, Rupiah) {
        self.view
            .shops
            .iter()
            .flat_map(|shop| &shop.items)
            .filter(|item| self.is_selected(item))
            .fold((0, Rupiah::ZERO), |(units, sum), item| {
                (units.saturating_add(item.quantity), sum + item.line_total)
            })
    }

    /// The line of `variant_id` as shown, with its shop.
    fn line(&self, variant_id: &str) -> Option<Line> {
        self.view.shops.iter().find_map(|shop| {
            let item = shop
                .items
                .iter()
                .find(|item| item.variant_id == variant_id)?;
            Some(Line {
                shop: shop.shop.clone(),
                item: item.clone(),
                opened_at: None,
            })
        })
    }

    /// Queues `request`. The head may be on its way, but what waits behind
    /// it can still change: a change to a variant already waiting replaces
    /// that one (only the last wish for a line needs sending), and a load
    /// already waiting covers another.
    fn enqueue(&mut self, request: Request) {
        let waiting = self.queue.iter_mut().skip(1).find(|queued| {
            match (queued.request.variant_id(), request.variant_id()) {
                (Some(queued), Some(new)) => queued == new,
                (None, None) => true,
                _ => false,
            }
        });
        match waiting {
            Some(queued) => queued.request = request,
            None => {
                let id = self.take_id();
                self.queue.push(Queued { id, request });
            }
        }
    }

    /// A fresh id for a request or toast.
    fn take_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        id
    }

    /// Shows a toast of `kind`, replacing any other.
    fn show(&mut self, kind: ToastKind) {
        let id = self.take_id();
        self.toast = Some(Toast { id, kind });
    }

    /// Queues adding `line.item.quantity` units of `line`, capped at its
    /// stock and at what one shopper may hold, and says so; while
    /// `browsing`, it is said once the line lands.
    fn add(&mut self, line: Line, browsing: bool) {
        let shown = self
            .line(&line.item.variant_id)
            .map_or(0, |shown| shown.item.quantity);
        let wanted = shown.saturating_add(line.item.quantity);
        if wanted > line.item.stock && shown >= line.item.stock {
            self.show(ToastKind::Refused(Refusal::Stock));
        } else if wanted > MAX_UNITS_PER_VARIANT && shown >= MAX_UNITS_PER_VARIANT {
            self.show(ToastKind::Refused(Refusal::Limit));
        } else if self.set_capped(line, wanted) {
            self.refresh();
            if browsing {
                self.added_unsaid = true;
            } else {
                let units = self.count();
                self.show(ToastKind::Added { units });
            }
        }
    }

    /// Ticks the line of `variant_id`.
    fn select(&mut self, variant_id: &str) {
        self.unselected.retain(|id| id != variant_id);
    }

    /// Queues setting `line` to `quantity` units, capped at its stock and
    /// at what one shopper may hold; shows a refusal and queues nothing
    /// when no unit can be had.
    fn set_capped(&mut self, line: Line, quantity: u32) -> bool {
        let quantity = quantity.min(line.item.stock).min(MAX_UNITS_PER_VARIANT);
        if quantity == 0 {
            self.show(ToastKind::Refused(Refusal::Stock));
            return false;
        }
        let current = self
            .line(&line.item.variant_id)
            .map(|shown| shown.item.quantity);
        self.select(&line.item.variant_id);
        if current != Some(quantity) {
            let mut line = line;
            line.item.quantity = quantity;
            line.item.line_total = line.item.price.times(quantity);
            self.enqueue(Request::Set(Rc::new(line)));
        }
        true
    }

    /// Takes the answer to request `id`; false when no such request waits.
    fn answer(&mut self, id: u32, result: Result<Rc<Cart>, ApiError>) -> bool {
        let Some(at) = self.queue.iter().position(|queued| queued.id == id) else {
            return false;
        };
        let request = self.queue.remove(at).request;
        self.offline = matches!(result, Err(ApiError::Network(_)));
        match result {
            Ok(cart) => {
                self.confirmed = Some(cart);
                self.load_error = None;
            }
            Err(error) if request == Request::Load => self.load_error = Some(error),
            Err(error) => {
                let refusal = Refusal::of(&error);
                self.show(ToastKind::Refused(refusal));
                // The server knows something the shown cart does not: fetch it.
                if matches!(refusal, Refusal::Stock | Refusal::Gone) {
                    self.enqueue(Request::Load);
                }
            }
        }
        true
    }

    /// Recomputes [`CartState::view`] and forgets choices about lines gone.
    fn refresh(&mut self) {
        let base = self
            .confirmed
            .as_ref()
            .or(self.restored.as_ref())
            .cloned()
            .unwrap_or_default();
        let changes: Vec<&Request> = self
            .queue
            .iter()
            .map(|queued| &queued.request)
            .filter(|request| **request != Request::Load)
            .collect();
        self.view = if changes.is_empty() {
            base
        } else {
            let mut cart = (*base).clone();
            for request in changes {
                apply(&mut cart, request);
            }
            total(&mut cart);
            Rc::new(cart)
        };
        let view = &self.view;
        self.unselected.retain(|id| {
            view.shops
                .iter()
                .any(|shop| shop.items.iter().any(|item| item.variant_id == *id))
        });
    }
}

impl Reducible for CartState {
    type Action = CartAction;

    fn reduce(self: Rc<Self>, action: CartAction) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            CartAction::Load => state.enqueue(Request::Load),
            CartAction::Add(line) => state.add(line, false),
            CartAction::AddBrowsing(line) => state.add(line, true),
            CartAction::BuyNow(line) => {
                let variant_id = line.item.variant_id.clone();
                let quantity = line.item.quantity;
                if state.set_capped(line, quantity) {
                    state.refresh();
                    state.unselected = state
                        .view
                        .shops
                        .iter()
                        .flat_map(|shop| &shop.items)
                        .map(|item| item.variant_id.clone())
                        .filter(|id| *id != variant_id)
                        .collect();
                }
            }
            CartAction::SetQuantity {
                variant_id,
                quantity,
            } => {
                let Some(line) = state.line(&variant_id) else {
                    return self;
                };
                let quantity = quantity.max(1);
                let raising = quantity > line.item.quantity;
                let most = line.item.stock.min(MAX_UNITS_PER_VARIANT);
                if quantity == line.item.quantity || (raising && quantity > most) {
                    return self;
                }
                let mut line = line;
                line.item.quantity = quantity;
                line.item.line_total = line.item.price.times(quantity);
                state.enqueue(Request::Set(Rc::new(line)));
            }
            CartAction::Remove(variant_id) => {
                let Some(line) = state.line(&variant_id) else {
                    return self;
                };
                state.enqueue(Request::Remove(variant_id));
                state.show(ToastKind::Removed(Rc::new(line)));
            }
            CartAction::Undo(toast_id) => {
                let line = match &state.toast {
                    Some(Toast {
                        id,
                        kind: ToastKind::Removed(line),
                    }) if *id == toast_id => Rc::clone(line),
                    _ => return self,
                };
                state.toast = None;
                state.select(&line.item.variant_id);
                state.enqueue(Request::Set(line));
            }
            CartAction::ToggleLine(variant_id) => {
                if state.unselected.contains(&variant_id) {
                    state.select(&variant_id);
                } else {
                    state.unselected.push(variant_id);
                }
            }
            CartAction::ToggleShop(shop_id) => {
                let Some(shop) = state.view.shops.iter().find(|shop| shop.shop.id == shop_id)
                else {
                    return self;
                };
                let ids: Vec<String> = shop
                    .items
                    .iter()
                    .map(|item| item.variant_id.clone())
                    .collect();
                if state.is_shop_selected(shop) {
                    state.unselected.extend(ids);
                } else {
                    state.unselected.retain(|id| !ids.contains(id));
                }
            }
            CartAction::Answered { id, result } => {
                let landed = result.is_ok();
                if !state.answer(id, result) {
                    return self;
                }
                // The line that waited for the sign-in is in: now say so.
                if state.added_unsaid && !state.has_change() {
                    state.added_unsaid = false;
                    if landed {
                        state.refresh();
                        let units = state.count();
                        state.show(ToastKind::Added { units });
                    }
                }
            }
            CartAction::SignedOut => {
                // Request ids go on from the last: an answer still on its
                // way for the shopper gone never answers the new load.
                let mut fresh = CartState::new(None);
                fresh.queue.clear();
                fresh.next_id = state.next_id;
                fresh.enqueue(Request::Load);
                state = fresh;
            }
            CartAction::AwaitSignIn { buying } => {
                let refused = matches!(
                    &state.toast,
                    Some(Toast {
                        kind: ToastKind::Refused(_),
                        ..
                    })
                );
                if refused || !state.has_change() {
                    return self;
                }
                state.show(ToastKind::SignIn { buying });
            }
            CartAction::Restock { variant_id, stock } => {
                let mut changed = false;
                for cart in [&mut state.confirmed, &mut state.restored]
                    .into_iter()
                    .flatten()
                {
                    let stale = cart
                        .shops
                        .iter()
                        .flat_map(|shop| &shop.items)
                        .any(|item| item.variant_id == variant_id && item.stock != stock);
                    if stale {
                        for item in Rc::make_mut(cart)
                            .shops
                            .iter_mut()
                            .flat_map(|shop| shop.items.iter_mut())
                            .filter(|item| item.variant_id == variant_id)
                        {
                            item.stock = stock;
                        }
                        changed = true;
                    }
                }
                if !changed {
                    return self;
                }
            }
            CartAction::DismissToast(toast_id) => {
                if state.toast.as_ref().map(|toast| toast.id) != Some(toast_id) {
                    return self;
                }
                state.toast = None;
            }
        }
        state.refresh();
        Rc::new(state)
    }
}

/// Applies one queued change to `cart`, leaving its totals stale.
fn apply(cart: &mut Cart, request: &Request) {
    match request {
        Request::Load => {}
        Request::Remove(variant_id) => {
            for shop in &mut cart.shops {
                shop.items.retain(|item| item.variant_id != *variant_id);
            }
            cart.shops.retain(|shop| !shop.items.is_empty());
        }
        Request::Set(line) => {
            let quantity = line.item.quantity;
            let shown = cart
                .shops
                .iter_mut()
                .flat_map(|shop| shop.items.iter_mut())
                .find(|item| item.variant_id == line.item.variant_id);
            if let Some(item) = shown {
                // The server's price and stock are fresher than the line's.
                item.quantity = quantity;
                item.line_total = item.price.times(quantity);
                return;
            }
            let at = match cart
                .shops
                .iter()
                .position(|shop| shop.shop.id == line.shop.id)
            {
                Some(at) => at,
                None => {
                    // Shops in the server's order: by name, then id.
                    let key = (&line.shop.name, &line.shop.id);
                    let at = cart
                        .shops
                        .iter()
                        .position(|shop| (&shop.shop.name, &shop.shop.id) > key)
                        .unwrap_or(cart.shops.len());
                    cart.shops.insert(
                        at,
                        CartShop {
                            shop: line.shop.clone(),
                            items: Vec::new(),
                            subtotal: Rupiah::ZERO,
                        },
                    );
                    at
                }
            };
            if let Some(shop) = cart.shops.get_mut(at) {
                shop.items.push(line.item.clone());
            }
        }
    }
}

/// Recomputes the subtotals and the unit count of `cart` from its lines.
fn total(cart: &mut Cart) {
    cart.item_count = 0;
    cart.subtotal = Rupiah::ZERO;
    for shop in &mut cart.shops {
        shop.subtotal = shop
            .items
            .iter()
            .fold(Rupiah::ZERO, |sum, item| sum + item.line_total);
        cart.subtotal = cart.subtotal + shop.subtotal;
        cart.item_count = shop.items.iter().fold(cart.item_count, |count, item| {
            count.saturating_add(item.quantity)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::ErrorBody;

    fn shop(id: &str, name: &str) -> ShopSummary {
        ShopSummary {
            id: id.into(),
            name: name.into(),
            city: "Solo".into(),
        }
    }

    fn item(variant_id: &str, price: i64, quantity: u32, stock: u32) -> CartItem {
        CartItem {
            variant_id: variant_id.into(),
            product_id: ["p-", variant_id].concat(),
            product_name: variant_id.to_uppercase(),
            option_values: vec!["M".into()],
            image_url: String::new(),
            price: Rupiah(price),
            original_price: None,
            quantity,
            stock,
            weight_grams: 200,
            line_total: Rupiah(price).times(quantity),
        }
    }

    fn line(shop_id: &str, shop_name: &str, item: CartItem) -> Line {
        Line {
            shop: shop(shop_id, shop_name),
            item,
            opened_at: None,
        }
    }

    /// A cart as the server answers it, totals included.
    fn cart(lines: &[Line]) -> Rc<Cart> {
        let mut cart = Cart::default();
        for line in lines {
            apply(&mut cart, &Request::Set(Rc::new(line.clone())));
        }
        total(&mut cart);
        Rc::new(cart)
    }

    /// `(variant, quantity)` of every line shown, shop by shop.
    fn shown(state: &CartState) -> Vec<(String, u32)> {
        state
            .view()
            .shops
            .iter()
            .flat_map(|shop| &shop.items)
            .map(|item| (item.variant_id.clone(), item.quantity))
            .collect()
    }

    fn act(state: Rc<CartState>, action: CartAction) -> Rc<CartState> {
        state.reduce(action)
    }

    /// Answers the head request with `result`.
    fn answer(state: Rc<CartState>, result: Result<Rc<Cart>, ApiError>) -> Rc<CartState> {
        let id = state.next_request().expect("a request to answer").id;
        act(state, CartAction::Answered { id, result })
    }

    /// A state whose first load found `lines` on the server.
    fn loaded(lines: &[Line]) -> Rc<CartState> {
        answer(Rc::new(CartState::new(None)), Ok(cart(lines)))
    }

    fn refused(code: ErrorCode) -> ApiError {
        ApiError::Api {
            status: 422,
            error: ErrorBody::new(code, "m").error,
            retry_after: None,
        }
    }

    fn head(state: &CartState) -> Option<&Request> {
        state.next_request().map(|queued| &queued.request)
    }

    #[test]
    fn starts_by_loading_and_shows_the_servers_cart() {
        let state = Rc::new(CartState::new(None));
        assert_eq!(head(&state), Some(&Request::Load));
        assert!(!state.is_known());
        assert_eq!(state.count(), 0);
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, 2, 5))])),
        );
        assert!(state.is_known());
        assert_eq!(state.count(), 2);
        assert_eq!(state.view().subtotal, Rupiah(20_000));
        assert_eq!(head(&state), None);
    }

    #[test]
    fn a_line_waiting_for_sign_in_says_so_until_it_lands() {
        let state = Rc::new(CartState::new(None));
        let added = line("s1", "Batik", item("a", 10_000, 1, 5));
        let state = act(state, CartAction::AddBrowsing(added.clone()));
        let kind = |state: &CartState| state.toast().map(|toast| toast.kind.clone());
        assert_eq!(kind(&state), None, "not \"Added\" before it is");
        let state = act(state, CartAction::AwaitSignIn { buying: false });
        assert_eq!(kind(&state), Some(ToastKind::SignIn { buying: false }));
        // The load answers first: the line is still on its way.
        let state = answer(state, Ok(cart(&[])));
        assert_eq!(kind(&state), Some(ToastKind::SignIn { buying: false }));
        let state = answer(state, Ok(cart(&[added])));
        assert_eq!(kind(&state), Some(ToastKind::Added { units: 1 }));
        // With nothing waiting, there is nothing to say.
        let unchanged = act(Rc::clone(&state), CartAction::AwaitSignIn { buying: false });
        assert!(Rc::ptr_eq(&state, &unchanged));
    }

    #[test]
    fn signing_out_forgets_the_cart_and_an_old_answer_cannot_land() {
        let state = Rc::new(CartState::new(None));
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, 2, 5))])),
        );
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("b", 5_000, 1, 5))),
        );
        let old = state.next_request().expect("the add on its way").id;
        let state = act(state, CartAction::SignedOut);
        assert!(!state.is_known(), "no one's count");
        assert_eq!(head(&state), Some(&Request::Load));
        // The gone shopper's answer arrives: it is not the new load's.
        let state = act(
            state,
            CartAction::Answered {
                id: old,
                result: Ok(cart(&[line("s1", "Batik", item("a", 10_000, 3, 5))])),
            },
        );
        assert!(!state.is_known());
        let state = answer(state, Ok(cart(&[])));
        assert_eq!(state.count(), 0);
    }

    #[test]
    fn a_line_added_while_browsing_is_said_added_once_it_lands() {
        // The host signs the viewer in at once: no word of waiting, and
        // "Added" only when the server has the line.
        let state = Rc::new(CartState::new(None));
        let added = line("s1", "Batik", item("a", 10_000, 1, 5));
        let state = act(state, CartAction::AddBrowsing(added.clone()));
        let state = answer(state, Ok(cart(&[])));
        assert_eq!(state.toast(), None, "still on its way");
        let state = answer(state, Ok(cart(std::slice::from_ref(&added))));
        let kind = state.toast().map(|toast| toast.kind.clone());
        assert_eq!(kind, Some(ToastKind::Added { units: 1 }));
        // Refused on its way: the refusal is said, never "Added".
        let state = act(state, CartAction::AddBrowsing(added));
        let state = answer(state, Err(ApiError::Network("offline".into())));
        assert!(!matches!(
            state.toast().map(|toast| &toast.kind),
            Some(ToastKind::Added { .. })
        ));
    }

    #[test]
    fn a_change_behind_the_first_load_is_a_change_a_load_is_not() {
        let state = Rc::new(CartState::new(None));
        assert!(!state.has_change(), "the first load is no change");
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 1, 5))),
        );
        assert!(state.has_change(), "the line waits behind the load");
        assert_eq!(head(&state), Some(&Request::Load), "the load still leads");
        let state = answer(state, Ok(cart(&[])));
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, 1, 5))])),
        );
        assert!(!state.has_change());
        assert_eq!(state.count(), 1);
    }

    #[test]
    fn a_line_opened_in_a_video_sends_its_second_and_a_quantity_change_keeps_the_lines_own() {
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, 1, 5))]);
        let mut opened = line("s1", "Batik", item("a", 10_000, 1, 5));
        opened.opened_at = Some(42);
        let state = act(state, CartAction::Add(opened));
        match head(&state) {
            Some(Request::Set(line)) => {
                assert_eq!((line.item.quantity, line.opened_at), (2, Some(42)));
            }
            other => panic!("a set, not {other:?}"),
        }
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, 2, 5))])),
        );
        let state = act(
            state,
            CartAction::SetQuantity {
                variant_id: "a".into(),
                quantity: 3,
            },
        );
        match head(&state) {
            Some(Request::Set(line)) => assert_eq!(line.opened_at, None, "the server keeps 42"),
            other => panic!("a set, not {other:?}"),
        }
    }

    #[test]
    fn one_variant_is_held_up_to_what_one_shopper_may_hold() {
        let most = MAX_UNITS_PER_VARIANT;
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, most - 1, 50))]);
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 3, 50))),
        );
        assert_eq!(shown(&state), [("a".to_owned(), most)], "capped, not 50");
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, most, 50))])),
        );
        let full = act(
            Rc::clone(&state),
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 1, 50))),
        );
        assert_eq!(head(&full), None, "nothing to ask the server");
        assert_eq!(
            full.toast().map(|toast| &toast.kind),
            Some(&ToastKind::Refused(Refusal::Limit))
        );
        let raised = act(
            Rc::clone(&state),
            CartAction::SetQuantity {
                variant_id: "a".into(),
                quantity: most + 1,
            },
        );
        assert!(Rc::ptr_eq(&state, &raised), "the stepper goes no higher");
    }

    #[test]
    fn an_added_line_shows_at_once_and_the_answer_confirms_it() {
        let state = loaded(&[]);
        let added = line("s1", "Batik", item("a", 10_000, 2, 5));
        let state = act(state, CartAction::Add(added.clone()));
        assert_eq!(shown(&state), [("a".to_owned(), 2)]);
        assert_eq!(state.count(), 2);
        assert_eq!(state.view().subtotal, Rupiah(20_000));
        assert_eq!(
            state.toast().map(|toast| &toast.kind),
            Some(&ToastKind::Added { units: 2 })
        );
        assert!(matches!(head(&state), Some(Request::Set(line)) if line.item.quantity == 2));

        // The server confirms with its own price: the answer wins.
        let mut priced = item("a", 9_000, 2, 5);
        priced.line_total = Rupiah(18_000);
        let state = answer(state, Ok(cart(&[line("s1", "Batik", priced)])));
        assert_eq!(state.view().subtotal, Rupiah(18_000));
        assert_eq!(head(&state), None);
    }

    #[test]
    fn adding_again_adds_units_up_to_the_stock() {
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, 3, 5))]);
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 4, 5))),
        );
        assert_eq!(
            shown(&state),
            [("a".to_owned(), 5)],
            "capped at the 5 in stock"
        );
        let state = answer(
            state,
            Ok(cart(&[line("s1", "Batik", item("a", 10_000, 5, 5))])),
        );
        let before = Rc::clone(&state);
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 1, 5))),
        );
        assert_eq!(shown(&state), [("a".to_owned(), 5)]);
        assert_eq!(head(&state), None, "nothing to ask the server");
        assert_eq!(
            state.toast().map(|toast| &toast.kind),
            Some(&ToastKind::Refused(Refusal::Stock))
        );
        assert_eq!(before.view(), state.view());
    }

    #[test]
    fn lines_are_grouped_by_shop_in_the_servers_order() {
        let state = loaded(&[line("s2", "Kopi", item("k", 30_000, 1, 9))]);
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("b", 10_000, 1, 9))),
        );
        let state = act(
            state,
            CartAction::Add(line("s2", "Kopi", item("k2", 5_000, 2, 9))),
        );
        let shops: Vec<(&str, usize, Rupiah)> = state
            .view()
            .shops
            .iter()
            .map(|shop| (shop.shop.name.as_str(), shop.items.len(), shop.subtotal))
            .collect();
        assert_eq!(
            shops,
            [("Batik", 1, Rupiah(10_000)), ("Kopi", 2, Rupiah(40_000))]
        );
        assert_eq!(state.count(), 4);
        assert_eq!(state.view().subtotal, Rupiah(50_000));
    }

    #[test]
    fn quantities_go_down_freely_and_up_to_the_stock() {
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, 2, 3))]);
        let set = |state: Rc<CartState>, quantity| {
            act(
                state,
                CartAction::SetQuantity {
                    variant_id: "a".into(),
                    quantity,
                },
            )
        };
        let state = set(state, 3);
        assert_eq!(shown(&state), [("a".to_owned(), 3)]);
        assert_eq!(state.view().subtotal, Rupiah(30_000));
        let same = set(Rc::clone(&state), 4);
        assert!(Rc::ptr_eq(&same, &state), "4 is above the stock");
        let same = set(Rc::clone(&state), 3);
        assert!(Rc::ptr_eq(&same, &state), "no change");
        let state = set(state, 0);
        assert_eq!(shown(&state), [("a".to_owned(), 1)], "never below 1");
        let unknown = act(
            Rc::clone(&state),
            CartAction::SetQuantity {
                variant_id: "zz".into(),
                quantity: 2,
            },
        );
        assert!(Rc::ptr_eq(&unknown, &state));
    }

    #[test]
    fn changes_waiting_behind_the_head_collapse_into_the_last() {
        let state = loaded(&[
            line("s1", "Batik", item("a", 10_000, 1, 9)),
            line("s1", "Batik", item("b", 10_000, 1, 9)),
        ]);
        let mut state = state;
        for quantity in 2..=5 {
            state = act(
                state,
                CartAction::SetQuantity {
                    variant_id: "a".into(),
                    quantity,
                },
            );
        }
        state = act(state, CartAction::Remove("b".into()));
        // The head (a = 2) is on its way; a = 3, 4, 5 collapsed into one.
        let requests: Vec<&Request> = state.queue.iter().map(|queued| &queued.request).collect();
        assert_eq!(requests.len(), 3, "{requests:?}");
        assert!(matches!(requests[0], Request::Set(line) if line.item.quantity == 2));
        assert!(matches!(requests[1], Request::Set(line) if line.item.quantity == 5));
        assert_eq!(requests[2], &Request::Remove("b".into()));
        assert_eq!(shown(&state), [("a".to_owned(), 5)]);
    }

    #[test]
    fn a_removed_line_comes_back_with_undo() {
        let state = loaded(&[
            line("s1", "Batik", item("a", 10_000, 2, 9)),
            line("s2", "Kopi", item("k", 5_000, 1, 9)),
        ]);
        let state = act(state, CartAction::Remove("a".into()));
        assert_eq!(shown(&state), [("k".to_owned(), 1)]);
        assert_eq!(state.view().shops.len(), 1, "an emptied shop goes");
        let toast = state.toast().cloned().expect("a toast");
        assert!(matches!(&toast.kind, ToastKind::Removed(line) if line.item.variant_id == "a"));
        let state = answer(
            state,
            Ok(cart(&[line("s2", "Kopi", item("k", 5_000, 1, 9))])),
        );

        let stale = act(Rc::clone(&state), CartAction::Undo(toast.id + 100));
        assert!(
            Rc::ptr_eq(&stale, &state),
            "only the toast's own undo counts"
        );
        let state = act(state, CartAction::Undo(toast.id));
        assert_eq!(state.toast(), None);
        assert_eq!(shown(&state), [("a".to_owned(), 2), ("k".to_owned(), 1)]);
        assert!(matches!(head(&state), Some(Request::Set(line)) if line.item.quantity == 2));
        let again = act(Rc::clone(&state), CartAction::Undo(toast.id));
        assert!(Rc::ptr_eq(&again, &state), "undo works once");
    }

    #[test]
    fn a_refused_change_rolls_back_with_a_reason_and_a_fresh_load() {
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, 1, 3))]);
        let state = act(
            state,
            CartAction::SetQuantity {
                variant_id: "a".into(),
                quantity: 3,
            },
        );
        assert_eq!(shown(&state), [("a".to_owned(), 3)]);
        let state = answer(state, Err(refused(ErrorCode::InsufficientStock)));
        assert_eq!(shown(&state), [("a".to_owned(), 1)], "rolled back");
        assert_eq!(
            state.toast().map(|toast| &toast.kind),
            Some(&ToastKind::Refused(Refusal::Stock))
        );
        assert_eq!(
            head(&state),
            Some(&Request::Load),
            "the server's stock is fetched"
        );
        assert!(!state.is_offline());
    }

    #[test]
    fn a_change_without_a_connection_rolls_back_and_marks_offline() {
        let state = loaded(&[]);
        let state = act(
            state,
            CartAction::Add(line("s1", "Batik", item("a", 10_000, 1, 3))),
        );
        let state = answer(state, Err(ApiError::Network("Failed to fetch".into())));
        assert!(shown(&state).is_empty());
        assert!(state.is_offline());
        assert_eq!(
            state.toast().map(|toast| &toast.kind),
            Some(&ToastKind::Refused(Refusal::Offline))
        );
        assert_eq!(head(&state), None);
        let state = act(state, CartAction::Load);
        let state = answer(state, Ok(cart(&[])));
        assert!(
            !state.is_offline(),
            "an answer means the connection is back"
        );
    }

    #[test]
    fn refusals_read_as_the_shopper_would_understand_them() {
        assert_eq!(Refusal::of(&refused(ErrorCode::OutOfStock)), Refusal::Stock);
        assert_eq!(Refusal::of(&refused(ErrorCode::NotFound)), Refusal::Gone);
        assert_eq!(
            Refusal::of(&refused(ErrorCode::TokenExpired)),
            Refusal::SignedOut
        );
        assert_eq!(
            Refusal::of(&refused(ErrorCode::Unauthenticated)),
            Refusal::SignedOut
        );
        assert_eq!(Refusal::of(&refused(ErrorCode::Internal)), Refusal::Failed);
        let garbled = ApiError::BadResponse {
            status: 200,
            reason: "x".into(),
        };
        assert_eq!(Refusal::of(&garbled), Refusal::Failed);
    }

    #[test]
    fn lines_start_ticked_and_shops_tick_all_their_available_lines() {
        let state = loaded(&[
            line("s1", "Batik", item("a", 10_000, 1, 9)),
            line("s1", "Batik", item("b", 20_000, 2, 9)),
            line("s1", "Batik", item("gone", 5_000, 1, 0)),
            line("s2", "Kopi", item("k", 1_000, 3, 1)),
        ]);
        let find = |state: &CartState, id: &str| {
            state
                .view()
                .shops
                .iter()
                .flat_map(|shop| &shop.items)
                .find(|item| item.variant_id == id)
                .cloned()
                .expect("the line")
        };
        assert_eq!(
            Availability::of(&find(&state, "gone")),
            Availability::SoldOut
        );
        assert_eq!(Availability::of(&find(&state, "k")), Availability::Short(1));
        assert!(state.is_selected(&find(&state, "a")));
        assert!(
            !state.is_selected(&find(&state, "gone")),
            "sold out lines cannot be ticked"
        );
        assert!(
            !state.is_selected(&find(&state, "k")),
            "nor lines above their stock"
        );
        assert_eq!(state.selected_total(), (3, Rupiah(50_000)));
        assert_eq!(
            state.selected_lines(),
            (vec!["a".to_owned(), "b".to_owned()], 1)
        );
        assert!(state.is_shop_selected(&state.view().shops[0]));
        assert!(
            !state.is_shop_selected(&state.view().shops[1]),
            "no available line"
        );

        let state = act(state, CartAction::ToggleLine("a".into()));
        assert!(!state.is_selected(&find(&state, "a")));
        assert!(!state.is_shop_selected(&state.view().shops[0]));
        assert_eq!(state.selected_total(), (2, Rupiah(40_000)));
        // Not all ticked: the shop ticks all.
        let state = act(state, CartAction::ToggleShop("s1".into()));
        assert_eq!(state.selected_total(), (3, Rupiah(50_000)));
        // All ticked: the shop unticks all.
        let state = act(state, CartAction::ToggleShop("s1".into()));
        assert_eq!(state.selected_total(), (0, Rupiah::ZERO));
        let state = act(state, CartAction::ToggleLine("b".into()));
        assert_eq!(state.selected_total(), (2, Rupiah(40_000)));
    }

    #[test]
    fn buying_now_sets_the_quantity_and_ticks_that_line_alone() {
        let state = loaded(&[
            line("s1", "Batik", item("a", 10_000, 1, 9)),
            line("s2", "Kopi", item("k", 1_000, 3, 9)),
        ]);
        let state = act(
            state,
            CartAction::BuyNow(line("s2", "Kopi", item("k", 1_000, 1, 9))),
        );
        assert_eq!(shown(&state), [("a".to_owned(), 1), ("k".to_owned(), 1)]);
        assert_eq!(state.selected_total(), (1, Rupiah(1_000)));
        assert_eq!(state.toast(), None, "the cart opens instead");

        let state = act(
            state,
            CartAction::BuyNow(line("s3", "Teh", item("t", 7_000, 2, 9))),
        );
        assert_eq!(state.selected_total(), (2, Rupiah(14_000)));
    }

    #[test]
    fn a_reload_paints_the_kept_copy_then_merges_the_servers_cart() {
        let kept = Stored {
            cart: (*cart(&[
                line("s1", "Batik", item("a", 10_000, 1, 9)),
                line("s1", "Batik", item("b", 20_000, 1, 9)),
                line("s2", "Kopi", item("k", 1_000, 1, 9)),
            ]))
            .clone(),
            unselected: vec!["b".into(), "k".into()],
        };
        let state = Rc::new(CartState::new(Some(kept.clone())));
        assert!(state.is_known(), "painted before the server answers");
        assert_eq!(state.count(), 3);
        assert_eq!(**state.view(), kept.cart);
        assert_eq!(state.unselected(), kept.unselected);

        // A change made before the server answered...
        let state = act(
            state,
            CartAction::SetQuantity {
                variant_id: "a".into(),
                quantity: 4,
            },
        );
        // ...survives the server's answer, in which k was bought elsewhere and
        // n was added on another device.
        let load = state.queue[0].id;
        let state = act(
            state,
            CartAction::Answered {
                id: load,
                result: Ok(cart(&[
                    line("s1", "Batik", item("a", 10_000, 1, 9)),
                    line("s1", "Batik", item("b", 20_000, 1, 9)),
                    line("s1", "Batik", item("n", 3_000, 1, 9)),
                ])),
            },
        );
        assert_eq!(
            shown(&state),
            [
                ("a".to_owned(), 4),
                ("b".to_owned(), 1),
                ("n".to_owned(), 1)
            ]
        );
        assert_eq!(state.unselected(), ["b"], "k is gone, so is its choice");
        assert_eq!(
            state.selected_total(),
            (5, Rupiah(43_000)),
            "n comes ticked"
        );
    }

    #[test]
    fn a_failed_load_is_an_error_only_while_nothing_is_known() {
        let offline = || Err(ApiError::Network("Failed to fetch".into()));
        let state = answer(Rc::new(CartState::new(None)), offline());
        assert!(state.load_error().is_some());
        assert!(state.is_offline());
        let state = answer(act(state, CartAction::Load), Ok(cart(&[])));
        assert!(state.load_error().is_none());

        let kept = Stored::default();
        let state = answer(Rc::new(CartState::new(Some(kept))), offline());
        assert!(
            state.load_error().is_none(),
            "the kept copy is shown instead"
        );
    }

    #[test]
    fn answers_and_dismissals_that_match_nothing_change_nothing() {
        let state = loaded(&[line("s1", "Batik", item("a", 10_000, 1, 9))]);
        let same = act(
            Rc::clone(&state),
            CartAction::Answered {
                id: 999,
                result: Ok(cart(&[])),
            },
        );
        assert!(Rc::ptr_eq(&same, &state));
        let state = act(state, CartAction::Remove("a".into()));
        let toast = state.toast().map(|toast| toast.id).expect("a toast");
        let same = act(Rc::clone(&state), CartAction::DismissToast(toast + 1));
        assert!(Rc::ptr_eq(&same, &state));
        let state = act(state, CartAction::DismissToast(toast));
        assert_eq!(state.toast(), None);
    }

    #[test]
    fn live_stock_flags_a_line_and_takes_it_off_the_total() {
        let state = loaded(&[
            line("s1", "Batik", item("a", 10_000, 2, 9)),
            line("s1", "Batik", item("b", 5_000, 1, 9)),
        ]);
        let restock = |state: Rc<CartState>, stock| {
            act(
                state,
                CartAction::Restock {
                    variant_id: "a".into(),
                    stock,
                },
            )
        };
        let state = restock(state, 1);
        let a = &state.view().shops[0].items[0];
        assert_eq!(Availability::of(a), Availability::Short(1));
        assert_eq!(state.selected_total(), (1, Rupiah(5_000)));
        let same = restock(Rc::clone(&state), 1);
        assert!(Rc::ptr_eq(&same, &state), "nothing new");
        let unknown = act(
            Rc::clone(&state),
            CartAction::Restock {
                variant_id: "zz".into(),
                stock: 0,
            },
        );
        assert!(Rc::ptr_eq(&unknown, &state));
        let state = restock(state, 0);
        assert_eq!(
            Availability::of(&state.view().shops[0].items[0]),
            Availability::SoldOut
        );
    }

    #[test]
    fn a_line_from_the_sheet_carries_the_variants_price_and_stock() {
        let product = ProductDetail {
            id: "p1".into(),
            name: "Kaos".into(),
            description: String::new(),
            image_urls: vec!["https://api.test/1.svg".into()],
            shop: shop("s1", "Batik"),
            sold_count: 0,
            options: vec![],
            variants: vec![],
        };
        let variant = Variant {
            id: "v1".into(),
            option_values: vec!["L".into()],
            price: Rupiah(25_000),
            original_price: Some(Rupiah(30_000)),
            stock: 4,
            weight_grams: 250,
        };
        let line = Line::of(&product, &variant, 3);
        assert_eq!(line.item.variant_id, "v1");
        assert_eq!(line.item.image_url, "https://api.test/1.svg");
        assert_eq!(line.item.line_total, Rupiah(75_000));
        assert_eq!(line.item.stock, 4);
        assert_eq!(line.shop.name, "Batik");
    }
}

//! [`Dock`]: the bottom of the video, where the showcase appears — drawn
//! by the first part, and kept up to date by the shop once it has arrived.
//!
//! The dock is the widget's `.root`: a layer holding a bar (the fold toggle
//! and the cart button) above the skeleton while loading, the error with a
//! retry, the empty notice, or the strip of cards. Folded, only the
//! creator's pinned product stays in view. The shop draws into two slots of
//! it (the cards over the bar, and its own cart button, decision 0010) and
//! hands it the live showcase with [`Dock::show`]; a card whose product
//! changes is redrawn in place, so focus and the strip's scroll stay. The
//! product on screen in the host's video, which the shop puts first
//! ([`Shelf::on_screen`]), says so on its card.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use etalase_contract::{Locale, ProductCard};
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};
use yew::{AttrValue, Callback};

use super::card::{card, fill_card};
use super::dom::{icon, replace_children, El};
use super::icons;
use crate::i18n::{count, Text};
use crate::state::failure::{explain, retryable, Subject};
use crate::state::remote::Remote;
use crate::state::shelf::Shelf;

/// How many placeholder cards to draw: enough to fill a phone's width.
const PLACEHOLDERS: usize = 3;

/// The id of what is under the bar (the strip, its skeleton or notice),
/// which the toggle shows and hides; one per shadow root.
const CARDS: &str = "etalase-cards";

/// The dock of one mounted widget.
pub struct Dock {
    me: Weak<Dock>,
    document: Document,
    root: Element,
    layer: Element,
    panel: Element,
    over: Element,
    end: Element,
    toggle: Element,
    now: RefCell<Now>,
    _toggled: EventListener,
}

/// What the dock shows, and where its taps go.
struct Now {
    state: Remote<Shelf>,
    locale: Locale,
    collapsed: bool,
    on_open: Callback<AttrValue>,
    on_retry: Callback<()>,
    /// Told once, when the showcase is first on screen.
    on_shown: Option<Callback<Rc<Shelf>>>,
    content: Content,
    cart: Option<(Element, EventListener)>,
}

/// The part of the dock under the bar.
enum Content {
    Nothing,
    Skeleton(Element),
    Notice {
        element: Element,
        _retry: Option<EventListener>,
    },
    Strip(Strip),
}

/// The strip of cards, each kept with the product it shows.
struct Strip {
    list: Element,
    cards: Vec<Card>,
    _tapped: EventListener,
}

/// A drawn card: its list item, its button, the product it shows and
/// whether it is drawn as the one on screen.
struct Card {
    product: Rc<ProductCard>,
    on_screen: bool,
    item: Element,
    button: Element,
}

impl PartialEq for Dock {
    /// One mount's dock equals only itself.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Dock {
    /// A dock in `document`, loading, in `locale`: `on_retry` loads the
    /// showcase again, `on_cart` opens the cart, and `on_shown` hears once,
    /// with the cards in the document, that the showcase is on screen —
    /// whether the first part or the shop drew it.
    pub fn new(
        document: &Document,
        locale: Locale,
        on_retry: Callback<()>,
        on_cart: Callback<()>,
        on_shown: Callback<Rc<Shelf>>,
    ) -> Rc<Dock> {
        let over = El::of(document, "div", "slot").0;
        let end = El::of(document, "div", "slot").0;
        let toggle = El::new(document, "button")
            .attr("type", "button")
            .attr("class", "toggle")
            .attr("aria-controls", CARDS)
            .attr("data-testid", "strip-toggle")
            .0;
        let bar = El::of(document, "div", "dock-bar")
            .child(toggle.clone())
            .child(end.clone());
        let panel = El::of(document, "div", "dock")
            .child(over.clone())
            .child(bar)
            .0;
        let layer = El::of(document, "div", "layer").child(panel.clone()).0;
        let root = El::of(document, "div", "root").child(layer.clone()).0;
        let dock = Rc::new_cyclic(|me: &Weak<Dock>| {
            let toggled = {
                let me = me.clone();
                EventListener::new(&toggle, "click", move |_| {
                    if let Some(dock) = me.upgrade() {
                        dock.toggle();
                    }
                })
            };
            Dock {
                me: me.clone(),
                document: document.clone(),
                root,
                layer,
                panel,
                over,
                end,
                toggle,
                now: RefCell::new(Now {
                    state: Remote::Loading,
                    locale,
                    collapsed: false,
                    on_open: Callback::noop(),
                    on_retry,
                    on_shown: Some(on_shown),
                    content: Content::Nothing,
                    cart: None,
                }),
                _toggled: toggled,
            }
        });
        dock.draw_cart_button(on_cart);
        dock.draw();
        dock
    }

    /// The widget's top element, `.root`, to put in the shadow root.
    pub fn root(&self) -> &Element {
        &self.root
    }

    /// Where the shop draws over the bar (a checkout's card, a live voucher).
    pub fn over(&self) -> Element {
        self.over.clone()
    }

    /// Where the shop draws its own cart button, which shows the count.
    pub fn cart_slot(&self) -> Element {
        self.end.clone()
    }

    /// Takes the first part's cart button away, once the shop's is there.
    pub fn remove_cart_button(&self) {
        if let Some((button, listener)) = self.now.borrow_mut().cart.take() {
            drop(listener);
            button.remove();
        }
    }

    /// Shows `state`; a card whose product is unchanged is left alone.
    pub fn show(&self, state: Remote<Shelf>) {
        self.now.borrow_mut().state = state;
        self.draw();
        let shown = {
            let mut now = self.now.borrow_mut();
            let now = &mut *now;
            match &now.state {
                Remote::Ready(shelf) => now.on_shown.take().map(|tell| (tell, Rc::clone(shelf))),
                _ => None,
            }
        };
        if let Some((tell, shelf)) = shown {
            tell.emit(shelf);
        }
    }

    /// Speaks `locale`: every text is drawn again.
    pub fn set_locale(&self, locale: Locale) {
        {
            let mut now = self.now.borrow_mut();
            if now.locale == locale {
                return;
            }
            now.locale = locale;
            // Drawn again from nothing, in the new words.
            let old = std::mem::replace(&mut now.content, Content::Nothing);
            if let Some(element) = element_of(&old) {
                element.remove();
            }
            if let Some((button, _)) = &now.cart {
                let _ = button.set_attribute("aria-label", Text::Cart.get(locale));
            }
        }
        self.draw();
    }

    /// Lets go of everything the dock calls and listens with, at `destroy`:
    /// a later part's callbacks hold its app, which holds the dock.
    pub fn clear(&self) {
        let mut now = self.now.borrow_mut();
        now.on_open = Callback::noop();
        now.on_retry = Callback::noop();
        now.on_shown = None;
        now.cart = None;
        let old = std::mem::replace(&mut now.content, Content::Nothing);
        if let Some(element) = element_of(&old) {
            element.remove();
        }
    }

    /// Tapping a card calls `on_open` with its product id from now on.
    pub fn on_open(&self, on_open: Callback<AttrValue>) {
        self.now.borrow_mut().on_open = on_open;
    }

    /// Keeps the dock from focus and taps while a sheet is up.
    pub fn set_inert(&self, inert: bool) {
        let _ = if inert {
            self.layer.set_attribute("inert", "")
        } else {
            self.layer.remove_attribute("inert")
        };
    }

    fn toggle(&self) {
        {
            let mut now = self.now.borrow_mut();
            now.collapsed = !now.collapsed;
        }
        self.draw();
    }

    /// The first part's cart button, without a count (the shop brings it).
    fn draw_cart_button(&self, on_cart: Callback<()>) {
        let locale = self.now.borrow().locale;
        let button = El::new(&self.document, "button")
            .attr("type", "button")
            .attr("class", "cart-button")
            .attr("data-testid", "cart-button")
            .attr("aria-label", Text::Cart.get(locale))
            .child(
                El::of(&self.document, "span", "pill round")
                    .attr("aria-hidden", "true")
                    .child(icon(&self.document, icons::BAG, None)),
            )
            .0;
        let _ = self.end.append_child(&button);
        let listener = EventListener::new(&button, "click", move |_| on_cart.emit(()));
        self.now.borrow_mut().cart = Some((button, listener));
    }

    /// Draws the toggle and what is under the bar for the current state.
    fn draw(&self) {
        let mut now = self.now.borrow_mut();
        let now = &mut *now;
        let locale = now.locale;
        let _ = self.root.set_attribute("lang", locale.tag());
        self.draw_toggle(&now.state, now.collapsed, locale);
        let wanted: Option<Vec<Rc<ProductCard>>> = match &now.state {
            Remote::Ready(shelf) if now.collapsed => shelf.lead().map(|p| vec![Rc::clone(p)]),
            _ if now.collapsed => None,
            Remote::Ready(shelf) if !shelf.cards.is_empty() => Some(shelf.cards.clone()),
            _ => None,
        };
        let on_screen = match &now.state {
            Remote::Ready(shelf) => shelf.on_screen.as_deref(),
            _ => None,
        };
        if let (Some(cards), Content::Strip(strip)) = (&wanted, &mut now.content) {
            self.patch_strip(strip, cards, on_screen, locale);
            return;
        }
        let content = match (&now.state, wanted) {
            (_, Some(cards)) => Content::Strip(self.strip(&cards, on_screen, locale)),
            _ if now.collapsed => Content::Nothing,
            (Remote::Idle | Remote::Loading, None) => match &now.content {
                Content::Skeleton(list) => Content::Skeleton(list.clone()),
                _ => Content::Skeleton(self.skeleton(locale)),
            },
            (Remote::Failed(error), None) => {
                let retry = retryable(error, Subject::Showcase);
                let notice = El::of(&self.document, "div", "notice")
                    .attr("role", "alert")
                    .attr("data-testid", "error")
                    .child(
                        El::new(&self.document, "p")
                            .text(explain(error, Subject::Showcase).get(locale)),
                    );
                let (notice, listener) = if retry {
                    let button = retry_button(&self.document, locale).0;
                    let on_retry = now.on_retry.clone();
                    let listener = EventListener::new(&button, "click", move |_| on_retry.emit(()));
                    (notice.child(button).0, Some(listener))
                } else {
                    (notice.0, None)
                };
                Content::Notice {
                    element: notice,
                    _retry: listener,
                }
            }
            (Remote::Ready(_), None) => {
                let empty = El::of(&self.document, "p", "notice is-quiet")
                    .attr("data-testid", "empty")
                    .text(Text::ShowcaseEmpty.get(locale));
                Content::Notice {
                    element: empty.0,
                    _retry: None,
                }
            }
        };
        let old = std::mem::replace(&mut now.content, content);
        if let Some(element) = element_of(&old) {
            element.remove();
        }
        if let Some(element) = element_of(&now.content) {
            let _ = element.set_attribute("id", CARDS);
            let _ = self.panel.append_child(element);
        }
    }

    /// The toggle, named by what it shows ("Produk 8") so a voice user can
    /// say it, and telling whether the cards are out.
    fn draw_toggle(&self, state: &Remote<Shelf>, collapsed: bool, locale: Locale) {
        let expanded = if collapsed { "false" } else { "true" };
        let _ = self.toggle.set_attribute("aria-expanded", expanded);
        let mut pill =
            El::of(&self.document, "span", "pill").text(Text::ProductsToggle.get(locale));
        if let Remote::Ready(shelf) = state {
            let products = u32::try_from(shelf.cards.len()).unwrap_or(u32::MAX);
            pill = pill
                .child(El::of(&self.document, "span", "pill-count").text(&count(locale, products)));
        }
        let pill = pill.child(icon(&self.document, icons::CHEVRON, Some("chevron")));
        replace_children(&self.toggle, &[pill.0]);
    }

    /// Placeholder cards with the real cards' classes, so nothing moves
    /// when the real ones arrive.
    fn skeleton(&self, locale: Locale) -> Element {
        let document = &self.document;
        let placeholder = || {
            let bar = |class| El::of(document, "span", class);
            El::new(document, "li").attr("aria-hidden", "true").child(
                El::of(document, "div", "card")
                    .child(El::of(document, "span", "media"))
                    .child(El::of(document, "span", "card-body").children([
                        bar("name bar"),
                        bar("price-row bar"),
                        bar("shop bar short"),
                    ])),
            )
        };
        El::of(document, "ul", "strip skeleton")
            .attr("data-testid", "skeleton")
            .attr("aria-busy", "true")
            .attr("aria-label", Text::LoadingProducts.get(locale))
            .children((0..PLACEHOLDERS).map(|_| placeholder()))
            .0
    }

    /// A scroll-snapping list of `cards`, as wide as its cards and no wider,
    /// so the video stays tappable beside a short showcase.
    fn strip(&self, cards: &[Rc<ProductCard>], on_screen: Option<&str>, locale: Locale) -> Strip {
        let list = El::of(&self.document, "ul", "strip")
            .attr("aria-label", Text::ProductsInStream.get(locale))
            .0;
        let me = self.me.clone();
        let tapped = EventListener::new(&list, "click", move |event| {
            let id = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest("[data-product-id]").ok().flatten())
                .and_then(|card| card.get_attribute("data-product-id"));
            if let (Some(id), Some(dock)) = (id, me.upgrade()) {
                let on_open = dock.now.borrow().on_open.clone();
                on_open.emit(AttrValue::from(id));
            }
        });
        let mut strip = Strip {
            list,
            cards: Vec::new(),
            _tapped: tapped,
        };
        self.patch_strip(&mut strip, cards, on_screen, locale);
        strip
    }

    /// Brings `strip` to `cards`: an unchanged card is left alone, a changed
    /// one redrawn in its element, new ones added, gone ones removed, all
    /// in order, the card of `on_screen` badged. A card that becomes the
    /// pinned one, or the one on screen, leads the strip, which scrolls back
    /// to its start, as it does when that ends (the card goes back to its
    /// place, the strip to its first cards).
    fn patch_strip(
        &self,
        strip: &mut Strip,
        cards: &[Rc<ProductCard>],
        on_screen: Option<&str>,
        locale: Locale,
    ) {
        let mut old = std::mem::take(&mut strip.cards);
        let mut pin_moved = false;
        let mut previous: Option<Element> = None;
        for product in cards {
            let kept = old
                .iter()
                .position(|card| card.product.id == product.id)
                .map(|index| old.swap_remove(index));
            let shown = on_screen == Some(&*product.id);
            let card = match kept {
                Some(mut card) => {
                    if card.product != *product || card.on_screen != shown {
                        pin_moved |= product.pinned != card.product.pinned;
                        pin_moved |= shown != card.on_screen;
                        fill_card(&self.document, &card.button, product, shown, locale);
                        card.product = Rc::clone(product);
                        card.on_screen = shown;
                    }
                    card
                }
                None => {
                    let button = card(&self.document, product, shown, locale);
                    let item = El::new(&self.document, "li").child(button.clone()).0;
                    Card {
                        product: Rc::clone(product),
                        on_screen: shown,
                        item,
                        button,
                    }
                }
            };
            let class = if shown {
                Some("is-on-screen")
            } else if product.pinned {
                Some("is-pinned")
            } else {
                None
            };
            let _ = match class {
                Some(class) => card.item.set_attribute("class", class),
                None => card.item.remove_attribute("class"),
            };
            let placed = card.item.parent_element().as_ref() == Some(&strip.list)
                && card.item.previous_element_sibling() == previous;
            if !placed {
                let next = match &previous {
                    Some(previous) => previous.next_sibling(),
                    None => strip.list.first_child(),
                };
                let _ = strip.list.insert_before(&card.item, next.as_ref());
            }
            previous = Some(card.item.clone());
            strip.cards.push(card);
        }
        for gone in old {
            gone.item.remove();
        }
        if pin_moved {
            strip.list.set_scroll_left(0);
        }
    }
}

/// The element `content` shows, if any.
fn element_of(content: &Content) -> Option<&Element> {
    match content {
        Content::Nothing => None,
        Content::Skeleton(element) | Content::Notice { element, .. } => Some(element),
        Content::Strip(strip) => Some(&strip.list),
    }
}

/// A "try again" button.
pub fn retry_button(document: &Document, locale: Locale) -> El {
    El::new(document, "button")
        .attr("type", "button")
        .attr("class", "retry")
        .attr("data-testid", "retry")
        .text(Text::Retry.get(locale))
}

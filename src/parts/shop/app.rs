//! [`Shop`]: the shopper's widget once the shop part has arrived — the
//! dock with its live order and cart button, the product, cart, checkout
//! and orders sheets, the toasts, and the host's commands.
//!
//! The first part keeps what it started before: the API client, the
//! showcase and its `ready` event, and the dock with its cards, which the
//! shop keeps up to date (the live order, pin and stock, and the product
//! on screen in the host's video first) and draws into: its cart button
//! with the count, and over the bar a stream still to come with its
//! countdown, the viewers' count and purchase ticker, a checkout's card and
//! a live voucher.
//! Tapping a card opens the product sheet, which loads that product
//! (skeleton → detail or error with retry); "Add to cart" puts the chosen
//! line in the cart at once, "Buy now" does too and opens the checkout with
//! that line alone. At most one sheet is up; each closes on its button, the
//! backdrop or Escape, and the host can open and close them through its
//! handle. The cart loads and the live feed connects once the first cards
//! are shown; the feed's pin, order and stock are laid over the loaded
//! cards, the open product and the cart.

use std::cell::Cell;
use std::rc::Rc;

use etalase_contract::{DealEvent, FeedEvent, PaymentMethod, StreamEvent};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{new_key, ApiClient};
use crate::components::cart_button;
use crate::embed::controls::Command;
use crate::embed::events::WidgetEvent;
use crate::hooks::{use_error_event, use_live};
use crate::parts::monotonic;
use crate::parts::shop::components::{
    cart_sheet, checkout_sheet, mini_card, offline_banner, orders_sheet, other_videos,
    product_sheet, social_proof, upcoming_banner, voucher_said, CartPanel, CheckoutPanel,
    DealBanner, LiveVoucherBanner, MiniCard, OrdersPanel, ProductPanel, Resuming, ToastBar,
    UpcomingBanner,
};
use crate::parts::shop::hooks::{
    use_cart, use_checkout, use_claims, use_controls, use_deal_clock, use_online, use_order_focus,
    use_orders, use_playback, use_product, use_product_videos, use_ticker, use_upcoming,
};
use crate::parts::shop::state::cart::{CartAction, Line, ToastKind};
use crate::parts::shop::state::checkout::{CheckoutAction, Placed, Placing};
use crate::parts::shop::state::deals::{DealAction, Deals, Heard};
use crate::parts::shop::state::sheet::{Panel, Sheet, SheetAction};
use crate::parts::shop::state::tags::with_on_screen;
use crate::parts::slot::Overlay;
use crate::parts::ShopProps;
use crate::state::remote::Remote;

/// The shopper's widget over the first part's dock: the sheets, the toasts
/// and what it draws into the dock.
#[function_component]
pub fn Shop(props: &ShopProps) -> Html {
    let ShopProps {
        config,
        on_event,
        controls,
        client,
        shown,
        ..
    } = props;
    let shown = *shown;
    let locale = config.locale;
    let stream_id = use_memo(config.stream_id.clone(), |id| AttrValue::from(id.clone()));
    let showcase = crate::hooks::Fetch {
        state: props.showcase.clone(),
        retry: props.on_retry.clone(),
    };
    let sheet = use_reducer(Sheet::default);
    let product = use_product(Rc::clone(client), sheet.product_id.clone());
    let videos = use_product_videos(Rc::clone(client), sheet.product_id.clone());
    let on_video = use_callback(on_event.clone(), |(stream_id, second), on_event| {
        on_event.emit(WidgetEvent::VideoRequested { stream_id, second });
    });
    // The cart loads once the first cards are shown, or the showcase failed.
    let cart_enabled = shown || matches!(showcase.state, Remote::Failed(_));
    let cart = use_cart(
        Rc::clone(client),
        (*stream_id).clone(),
        cart_enabled,
        on_event,
    );
    let checkout = {
        let reload = cart.dispatcher();
        let on_placed = Callback::from(move |()| reload.dispatch(CartAction::Load));
        use_checkout(
            Rc::clone(client),
            cart_enabled,
            cart.is_settled(),
            on_event,
            on_placed,
        )
    };
    // The live feed: from the first cards on, reconnected afresh after `setToken`.
    let generation = use_state_eq(|| 0_u32);
    // The flash deals, each stamped on arrival by the page's monotonic clock.
    let deals = use_reducer(Deals::default);
    // The vouchers already live when the feed (re)connected: there before
    // the viewer, they are shown but not said as new.
    let known_vouchers = use_mut_ref(Vec::<String>::new);
    let (live, social) = {
        let (on_stock, on_deal) = (cart.dispatcher(), deals.dispatcher());
        let known = known_vouchers.clone();
        let following = checkout.state.dispatcher();
        let on_stream_event = Callback::from(move |event| match event {
            FeedEvent::Stream(StreamEvent::Stock {
                variant_id,
                variant_stock,
                ..
            }) => on_stock.dispatch(CartAction::Restock {
                variant_id,
                stock: variant_stock,
            }),
            FeedEvent::Stream(StreamEvent::Snapshot { vouchers, .. }) => {
                *known.borrow_mut() = vouchers.into_iter().map(|voucher| voucher.code).collect();
                on_deal.dispatch(DealAction::Snapshot);
            }
            FeedEvent::Stream(_) => {}
            FeedEvent::Deal(DealEvent::Deal(deal)) => {
                following.dispatch(CheckoutAction::DealHeard(deal.clone()));
                on_deal.dispatch(DealAction::Heard(Heard {
                    deal,
                    at_ms: monotonic::now_ms(),
                }));
            }
        });
        let stream_id = (*stream_id).clone();
        use_live(
            Rc::clone(client),
            stream_id,
            shown,
            *generation,
            on_event,
            on_stream_event,
        )
    };
    use_ticker(&social);
    // A stream still to come: its countdown over the cards, and "Ingatkan
    // saya", which the host hears as `remind_me`.
    let upcoming = use_upcoming(client, shown);
    let counting = upcoming.as_ref().is_some_and(|upcoming| {
        let streams = &upcoming.list.streams;
        streams.iter().any(|stream| stream.id == config.stream_id)
    });
    let now_ms = use_deal_clock(counting);
    let reminded = use_state_eq(Vec::<String>::new);
    let to_come = upcoming
        .as_ref()
        .and_then(|upcoming| upcoming.find(&config.stream_id, now_ms))
        .map(|(stream, left)| (stream.clone(), left, reminded.contains(&stream.id)));
    let arranged = {
        let loaded = match &showcase.state {
            Remote::Ready(shelf) => Some(Rc::clone(shelf)),
            _ => None,
        };
        // The cards follow the deals' word on the units they hold.
        use_memo(
            (loaded, live.clone(), deals.clone()),
            |(loaded, live, deals)| {
                loaded
                    .as_ref()
                    .map(|loaded| live.arrange(loaded, |id| deals.units_held(id)))
            },
        )
    };
    {
        // The feed named a product the loaded showcase lacks: load it again
        // (the cards stay on screen meanwhile).
        let stale = arranged
            .as_ref()
            .as_ref()
            .is_some_and(|arranged| arranged.stale);
        let refresh = showcase.retry.clone();
        use_effect_with(stale, move |stale| {
            if *stale {
                refresh.emit(());
            }
        });
    }
    let (claims, on_claim) = use_claims(Rc::clone(client), (*stream_id).clone(), on_event);
    let online = use_online();
    let orders = use_orders(Rc::clone(client), sheet.is_open(Panel::Orders));
    let picked_order = use_state_eq(|| None::<String>);
    let cart_button_ref = use_node_ref();
    use_order_focus((*picked_order).clone(), cart_button_ref.clone());
    // An order waiting for payment, picked in the history: its payment read,
    // then shown in the checkout's sheet to pay or cancel.
    let resuming = use_state_eq(Resuming::default);
    let on_pay_order = {
        let (client, history, resuming) =
            (Rc::clone(client), orders.state.clone(), resuming.setter());
        let (dispatcher, sheets) = (checkout.state.dispatcher(), sheet.dispatcher());
        Callback::from(move |order_id: String| {
            let Remote::Ready(history) = &history else {
                return;
            };
            let Some(order) = history.iter().find(|order| order.id == order_id) else {
                return;
            };
            let order_ids = history
                .iter()
                .filter(|other| other.checkout_id == order.checkout_id)
                .map(|other| other.id.clone())
                .collect();
            let (checkout_id, payment_id) = (order.checkout_id.clone(), order.payment_id.clone());
            let (client, resuming) = (Rc::clone(&client), resuming.clone());
            let (dispatcher, sheets) = (dispatcher.clone(), sheets.clone());
            resuming.set(Resuming::Loading);
            spawn_local(async move {
                match client.payment(&payment_id).await {
                    Ok(payment) => {
                        dispatcher.dispatch(CheckoutAction::ShowPlaced(Placed {
                            checkout_id,
                            order_ids,
                            payment: Rc::new(payment),
                            orders: None,
                        }));
                        resuming.set(Resuming::Idle);
                        sheets.dispatch(SheetAction::OpenCheckout);
                    }
                    Err(_) => resuming.set(Resuming::Failed),
                }
            });
        })
    };
    use_error_event(&product.state, on_event);
    // The host's video by the second: the product on screen leads the
    // cards, and a product opened records the second it was opened at.
    let (playback, on_screen) = use_playback(client, controls, &config.stream_id);
    let opened_at = use_mut_ref(|| None::<u32>);

    let on_open = {
        let dispatcher = sheet.dispatcher();
        let (controls, opened_at) = (Rc::clone(controls), opened_at.clone());
        use_callback((), move |product_id: AttrValue, ()| {
            *opened_at.borrow_mut() = controls.playback();
            dispatcher.dispatch(SheetAction::Open(product_id));
        })
    };
    {
        // Viewed once the sheet shows the product: a product that does not
        // exist (a host's `open()` of a stale id) is an `error`, not a view.
        let viewed = match &product.state {
            Remote::Ready(detail) if sheet.is_open(Panel::Product) => Some(detail.id.clone()),
            _ => None,
        };
        let on_event = on_event.clone();
        use_effect_with(viewed, move |viewed| {
            if let Some(product_id) = viewed {
                on_event.emit(WidgetEvent::ProductViewed {
                    product_id: product_id.clone(),
                });
            }
        });
    }
    // Plain callbacks, not memoised ones: each `use_callback` is a hook's
    // worth of wasm, and what takes these re-renders cheaply.
    let on_sheet = {
        let dispatcher = sheet.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    let on_close = on_sheet.reform(|()| SheetAction::Close);
    let on_open_cart = on_sheet.reform(|()| SheetAction::OpenCart);
    let on_cart_action = {
        let dispatcher = cart.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    // A line from the product's sheet records the second it was opened at.
    let from_sheet = {
        let (playback, opened_at) = (Rc::clone(&playback), opened_at.clone());
        move |mut line: Line| {
            line.opened_at = playback.recorded(&line.item.product_id, *opened_at.borrow());
            line
        }
    };
    // Browsing with the publishable key: the viewer has not signed in (read
    // at each render; `setToken` re-renders through the cart's load).
    let browsing = client.is_browsing();
    // A checkout the viewer started while browsing: it starts once they
    // have signed in, so the host hears `checkout_started` of a shopper.
    let waiting = use_mut_ref(|| None::<Waiting>);
    let on_add = {
        let (from_sheet, on_cart_action) = (from_sheet.clone(), on_cart_action.clone());
        let client = Rc::clone(client);
        Callback::from(move |line| {
            let line = from_sheet(line);
            if client.is_browsing() {
                on_cart_action.emit(CartAction::AddBrowsing(line));
                // Each tap asks the host: the viewer may have dismissed its
                // sign-in before and changed their mind.
                client.ask_again();
                say_sign_in_later(&client, &on_cart_action, false);
            } else {
                on_cart_action.emit(CartAction::Add(line));
            }
        })
    };
    let on_checkout_action = {
        let dispatcher = checkout.state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    // Checking out `variant_ids` (from `shops` shops): the host hears it,
    // and the checkout sheet comes up.
    let start_checkout = {
        let (on_checkout_action, on_sheet) = (on_checkout_action.clone(), on_sheet.clone());
        let (on_event, stream_id) = (on_event.clone(), config.stream_id.clone());
        let (on_cart_action, toast) = (on_cart_action.clone(), cart.toast().map(|t| t.id));
        let claimed = claims.claimed();
        Callback::from(
            move |(variant_ids, units, shops): (Vec<String>, u32, u32)| {
                // "Added to cart" has been read: it would cover the checkout.
                if let Some(toast) = toast {
                    on_cart_action.emit(CartAction::DismissToast(toast));
                }
                on_event.emit(WidgetEvent::CheckoutStarted {
                    item_count: units,
                    shop_count: shops,
                });
                on_checkout_action.emit(CheckoutAction::Start {
                    variant_ids,
                    stream_id: Some(stream_id.clone()),
                });
                // Live vouchers the shopper claimed apply at once; one that
                // does not fit comes off with its reason.
                for code in &claimed {
                    on_checkout_action.emit(CheckoutAction::ApplyVoucher(code.clone()));
                }
                on_sheet.emit(SheetAction::OpenCheckout);
            },
        )
    };
    let on_buy = {
        let (on_cart_action, start_checkout) = (on_cart_action.clone(), start_checkout.clone());
        let signing_in_said = matches!(
            cart.toast().map(|toast| &toast.kind),
            Some(ToastKind::SignIn { .. })
        );
        let (client, waiting) = (Rc::clone(client), waiting.clone());
        Callback::from(move |line: Line| {
            let line = from_sheet(line);
            let units = line.item.quantity;
            let variant_ids = vec![line.item.variant_id.clone()];
            on_cart_action.emit(CartAction::BuyNow(line));
            if client.is_browsing() {
                client.ask_again();
                if signing_in_said {
                    // The viewer already reads that a sign-in is awaited.
                    on_cart_action.emit(CartAction::AwaitSignIn { buying: true });
                } else {
                    say_sign_in_later(&client, &on_cart_action, true);
                }
                waiting.replace(Some(Waiting::Checkout(variant_ids, units)));
            } else {
                start_checkout.emit((variant_ids, units, 1));
            }
        })
    };
    let on_checkout = {
        let (variant_ids, shops) = cart.selected_lines();
        let (units, _) = cart.selected_total();
        let start_checkout = start_checkout.clone();
        Callback::from(move |()| start_checkout.emit((variant_ids.clone(), units, shops)))
    };
    // "Buy" on a flash deal: straight to the checkout with the deal's line.
    let on_buy_deal = {
        let (on_checkout_action, on_sheet) = (on_checkout_action.clone(), on_sheet.clone());
        let (on_event, stream_id) = (on_event.clone(), config.stream_id.clone());
        let (client, waiting) = (Rc::clone(client), waiting.clone());
        Callback::from(move |deal_id: String| {
            if client.is_browsing() {
                client.ask_again();
                waiting.replace(Some(Waiting::Deal(deal_id)));
                return;
            }
            on_event.emit(WidgetEvent::CheckoutStarted {
                item_count: 1,
                shop_count: 1,
            });
            on_checkout_action.emit(CheckoutAction::StartDeal {
                deal_id,
                stream_id: Some(stream_id.clone()),
            });
            on_sheet.emit(SheetAction::OpenCheckout);
        })
    };
    {
        // Signed in: the checkout started while browsing goes on by itself.
        let (waiting, start_checkout, on_buy_deal) =
            (waiting.clone(), start_checkout.clone(), on_buy_deal.clone());
        use_effect_with(browsing, move |browsing| {
            match waiting.take().filter(|_| !*browsing) {
                Some(Waiting::Checkout(variant_ids, units)) => {
                    start_checkout.emit((variant_ids, units, 1));
                }
                Some(Waiting::Deal(deal_id)) => on_buy_deal.emit(deal_id),
                None => {}
            }
        });
    }
    // The toast said last, by whichever bar: one carried along is not said again.
    let toast_said = use_memo((), |()| Cell::new(None::<u32>));
    let on_undo = on_cart_action.reform(CartAction::Undo);
    let on_dismiss = on_cart_action.reform(CartAction::DismissToast);

    let on_command = {
        let generation = generation.clone();
        let private = matches!(sheet.panel, Some(Panel::Checkout | Panel::Orders));
        let on_checkout_action = on_checkout_action.clone();
        let (client, on_open) = (Rc::clone(client), on_open.clone());
        let (on_sheet, on_cart_action) = (on_sheet.clone(), on_cart_action.clone());
        Callback::from(move |command| match command {
            Command::Open(product_id) => on_open.emit(AttrValue::from(product_id)),
            Command::OpenCart => on_sheet.emit(SheetAction::OpenCart),
            Command::Close => on_sheet.emit(SheetAction::Close),
            // A failed showcase is the first part's to load again.
            Command::SetToken(token) => {
                if token.is_none() && client.is_signed_in() {
                    // Signed out: the shopper's cart, checkout and orders
                    // are no one's now; their sheet closes and they go.
                    if private {
                        on_sheet.emit(SheetAction::Close);
                    }
                    on_checkout_action.emit(CheckoutAction::SignedOut);
                }
                let signing_out = token.is_none() && client.is_signed_in();
                client.set_token(token.as_deref());
                on_cart_action.emit(if signing_out {
                    CartAction::SignedOut
                } else {
                    CartAction::Load
                });
                generation.set(generation.wrapping_add(1));
            }
        })
    };
    use_controls(controls, on_command, sheet.panel, on_event);

    // Browsing (signed out included), the cart is no one's yet: no count.
    let count = (cart.is_known() && !browsing).then(|| cart.count());
    // The flash deals to show, each with its product's card when the showcase has it.
    let shown_deals: Vec<_> = deals
        .shown()
        .into_iter()
        .cloned()
        .map(|heard| {
            let product = (*arranged).as_ref().and_then(|arranged| {
                arranged
                    .shelf
                    .cards
                    .iter()
                    .find(|card| card.id == heard.deal.product_id)
                    .cloned()
            });
            (heard, product)
        })
        .collect();
    // Over the video, above the cards: the placed checkout's payment.
    // Every live voucher still claimable, newest first, each to claim in one tap.
    let vouchers: Vec<_> = live
        .vouchers()
        .iter()
        .map(|voucher| (voucher.clone(), claims.of(&voucher.code)))
        .collect();
    let voucher = vouchers
        .iter()
        .map(|(voucher, claim)| {
            html! {
                <LiveVoucherBanner key={voucher.code.clone()} voucher={voucher.clone()} claim={*claim} {locale} on_claim={on_claim.clone()} />
            }
        })
        .collect::<Html>();
    // Said aloud from a region always on the page, as the newest arrives.
    let voucher_said = vouchers
        .first()
        .filter(|(voucher, _)| !known_vouchers.borrow().contains(&voucher.code))
        .map(|(voucher, _)| voucher_said(voucher, locale))
        .unwrap_or_default();
    let voucher = html! {
        <>
            { voucher }
            <p class="sr" aria-live="polite" data-testid="voucher-said">{ voucher_said }</p>
        </>
    };
    let mini = checkout
        .state
        .placed()
        .map(|placed| {
            mini_card(&MiniCard {
                status: placed.payment.status,
                amount: placed.payment.amount,
                expires_at: (placed.payment.method != PaymentMethod::Cod)
                    .then(|| AttrValue::from(placed.payment.expires_at.clone())),
                locale,
                on_open: on_sheet.reform(|()| SheetAction::OpenCheckout),
            })
        })
        .unwrap_or_default();
    {
        // The dock shows the showcase with the feed laid over it.
        let dock = Rc::clone(&props.dock);
        // The product on screen in the host's video leads.
        let shown = match (*arranged).as_ref() {
            Some(arranged) => Remote::Ready(with_on_screen(&arranged.shelf, on_screen.as_deref())),
            None => showcase.state.clone(),
        };
        use_effect_with(shown, move |shown| dock.show(shown.clone()));
    }
    {
        let dock = Rc::clone(&props.dock);
        use_effect_with(on_open.clone(), move |on_open| {
            dock.on_open(on_open.clone())
        });
    }
    // The dock is inert while a sheet is up. Set while rendering, not in an
    // effect: a closing sheet gives focus back to the dock's cart button in
    // its own effect, which Yew runs before its parent's, and the button
    // must not be inert by then. Setting it again is harmless.
    props.dock.set_inert(sheet.panel.is_some());
    // The toasts go into the sheet that is up, between its body and its
    // footer, where they cover no control; above the dock's bar, in the
    // dock's own column, when none is.
    let toasts = html! { <ToastBar toast={cart.toast().cloned()} {locale} on_undo={on_undo.clone()} on_dismiss={on_dismiss.clone()} said={Rc::clone(&toast_said)} /> };
    // The connection's status goes with them into the open sheet, where a
    // screen reader kept inside the modal sheet reaches it; over the cards
    // when no sheet is open.
    let offline = offline_banner(!online || cart.is_offline(), locale);
    let toast_in = |panel: Panel| {
        if sheet.is_open(panel) {
            html! { <>{ toasts.clone() }{ offline.clone() }</> }
        } else {
            Html::default()
        }
    };
    let panel = ProductPanel {
        open: sheet.is_open(Panel::Product),
        state: match product.state {
            Remote::Ready(product) => Remote::Ready(live.restock(&product)),
            other => other,
        },
        locale,
        on_close: on_close.clone(),
        on_retry: product.retry,
        on_add,
        on_buy,
        deal: sheet
            .product_id
            .as_deref()
            .and_then(|id| deals.offered(id))
            .cloned(),
        on_buy_deal: on_buy_deal.clone(),
        toast: toast_in(Panel::Product),
        others: match &videos.state {
            Remote::Ready(list) => other_videos(list, &config.stream_id, locale, &on_video),
            _ => Html::default(),
        },
    };
    let checkout_panel = CheckoutPanel {
        open: sheet.is_open(Panel::Checkout),
        state: &checkout.state,
        locale,
        on_action: on_checkout_action.clone(),
        on_place: on_checkout_action.reform(|()| CheckoutAction::Place { key: new_key() }),
        on_confirm: on_checkout_action
            .reform(|()| CheckoutAction::ConfirmChange { key: new_key() }),
        client: Rc::clone(client),
        on_save_address: checkout.save_address,
        on_check: checkout.check,
        checked: checkout.checked,
        on_open_wallet: {
            let on_event = on_event.clone();
            Callback::from(move |deeplink| on_event.emit(WidgetEvent::OpenWallet { deeplink }))
        },
        on_edit_cart: on_open_cart.clone(),
        on_close: on_close.clone(),
        fallback: cart_button_ref.clone(),
        toast: toast_in(Panel::Checkout),
        deal: checkout
            .state
            .deal_id
            .as_deref()
            .and_then(|id| deals.heard(id))
            .cloned(),
    };
    {
        // Back online after a failed attempt: send it again at once.
        let retry = online
            && matches!(checkout.state.placing(), Some(Placing::Failed { error, .. }) if error.code() == "network");
        let dispatcher = checkout.state.dispatcher();
        use_effect_with(retry, move |retry| {
            if *retry {
                dispatcher.dispatch(CheckoutAction::RetryPlace);
            }
        });
    }
    {
        // Into the dock: a checkout's card and a live voucher over the bar,
        // and the cart button with its count in place of the first part's.
        let dock = Rc::clone(&props.dock);
        let slots = use_memo((), move |()| {
            let over = Overlay::new(&dock.over(), "over the dock");
            let first = Rc::clone(&dock);
            let replaced = move || first.remove_cart_button();
            (
                over,
                Overlay::replacing(&dock.cart_slot(), "cart button", replaced),
            )
        });
        // Drawn again when what they show changes, not at every render of
        // the shop (their callbacks reach dispatchers that never change).
        let banners = shown_deals
            .iter()
            .cloned()
            .map(|(heard, product)| {
                let key = heard.deal.id.clone();
                html! { <DealBanner {key} {heard} {product} client={Rc::clone(client)} {locale} on_buy={on_buy_deal.clone()} /> }
            })
            .collect::<Html>();
        // Always there, empty while a sheet shows the toasts: a list of the
        // same shape keeps the checkout's card the same element, for focus
        // to come back to it when the sheet closes.
        let floating = sheet
            .panel
            .is_none()
            .then(|| cart.toast().cloned())
            .flatten();
        let floating = html! { <ToastBar toast={floating} {locale} on_undo={on_undo.clone()} on_dismiss={on_dismiss.clone()} said={Rc::clone(&toast_said)} /> };
        let social_shown = (*social).clone();
        let coming = to_come.as_ref().map(|(stream, seconds_left, done)| {
            let on_remind = {
                let (on_event, reminded) = (on_event.clone(), reminded.clone());
                let (stream_id, starts_at) = (stream.id.clone(), stream.starts_at.clone());
                Callback::from(move |()| {
                    on_event.emit(WidgetEvent::RemindMe {
                        stream_id: stream_id.clone(),
                        starts_at: starts_at.clone(),
                    });
                    let mut ids = (*reminded).clone();
                    ids.push(stream_id.clone());
                    reminded.set(ids);
                })
            };
            upcoming_banner(&UpcomingBanner {
                seconds_left: *seconds_left,
                reminded: *done,
                locale,
                on_remind,
            })
        });
        let over = html! { <>{ for coming }{ social_proof(&social_shown, locale) }{ banners }{ voucher }{ mini }{ floating }</> };
        let over_shows = (
            shown_deals,
            vouchers,
            checkout.state.placed().map(|placed| {
                let payment = &placed.payment;
                (
                    payment.status,
                    payment.amount,
                    payment.method,
                    payment.expires_at.clone(),
                )
            }),
            locale,
            sheet.panel.is_none().then(|| cart.toast().cloned()),
            social_shown,
            to_come,
        );
        let shown = Rc::clone(&slots);
        use_effect_with(over_shows, move |_| shown.0.show(over));
        let bag = cart_button(count, locale, &on_open_cart, &cart_button_ref);
        let shown = Rc::clone(&slots);
        use_effect_with((count, locale), move |_| shown.1.show(bag));
        use_effect_with((), move |()| {
            move || {
                slots.0.release();
                slots.1.release();
            }
        });
    }
    html! {
        <>
            if shown || sheet.panel.is_some() {
                { product_sheet(&panel) }
                { cart_sheet(&CartPanel {
                    open: sheet.is_open(Panel::Cart),
                    cart: &cart,
                    locale,
                    on_close: on_close.clone(),
                    on_action: on_cart_action.clone(),
                    on_checkout,
                    on_orders: on_sheet.reform(|()| SheetAction::OpenOrders),
                    fallback: cart_button_ref.clone(),
                    toast: toast_in(Panel::Cart),
                    signed_out: browsing,
                    on_sign_in: { let client = Rc::clone(client); Callback::from(move |()| client.ask_again()) },
                }) }
                { checkout_sheet(&checkout_panel) }
                { orders_sheet(&OrdersPanel {
                    open: sheet.is_open(Panel::Orders),
                    orders: &orders.state,
                    selected: picked_order.as_deref(),
                    locale,
                    on_select: { let picked = picked_order.setter(); Callback::from(move |id| picked.set(id)) },
                    on_retry: orders.retry.clone(),
                    resuming: *resuming,
                    on_pay: on_pay_order,
                    on_close: on_close.clone(),
                    fallback: cart_button_ref.clone(),
                    toast: toast_in(Panel::Orders),
                }) }
            }
            if sheet.panel.is_none() {
                { offline }
            }
        </>
    }
}

/// How long a change made while browsing waits for the host to sign the
/// viewer in before the viewer is told it waits: a host that signs them in
/// at once is not interrupted by it.
pub(crate) const SIGN_IN_SAID_AFTER_MS: u32 = 1_000;

/// Tells the viewer, after [`SIGN_IN_SAID_AFTER_MS`], that their change
/// (a "Buy now" when `buying`) waits for them to sign in, if they still
/// browse by then.
fn say_sign_in_later(client: &Rc<ApiClient>, on_cart_action: &Callback<CartAction>, buying: bool) {
    let (client, on_cart_action) = (Rc::clone(client), on_cart_action.clone());
    gloo_timers::callback::Timeout::new(SIGN_IN_SAID_AFTER_MS, move || {
        if client.is_browsing() {
            on_cart_action.emit(CartAction::AwaitSignIn { buying });
        }
    })
    .forget();
}

/// A checkout the viewer started while browsing, to start once signed in.
enum Waiting {
    /// "Buy now": the line's variant and units.
    Checkout(Vec<String>, u32),
    /// A flash deal's "Buy".
    Deal(String),
}

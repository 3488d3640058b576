//! The checkout's address: the chosen one on the review page (a legacy
//! one asked for its district), and the saved ones to pick from, each
//! with a button to correct it and one to delete it (asked in place
//! first), under a note when a new address was left
//! half typed ([`DraftNote`]).

use std::rc::Rc;

use etalase_contract::{Locale, SavedAddress};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::components::{choice_keys, choice_tabindex, error_box, Subject};
use crate::i18n::{fill, Text};
use crate::parts::shop::draft_storage;
use crate::parts::shop::state::checkout::{CheckoutAction, CheckoutState, RemoveStage, Removing};
use crate::state::failure::explain;
use crate::state::remote::Remote;
use crate::view::focus::focus;

/// An address as people read it: recipient and phone, then the place
/// from the street up, its village when it has one.
pub fn address_lines(saved: &SavedAddress) -> Html {
    let address = &saved.address;
    html! {
        <>
            <p class="address-who">
                <span class="address-name">{ address.recipient.as_str() }</span>
                <span class="address-phone">{ address.phone.as_str() }</span>
            </p>
            <p class="address-where">
                { address.street.as_str() }{ ", " }
                if let Some(village) = &saved.village {
                    { village.as_str() }{ ", " }
                }
                { address.district.as_str() }{ ", " }
                { address.city.as_str() }{ ", " }{ address.province.as_str() }{ " " }
                { address.postal_code.as_str() }
            </p>
        </>
    }
}

/// The review page's address section: the chosen address with a Change
/// button, a placeholder while the addresses load, or the error with a retry.
pub fn address_section(
    state: &CheckoutState,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let body = match (&state.addresses, state.address()) {
        (Remote::Failed(error), _) => error_box(
            error,
            Subject::Checkout,
            locale,
            &on_action.reform(|()| CheckoutAction::ReloadAddresses),
        ),
        (_, Some(saved)) => {
            let id = saved.address.id.clone();
            html! {
                <>
                    <div class="address" data-testid="chosen-address">{ address_lines(saved) }</div>
                    if saved.needs_region {
                        <div class="address-legacy" data-testid="legacy-address">
                            <p>{ Text::LegacyAddressWhy.get(locale) }</p>
                            <button
                                type="button"
                                class="action is-secondary"
                                data-testid="fix-address"
                                onclick={on_action.reform(move |_: MouseEvent| CheckoutAction::FixAddress(id.clone()))}
                            >
                                { Text::FixAddress.get(locale) }
                            </button>
                        </div>
                    }
                </>
            }
        }
        _ => html! {
            <div class="address skeleton" aria-label={Text::LoadingAddresses.get(locale)}>
                <span class="bar" />
                <span class="bar" />
            </div>
        },
    };
    let on_change = on_action.reform(|_: MouseEvent| CheckoutAction::ShowAddresses);
    html! {
        <section class="co-section" aria-labelledby="co-address">
            <div class="co-head">
                <h3 id="co-address">{ Text::ShippingAddress.get(locale) }</h3>
                if matches!(state.addresses, Remote::Ready(_)) {
                    <button type="button" class="link" data-testid="change-address" onclick={on_change}>
                        { Text::ChangeAddress.get(locale) }
                    </button>
                }
            </div>
            { body }
        </section>
    }
}

/// Props of [`DraftNote`].
#[derive(Properties, PartialEq)]
pub struct DraftNoteProps {
    /// The API base the draft is kept under.
    pub api_base: AttrValue,
    /// The language of its texts.
    pub locale: Locale,
    /// Where "Continue it" goes: the new-address form, which reads the
    /// draft back.
    pub on_action: Callback<CheckoutAction>,
}

/// "You have a new address half filled in" with a button that opens it
/// again, when the device keeps a draft (typed before a reload, or left by
/// Back); nothing otherwise. The draft is read once the note is on the page.
#[function_component]
pub fn DraftNote(props: &DraftNoteProps) -> Html {
    let kept = use_state_eq(|| false);
    {
        let (kept, api_base) = (kept.clone(), props.api_base.clone());
        use_effect_with((), move |()| {
            kept.set(draft_storage::load(&api_base).is_some_and(|draft| !draft.is_empty()));
        });
    }
    if !*kept {
        return Html::default();
    }
    let locale = props.locale;
    html! {
        <div class="address-draft" role="note" data-testid="address-draft">
            <p>{ Text::AddressDraftKept.get(locale) }</p>
            <button
                type="button"
                class="action is-secondary"
                data-testid="continue-draft"
                onclick={props.on_action.reform(|_: MouseEvent| CheckoutAction::ShowNewAddress)}
            >
                { Text::ContinueDraft.get(locale) }
            </button>
        </div>
    }
}

/// The saved addresses as a single-choice list, each with an Edit and a
/// Delete button named with its address, and a button to add one; above
/// them, a new address left half typed under `api_base`, to continue.
pub fn address_book(
    state: &CheckoutState,
    api_base: &str,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let addresses = match &state.addresses {
        Remote::Ready(addresses) => Rc::clone(addresses),
        _ => Rc::default(),
    };
    let chosen = state.choices.address_id.clone().map(AttrValue::from);
    let removing = state.ordering().and_then(|o| o.removing.clone());
    html! {
        <>
            <DraftNote api_base={AttrValue::from(api_base.to_owned())} {locale} on_action={on_action.clone()} />
            <AddressBook {addresses} {chosen} {removing} {locale} on_action={on_action.clone()} />
        </>
    }
}

/// Props of [`AddressBook`].
#[derive(Properties, PartialEq)]
struct AddressBookProps {
    addresses: Rc<Vec<SavedAddress>>,
    chosen: Option<AttrValue>,
    removing: Option<Removing>,
    locale: Locale,
    on_action: Callback<CheckoutAction>,
}

/// The element in `root` (or its parent) matching `selector`, focused.
fn focus_in(root: &Element, selector: &str) -> bool {
    let found = root
        .query_selector(selector)
        .ok()
        .flatten()
        .or_else(|| {
            let parent = root.parent_element()?;
            parent.query_selector(selector).ok().flatten()
        })
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    found.is_some_and(|element| {
        focus(&element);
        true
    })
}

/// Where focus goes as a deletion moves on: to Cancel when it is asked, back
/// to the address's Delete when kept, and to the address chosen (or Add
/// address, when none is left) once it is deleted.
fn refocus(root: &Element, before: Option<&Removing>, now: Option<&Removing>) {
    match (before, now) {
        (None, Some(_)) => {
            focus_in(root, "[data-testid=\"keep-address\"]");
        }
        (Some(before), None) => {
            let own = [
                "[data-testid=\"delete-address\"][data-id=\"",
                &before.id,
                "\"]",
            ]
            .concat();
            if !focus_in(root, &own)
                && !focus_in(
                    root,
                    "[data-testid=\"address-option\"][aria-checked=\"true\"]",
                )
            {
                focus_in(root, "[data-testid=\"add-address\"]");
            }
        }
        _ => {}
    }
}

/// "Delete this address?" in place of the address's buttons, with why the
/// last try failed, Yes and Cancel; Escape cancels.
fn confirm(
    removing: &Removing,
    at: usize,
    locale: Locale,
    on_action: &Callback<CheckoutAction>,
) -> Html {
    let question = ["delete-ask-", &at.to_string()].concat();
    let sending = removing.stage == RemoveStage::Sending;
    let on_keydown = {
        let on_action = on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                // Kept from the sheet: this Escape answers the question.
                event.prevent_default();
                on_action.emit(CheckoutAction::KeepAddress);
            }
        })
    };
    html! {
        <div class="address-confirm" role="group" aria-labelledby={question.clone()} data-testid="delete-confirm" onkeydown={on_keydown}>
            <p id={question}>{ Text::DeleteAddressAsk.get(locale) }</p>
            if let RemoveStage::Failed(error) = &removing.stage {
                <p class="field-error" role="alert">
                    { Text::DeleteAddressFailed.get(locale) }{ " " }{ explain(error, Subject::Checkout).get(locale) }
                </p>
            }
            <div class="form-actions">
                <button
                    type="button"
                    class="action"
                    data-testid="confirm-delete"
                    aria-busy={sending.then_some("true")}
                    onclick={on_action.reform(|_: MouseEvent| CheckoutAction::RemoveAddress)}
                >
                    { Text::DeleteAddressYes.get(locale) }
                </button>
                <button
                    type="button"
                    class="action is-secondary"
                    data-testid="keep-address"
                    onclick={on_action.reform(|_: MouseEvent| CheckoutAction::KeepAddress)}
                >
                    { Text::CancelForm.get(locale) }
                </button>
            </div>
        </div>
    }
}

/// The address book's list: a radio per address, its Edit and Delete
/// beside it (Delete asked in place first), and Add address.
#[function_component]
fn AddressBook(props: &AddressBookProps) -> Html {
    let locale = props.locale;
    let on_action = &props.on_action;
    let root = use_node_ref();
    {
        let before = use_mut_ref(|| None::<Removing>);
        let root = root.clone();
        use_effect_with(props.removing.clone(), move |now| {
            if let Some(root) = root.cast::<Element>() {
                refocus(&root, before.borrow().as_ref(), now.as_ref());
            }
            *before.borrow_mut() = now.clone();
        });
    }
    let chosen = props.chosen.as_deref();
    html! {
        <>
            <div class="address-book" role="radiogroup" aria-label={Text::ChooseAddress.get(locale)} data-testid="address-book" onkeydown={Callback::from(choice_keys)} ref={root}>
                { for props.addresses.iter().enumerate().map(|(at, address)| {
                    let checked = chosen == Some(address.address.id.as_str());
                    let leads = chosen.is_none() && at == 0;
                    let id = address.address.id.clone();
                    let (edit_id, delete_id) = (id.clone(), id.clone());
                    let named = [address.address.recipient.as_str(), ", ", address.address.street.as_str()].concat();
                    let asked = props.removing.as_ref().filter(|removing| removing.id == id);
                    html! {
                        <div class="address-item">
                            <button
                                type="button"
                                class="address option"
                                role="radio"
                                aria-checked={if checked { "true" } else { "false" }}
                                tabindex={choice_tabindex(checked, leads)}
                                data-testid="address-option"
                                onclick={on_action.reform(move |_: MouseEvent| CheckoutAction::PickAddress(id.clone()))}
                            >
                                { address_lines(address) }
                                if address.needs_region {
                                    <span class="option-note address-tag">{ Text::NeedsRegion.get(locale) }</span>
                                }
                            </button>
                            if let Some(removing) = asked {
                                { confirm(removing, at, locale, on_action) }
                            } else {
                                <button
                                    type="button"
                                    class="link address-edit"
                                    aria-label={fill(locale, Text::EditAddressOf, &named)}
                                    data-testid="edit-address"
                                    onclick={on_action.reform(move |_: MouseEvent| CheckoutAction::EditAddress(edit_id.clone()))}
                                >
                                    { Text::EditAddress.get(locale) }
                                </button>
                                <button
                                    type="button"
                                    class="link address-delete"
                                    aria-label={fill(locale, Text::DeleteAddressOf, &named)}
                                    data-testid="delete-address"
                                    data-id={delete_id.clone()}
                                    onclick={on_action.reform(move |_: MouseEvent| CheckoutAction::AskRemoveAddress(delete_id.clone()))}
                                >
                                    { Text::DeleteAddress.get(locale) }
                                </button>
                            }
                        </div>
                    }
                }) }
            </div>
            <button
                type="button"
                class="action is-secondary add-address"
                data-testid="add-address"
                onclick={on_action.reform(|_: MouseEvent| CheckoutAction::ShowNewAddress)}
            >
                { Text::AddAddress.get(locale) }
            </button>
        </>
    }
}

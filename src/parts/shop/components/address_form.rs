//! [`AddressForm`]: an Indonesian shipping address keyed on a village of
//! the official region list — the recipient and phone, one search for the
//! district or city, the village (kelurahan or desa) from the district's,
//! its postal code filled in, then the street. Fields are checked as the
//! shopper goes; the server's refusal shows on its field. The province,
//! city and district are never typed: the server names them from the
//! village's code. A new address is kept on the device as it is typed
//! ([`draft_storage`]); a saved one is corrected from its own values.

use std::rc::Rc;

use etalase_contract::{
    AddressForm as Body, Locale, PhoneNumber, PostalCode, Region, SavedAddress,
};
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::region_combobox::{region_combobox, reveal, show_option, REGION_ID};
use super::region_picker::{region_picker, RegionPicker};
use crate::api::ApiClient;
use crate::components::focus_field;
use crate::i18n::Text;
use crate::parts::shop::draft_storage::{self, Draft};
use crate::parts::shop::hooks::use_place;
use crate::parts::shop::state::place::{Place, PlaceAction};
use crate::state::remote::Remote;

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Who receives the parcel.
    Recipient,
    /// Their mobile number.
    Phone,
    /// The district-or-city search.
    Region,
    /// The district, when a regency or city was picked.
    District,
    /// The village (kelurahan or desa).
    Village,
    /// Five digits, filled from the village.
    PostalCode,
    /// Street and details.
    Street,
}

impl Field {
    /// Every field, in the form's order.
    pub const ALL: [Field; 7] = [
        Field::Recipient,
        Field::Phone,
        Field::Region,
        Field::District,
        Field::Village,
        Field::PostalCode,
        Field::Street,
    ];

    /// The field's element id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Recipient => "address-recipient",
            Field::Phone => "address-phone",
            Field::Region => REGION_ID,
            Field::District => "address-district",
            Field::Village => "address-village",
            Field::PostalCode => "address-postal_code",
            Field::Street => "address-street",
        }
    }

    /// The API's name of the field, as error bodies name it: the village
    /// is the address's `region_code`; the search and the district are
    /// not sent.
    pub fn api_name(self) -> Option<&'static str> {
        match self {
            Field::Recipient => Some("recipient"),
            Field::Phone => Some("phone"),
            Field::Village => Some("region_code"),
            Field::PostalCode => Some("postal_code"),
            Field::Street => Some("street"),
            Field::Region | Field::District => None,
        }
    }

    /// The id of the field's error.
    fn error_id(self) -> String {
        [self.id(), "-error"].concat()
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// Why `field`, holding `value` (typed fields) in a form at `place`, is
/// not good by the contract's rules, or `None`.
pub fn problem(field: Field, value: &str, place: &Place) -> Option<Text> {
    let length = value.trim().chars().count();
    match field {
        Field::Recipient => (!(1..=100).contains(&length)).then_some(Text::ErrorRecipient),
        Field::Phone => PhoneNumber::parse(value).err().map(|_| Text::ErrorPhone),
        Field::Region => {
            (place.city.is_none() && place.district.is_none()).then_some(Text::ErrorRegion)
        }
        Field::District => {
            (place.city.is_some() && place.district.is_none()).then_some(Text::ErrorDistrict)
        }
        Field::Village => {
            (place.district.is_some() && place.village.is_none()).then_some(Text::ErrorVillage)
        }
        Field::PostalCode => match (&place.village, place.postal_code()) {
            (Some(_), None) => PostalCode::parse(value)
                .err()
                .map(|_| Text::ErrorPostalCode),
            _ => None,
        },
        Field::Street => (!(5..=300).contains(&length)).then_some(Text::ErrorStreet),
    }
}

/// Whether `field` is on screen for a form at `place`: the district once a
/// city is picked, the village once a district is, the postal code once a
/// village is.
fn shown(field: Field, place: &Place) -> bool {
    match field {
        Field::District => place.city.is_some(),
        Field::Village => place.district.is_some(),
        Field::PostalCode => place.village.is_some(),
        _ => true,
    }
}

/// What the server's refusal of `field` says on it.
fn refusal(field: Field) -> Text {
    match field {
        Field::PostalCode => Text::ErrorPostalCodeVillage,
        Field::Village => Text::ErrorVillage,
        _ => Text::ErrorAddressSave,
    }
}

/// Props of [`AddressForm`].
#[derive(Properties, PartialEq)]
pub struct AddressFormProps {
    /// The language of labels and errors.
    pub locale: Locale,
    /// The API the regions are searched on.
    pub client: Rc<ApiClient>,
    /// Whether the address is on its way to the server.
    pub saving: bool,
    /// The field the server refused, by its API name, if any.
    #[prop_or_default]
    pub refused_field: Option<AttrValue>,
    /// Whether the server refused the address.
    #[prop_or_default]
    pub refused: bool,
    /// The saved address this form corrects: its values filled in (a
    /// legacy one's district as typed searched at once, and the form says
    /// why it is asked). Without it the form is a new address, its draft
    /// kept on the device.
    #[prop_or_default]
    pub editing: Option<Rc<SavedAddress>>,
    /// Called with the address when every field is good.
    pub on_save: Callback<Body>,
    /// Called when the shopper cancels the form (a new address's draft is
    /// forgotten first).
    pub on_cancel: Callback<()>,
}

/// The typed fields' values, in [`Field::ALL`]'s order.
fn values_of(recipient: &str, phone: &str, postal_code: &str, street: &str) -> Vec<String> {
    let mut values = vec![String::new(); Field::ALL.len()];
    values[Field::Recipient.index()] = recipient.to_owned();
    values[Field::Phone.index()] = phone.to_owned();
    values[Field::PostalCode.index()] = postal_code.to_owned();
    values[Field::Street.index()] = street.to_owned();
    values
}

/// The form: labelled fields, errors under their fields once touched (all
/// of them on Save, which then puts focus on the first field to mend), and
/// a Save button.
#[function_component]
pub fn AddressForm(props: &AddressFormProps) -> Html {
    let locale = props.locale;
    let base = props.client.base().to_owned();
    let editing = props.editing.clone();
    let start = use_memo((), move |()| editing.as_deref().map(Place::of_saved));
    let place = use_place(
        Rc::clone(&props.client),
        start.as_ref().clone().unwrap_or_default(),
    );
    let values = use_state(|| match props.editing.as_deref() {
        Some(saved) => {
            let a = &saved.address;
            values_of(&a.recipient, &a.phone, &a.postal_code, &a.street)
        }
        None => vec![String::new(); Field::ALL.len()],
    });
    // A new address's draft: read back once the form is on the page, then
    // kept as it is typed and picked.
    let restored = use_state_eq(|| false);
    let touched = use_state(|| vec![false; Field::ALL.len()]);
    {
        let (values, restored, base) = (values.clone(), restored.clone(), base.clone());
        let (drafting, place) = (props.editing.is_none(), place.dispatcher());
        let touched = touched.clone();
        use_effect_with((), move |()| {
            if let Some(draft) = draft_storage::load(&base).filter(|_| drafting) {
                let d = &draft;
                let typed = values_of(&d.recipient, &d.phone, &d.postal_code, &d.street);
                // What was typed is checked as it was before the form was
                // left: a mistake in it still says so.
                touched.set(typed.iter().map(|value| !value.trim().is_empty()).collect());
                values.set(typed);
                if let Some(region) = draft.region {
                    place.dispatch(PlaceAction::Restore(region));
                }
            }
            restored.set(true);
        });
    }
    {
        let drafting = props.editing.is_none() && *restored;
        let base = base.clone();
        let draft = (*values).clone();
        let region = place.deepest().cloned();
        use_effect_with(
            (draft, region, drafting),
            move |(values, region, drafting)| {
                if *drafting {
                    let value = |field: Field| values[field.index()].clone();
                    let draft = Draft {
                        recipient: value(Field::Recipient),
                        phone: value(Field::Phone),
                        postal_code: value(Field::PostalCode),
                        street: value(Field::Street),
                        region: region.clone(),
                    };
                    draft_storage::save(&base, &draft);
                }
            },
        );
    }
    let on_cancel = {
        let (drafting, on_cancel) = (props.editing.is_none(), props.on_cancel.clone());
        Callback::from(move |_: MouseEvent| {
            if drafting {
                draft_storage::clear(&base);
            }
            on_cancel.emit(());
        })
    };
    let list = use_node_ref();
    {
        // The list as it opens: the field brought to the sheet's top.
        let list = list.clone();
        let shown = place.search.open && !place.search.options().is_empty();
        use_effect_with(shown, move |shown| {
            if let Some(list) = list.cast::<Element>().filter(|_| *shown) {
                reveal(&list);
            }
        });
    }
    {
        // The active option kept in the list's view.
        let list = list.clone();
        use_effect_with(place.search.active, move |active| {
            if let Some(at) = *active {
                show_option(&list, at);
            }
        });
    }
    let on_place = {
        let place = place.dispatcher();
        Callback::from(move |action: PlaceAction| place.dispatch(action))
    };
    let update = {
        let values = values.clone();
        Callback::from(move |(field, value): (Field, String)| {
            let mut next = (*values).clone();
            next[field.index()] = value;
            values.set(next);
        })
    };
    let touch = {
        let touched = touched.clone();
        Callback::from(move |field: Field| {
            if !touched[field.index()] {
                let mut next = (*touched).clone();
                next[field.index()] = true;
                touched.set(next);
            }
        })
    };
    let on_submit = {
        let (values, touched, on_save) = (values.clone(), touched.clone(), props.on_save.clone());
        let place = place.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            touched.set(vec![true; Field::ALL.len()]);
            let bad = Field::ALL
                .iter()
                .find(|f| problem(**f, &values[f.index()], &place).is_some());
            let village = place.village.as_ref();
            match (bad, village) {
                (None, Some(village)) => {
                    let value = |field: Field| values[field.index()].trim().to_owned();
                    let postal_code = place
                        .postal_code()
                        .map_or_else(|| value(Field::PostalCode), str::to_owned);
                    on_save.emit(Body {
                        recipient: value(Field::Recipient),
                        phone: value(Field::Phone),
                        region_code: Some(village.code.clone()),
                        province: None,
                        city: None,
                        district: None,
                        postal_code,
                        street: value(Field::Street),
                    });
                }
                // The first field to mend, its error read out with it.
                (Some(field), _) => focus_field(&event, field.id()),
                (None, None) => focus_field(&event, Field::Region.id()),
            }
        })
    };
    let error_of = |field: Field| -> Option<Text> {
        let value = &values[field.index()];
        let local = touched[field.index()]
            .then(|| problem(field, value, &place))
            .flatten();
        let refused =
            field.api_name().is_some() && props.refused_field.as_deref() == field.api_name();
        local.or(refused.then(|| refusal(field)))
    };
    let described = |field: Field, invalid: bool, hint: Option<&str>| -> Option<String> {
        let error = invalid.then(|| field.error_id());
        match (error, hint) {
            (Some(error), Some(hint)) => Some([error.as_str(), " ", hint].concat()),
            (error, hint) => error.or(hint.map(str::to_owned)),
        }
    };
    let row = |field: Field, label: Text, control: Html| -> Html {
        let error = error_of(field);
        html! {
            <div class={if error.is_some() { "field is-invalid" } else { "field" }}>
                <label for={field.id()}>{ label.get(locale) }</label>
                { control }
                if let Some(error) = error {
                    <p class="field-error" id={field.error_id()} data-testid="field-error">
                        { error.get(locale) }
                    </p>
                }
            </div>
        }
    };
    let input =
        |field: Field, kind: &'static str, mode: &'static str, auto: &'static str| -> Html {
            let on_input = update.reform(move |event: InputEvent| {
                (
                    field,
                    event.target_unchecked_into::<HtmlInputElement>().value(),
                )
            });
            let invalid = error_of(field).is_some();
            html! {
                <input
                    id={field.id()}
                    name={field.api_name()}
                    type={kind}
                    inputmode={mode}
                    autocomplete={auto}
                    value={values[field.index()].clone()}
                    required=true
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={described(field, invalid, None)}
                    oninput={on_input}
                    onblur={touch.reform(move |_: FocusEvent| field)}
                />
            }
        };
    // A picker of a city's districts or a district's villages.
    let picker = |field: Field, regions: &Remote<Vec<Region>>, chosen: Option<&str>| -> Html {
        let invalid = error_of(field).is_some();
        let district = field == Field::District;
        region_picker(&RegionPicker {
            id: field.id(),
            regions,
            chosen,
            invalid,
            described: described(field, invalid, None),
            placeholder: if district {
                Text::ChooseDistrict
            } else {
                Text::ChooseVillage
            },
            locale,
            on_choose: on_place.reform(move |code: String| {
                if district {
                    PlaceAction::ChooseDistrict(code)
                } else {
                    PlaceAction::ChooseVillage(code)
                }
            }),
            on_retry: on_place.reform(|()| PlaceAction::RetryChildren),
            on_blur: touch.reform(move |()| field),
        })
    };
    let postal = match (&place.village, place.postal_code()) {
        (None, _) => Html::default(),
        (Some(_), Some(code)) => html! {
            <div class="field">
                <label for={Field::PostalCode.id()}>{ Text::FieldPostalCode.get(locale) }</label>
                <input
                    id={Field::PostalCode.id()}
                    name="postal_code"
                    type="text"
                    readonly=true
                    value={code.to_owned()}
                    aria-invalid={if error_of(Field::PostalCode).is_some() { "true" } else { "false" }}
                    aria-describedby={described(Field::PostalCode, error_of(Field::PostalCode).is_some(), Some("postal-hint"))}
                    data-testid="postal-code"
                />
                if let Some(error) = error_of(Field::PostalCode) {
                    <p class="field-error" id={Field::PostalCode.error_id()} data-testid="field-error">{ error.get(locale) }</p>
                }
                <p class="hint" id="postal-hint">{ Text::PostalCodeHint.get(locale) }</p>
            </div>
        },
        (Some(_), None) => row(
            Field::PostalCode,
            Text::FieldPostalCode,
            input(Field::PostalCode, "text", "numeric", "postal-code"),
        ),
    };
    let street = {
        let on_input = update.reform(|event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlTextAreaElement>().value();
            (Field::Street, value)
        });
        let invalid = error_of(Field::Street).is_some();
        html! {
            <>
                <textarea
                    id={Field::Street.id()}
                    name="street"
                    rows="3"
                    autocomplete="street-address"
                    required=true
                    value={values[Field::Street.index()].clone()}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={described(Field::Street, invalid, Some("street-hint"))}
                    oninput={on_input}
                    onblur={touch.reform(|_: FocusEvent| Field::Street)}
                />
                <p class="hint" id="street-hint">{ Text::StreetHint.get(locale) }</p>
            </>
        }
    };
    html! {
        <form class="address-form" data-testid="address-form" novalidate=true onsubmit={on_submit}>
            if props.editing.as_ref().is_some_and(|saved| saved.needs_region) {
                <p class="form-why" data-testid="legacy-why">{ Text::LegacyAddressWhy.get(locale) }</p>
            }
            { row(Field::Recipient, Text::FieldRecipient, input(Field::Recipient, "text", "text", "name")) }
            { row(Field::Phone, Text::FieldPhone, input(Field::Phone, "tel", "tel", "tel")) }
            { region_combobox(&place, locale, error_of(Field::Region), &list, &on_place) }
            if place.city.is_some() {
                { row(Field::District, Text::FieldDistrict, picker(Field::District, &place.districts, place.district.as_ref().map(|d| d.code.as_str()))) }
            }
            if place.district.is_some() {
                { row(Field::Village, Text::FieldVillage, picker(Field::Village, &place.villages, place.village.as_ref().map(|v| v.code.as_str()))) }
            }
            { postal }
            { row(Field::Street, Text::FieldStreet, street) }
            if props.refused && !Field::ALL.iter().any(|f| {
                f.api_name().is_some() && f.api_name() == props.refused_field.as_deref() && shown(*f, &place)
            }) {
                <p class="field-error" role="alert">{ Text::ErrorAddressSave.get(locale) }</p>
            }
            <div class="form-actions">
                <button type="submit" class="action" data-testid="save-address" disabled={props.saving} aria-busy={props.saving.then_some("true")}>
                    { if props.saving { Text::Saving.get(locale) } else { Text::SaveAddress.get(locale) } }
                </button>
                <button type="button" class="action is-secondary" data-testid="cancel-address" disabled={props.saving} onclick={on_cancel}>
                    { Text::CancelForm.get(locale) }
                </button>
            </div>
        </form>
    }
}

//! [`AddressForm`]: a new Indonesian shipping address, checked field by
//! field as the shopper goes, with the server's refusal shown on its field.

use etalase_contract::{Locale, NewAddress, PhoneNumber, PostalCode, Province, PROVINCES};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::focus_field;
use crate::i18n::Text;

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Who receives the parcel.
    Recipient,
    /// Their mobile number.
    Phone,
    /// One of the 38 provinces.
    Province,
    /// City or regency.
    City,
    /// District.
    District,
    /// Five digits.
    PostalCode,
    /// Street and details.
    Street,
}

impl Field {
    /// Every field, in the form's order.
    pub const ALL: [Field; 7] = [
        Field::Recipient,
        Field::Phone,
        Field::Province,
        Field::City,
        Field::District,
        Field::PostalCode,
        Field::Street,
    ];

    /// The API's name of the field, as error bodies name it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Recipient => "recipient",
            Field::Phone => "phone",
            Field::Province => "province",
            Field::City => "city",
            Field::District => "district",
            Field::PostalCode => "postal_code",
            Field::Street => "street",
        }
    }

    fn label(self) -> Text {
        match self {
            Field::Recipient => Text::FieldRecipient,
            Field::Phone => Text::FieldPhone,
            Field::Province => Text::FieldProvince,
            Field::City => Text::FieldCity,
            Field::District => Text::FieldDistrict,
            Field::PostalCode => Text::FieldPostalCode,
            Field::Street => Text::FieldStreet,
        }
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// Why `value` is not a good `field`, by the contract's rules, or `None`.
pub fn problem(field: Field, value: &str) -> Option<Text> {
    let length = value.trim().chars().count();
    match field {
        Field::Recipient => (!(1..=100).contains(&length)).then_some(Text::ErrorRecipient),
        Field::Phone => PhoneNumber::parse(value).err().map(|_| Text::ErrorPhone),
        Field::Province => Province::parse(value).err().map(|_| Text::ErrorProvince),
        Field::City | Field::District => {
            (!(1..=100).contains(&length)).then_some(Text::ErrorRequired)
        }
        Field::PostalCode => PostalCode::parse(value)
            .err()
            .map(|_| Text::ErrorPostalCode),
        Field::Street => (!(5..=300).contains(&length)).then_some(Text::ErrorStreet),
    }
}

/// Props of [`AddressForm`].
#[derive(Properties, PartialEq)]
pub struct AddressFormProps {
    /// The language of labels and errors.
    pub locale: Locale,
    /// Whether the address is on its way to the server.
    pub saving: bool,
    /// The field the server refused, by its API name, if any.
    #[prop_or_default]
    pub refused_field: Option<AttrValue>,
    /// Whether the server refused the address.
    #[prop_or_default]
    pub refused: bool,
    /// Called with the address when every field is good.
    pub on_save: Callback<NewAddress>,
}

/// The form: labelled fields, a province picker, errors under their
/// fields once touched (all of them on Save, which then puts focus on the
/// first field to mend), and a Save button.
#[function_component]
pub fn AddressForm(props: &AddressFormProps) -> Html {
    let locale = props.locale;
    let values = use_state(|| vec![String::new(); Field::ALL.len()]);
    let touched = use_state(|| vec![false; Field::ALL.len()]);
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
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            touched.set(vec![true; Field::ALL.len()]);
            let bad = Field::ALL
                .iter()
                .find(|f| problem(**f, &values[f.index()]).is_some());
            if let Some(field) = bad {
                // The first field to mend, its error read out with it.
                focus_field(&event, &["address-", field.name()].concat());
            } else {
                let value = |field: Field| values[field.index()].trim().to_owned();
                on_save.emit(NewAddress {
                    recipient: value(Field::Recipient),
                    phone: value(Field::Phone),
                    province: value(Field::Province),
                    city: value(Field::City),
                    district: value(Field::District),
                    postal_code: value(Field::PostalCode),
                    street: value(Field::Street),
                });
            }
        })
    };
    let error_of = |field: Field| -> Option<Text> {
        let value = &values[field.index()];
        let local = touched[field.index()]
            .then(|| problem(field, value))
            .flatten();
        let server = (props.refused_field.as_deref() == Some(field.name()))
            .then_some(Text::ErrorAddressSave);
        local.or(server)
    };
    let row = |field: Field, control: Html| -> Html {
        let id = ["address-", field.name()].concat();
        let error = error_of(field);
        html! {
            <div class={if error.is_some() { "field is-invalid" } else { "field" }}>
                <label for={id}>{ field.label().get(locale) }</label>
                { control }
                if let Some(error) = error {
                    <p class="field-error" id={[field.name(), "-error"].concat()} data-testid="field-error">
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
                    id={["address-", field.name()].concat()}
                    name={field.name()}
                    type={kind}
                    inputmode={mode}
                    autocomplete={auto}
                    value={values[field.index()].clone()}
                    required=true
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={invalid.then(|| [field.name(), "-error"].concat())}
                    oninput={on_input}
                    onblur={touch.reform(move |_: FocusEvent| field)}
                />
            }
        };
    let province = {
        let on_change = update.reform(|event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            (Field::Province, value)
        });
        let chosen = values[Field::Province.index()].clone();
        let invalid = error_of(Field::Province).is_some();
        html! {
            <select
                id="address-province"
                name="province"
                autocomplete="address-level1"
                required=true
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then_some("province-error")}
                onchange={on_change}
                onblur={touch.reform(|_: FocusEvent| Field::Province)}
            >
                <option value="" selected={chosen.is_empty()}>{ Text::ChooseProvince.get(locale) }</option>
                { for PROVINCES.iter().map(|name| html! {
                    <option value={*name} selected={chosen == *name}>{ *name }</option>
                }) }
            </select>
        }
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
                    id="address-street"
                    name="street"
                    rows="3"
                    autocomplete="street-address"
                    required=true
                    value={values[Field::Street.index()].clone()}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={if invalid { "street-error street-hint" } else { "street-hint" }}
                    oninput={on_input}
                    onblur={touch.reform(|_: FocusEvent| Field::Street)}
                />
                <p class="hint" id="street-hint">{ Text::StreetHint.get(locale) }</p>
            </>
        }
    };
    html! {
        <form class="address-form" data-testid="address-form" novalidate=true onsubmit={on_submit}>
            { row(Field::Recipient, input(Field::Recipient, "text", "text", "name")) }
            { row(Field::Phone, input(Field::Phone, "tel", "tel", "tel")) }
            { row(Field::Province, province) }
            { row(Field::City, input(Field::City, "text", "text", "address-level2")) }
            { row(Field::District, input(Field::District, "text", "text", "address-level3")) }
            { row(Field::PostalCode, input(Field::PostalCode, "text", "numeric", "postal-code")) }
            { row(Field::Street, street) }
            if props.refused && props.refused_field.is_none() {
                <p class="field-error" role="alert">{ Text::ErrorAddressSave.get(locale) }</p>
            }
            <button type="submit" class="action" data-testid="save-address" disabled={props.saving} aria-busy={props.saving.then_some("true")}>
                { if props.saving { Text::Saving.get(locale) } else { Text::SaveAddress.get(locale) } }
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_contracts_rules() {
        assert_eq!(problem(Field::Recipient, "  "), Some(Text::ErrorRecipient));
        assert_eq!(problem(Field::Recipient, "Sari"), None);
        assert_eq!(problem(Field::Phone, "0812"), Some(Text::ErrorPhone));
        assert_eq!(problem(Field::Phone, "0812-3456-7890"), None);
        assert_eq!(problem(Field::Province, ""), Some(Text::ErrorProvince));
        assert_eq!(problem(Field::Province, "Jawa Barat"), None);
        assert_eq!(problem(Field::City, ""), Some(Text::ErrorRequired));
        assert_eq!(
            problem(Field::PostalCode, "04011"),
            Some(Text::ErrorPostalCode)
        );
        assert_eq!(problem(Field::PostalCode, "40132"), None);
        assert_eq!(problem(Field::Street, "Jl."), Some(Text::ErrorStreet));
        assert_eq!(problem(Field::Street, "Jl. Dago No. 1"), None);
    }

    #[test]
    fn field_names_are_the_apis() {
        let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "recipient",
                "phone",
                "province",
                "city",
                "district",
                "postal_code",
                "street"
            ]
        );
    }
}

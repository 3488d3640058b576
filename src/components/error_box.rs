//! [`error_box`]: a failed load explained in the shopper's language, with a retry.

use etalase_contract::Locale;
use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n::Text;
pub use crate::state::failure::Subject;
use crate::state::failure::{explain, retryable};

/// A short message explaining `error` (the load of `subject` failed),
/// announced to screen readers, and a Retry button calling `on_retry` when
/// trying again could help.
pub fn error_box(
    error: &ApiError,
    subject: Subject,
    locale: Locale,
    on_retry: &Callback<()>,
) -> Html {
    html! {
        <div class="notice" role="alert" data-testid="error">
            <p>{ explain(error, subject).get(locale) }</p>
            if retryable(error, subject) {
                <button
                    type="button"
                    class="retry"
                    data-testid="retry"
                    onclick={on_retry.reform(|_: MouseEvent| ())}
                >
                    { Text::Retry.get(locale) }
                </button>
            }
        </div>
    }
}

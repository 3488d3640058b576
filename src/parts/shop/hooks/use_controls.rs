//! [`use_controls`]: take the host handle's commands while mounted, tell
//! the host when a sheet goes down, and say when the cart opens (it needs
//! a shopper).

use std::rc::Rc;

use yew::prelude::*;

use crate::embed::controls::{Command, Controls};
use crate::embed::events::WidgetEvent;
use crate::parts::shop::state::sheet::Panel;

/// Routes the handle's commands to `on_command` while the component lives,
/// tells the handle whether a sheet is up (for `close()`), and sends
/// `closed` when the sheet that was up goes down. The cart opening is a
/// shopper's first action like any change to it: the handle hears it.
#[hook]
pub fn use_controls(
    controls: &Rc<Controls>,
    on_command: Callback<Command>,
    panel: Option<Panel>,
    on_event: &Callback<WidgetEvent>,
) {
    {
        let controls = Rc::clone(controls);
        use_effect_with(panel == Some(Panel::Cart), move |cart| {
            if *cart {
                controls.shopper_needed();
            }
        });
    }
    let controls = Rc::clone(controls);
    use_effect_with((on_command, panel.is_some()), move |(on_command, open)| {
        controls.listen(Some(on_command.clone()));
        controls.set_sheet_open(*open);
        move || controls.listen(None)
    });
    // Noted as each render sees it, sent after: Yew may render twice before
    // effects run, and an effect would then miss the sheet in between.
    let was = use_mut_ref(|| None::<Panel>);
    let closed = use_mut_ref(Vec::new);
    if let (Some(sheet), None) = (was.replace(panel), panel) {
        closed.borrow_mut().push(sheet);
    }
    let on_event = on_event.clone();
    use_effect(move || {
        let closed = std::mem::take(&mut *closed.borrow_mut());
        for sheet in closed {
            on_event.emit(WidgetEvent::Closed { sheet: name(sheet) });
        }
    });
}

/// A panel's name in the `closed` event.
fn name(panel: Panel) -> &'static str {
    match panel {
        Panel::Product => "product",
        Panel::Cart => "cart",
        Panel::Checkout => "checkout",
        Panel::Orders => "orders",
    }
}

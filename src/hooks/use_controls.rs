//! [`use_controls`]: take the host handle's commands while mounted.

use std::rc::Rc;

use yew::prelude::*;

use crate::embed::controls::{Command, Controls};

/// Routes the handle's commands to `on_command` while the component lives,
/// and tells the handle whether a sheet is up (for `close()`).
#[hook]
pub fn use_controls(controls: &Rc<Controls>, on_command: Callback<Command>, sheet_open: bool) {
    let controls = Rc::clone(controls);
    use_effect_with((on_command, sheet_open), move |(on_command, open)| {
        controls.listen(Some(on_command.clone()));
        controls.set_sheet_open(*open);
        move || controls.listen(None)
    });
}

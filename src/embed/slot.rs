//! Yew roots kept for reuse, so mounting and destroying leaks nothing.
//!
//! Yew delegates events to the element an app is rendered into, with
//! listeners it never removes (their closures are forgotten, and hold the
//! element). A new root per mount would leave its element, its shadow root
//! and about seven listeners behind at every `destroy`. So each root element
//! runs one long-lived [`Slot`] component: a mount moves a free element into
//! its shadow root and gives the slot its props; `destroy` takes the props
//! back (the widget's app unmounts, every hook cleaned up), detaches the
//! element and keeps it for the next mount. The page holds about as many
//! roots as widgets were ever mounted at once (one more when a widget is
//! mounted in the same tick another was destroyed).

use std::cell::RefCell;

use web_sys::{Document, Element};
use yew::{html, AppHandle, Html, Properties, Renderer};

use crate::app::{App, AppProps};

/// The props of a root: the app of the mount that holds it, if any.
#[derive(Properties, PartialEq)]
pub struct SlotProps {
    /// The holding mount's number: a new mount makes a new app, never
    /// one that carries another widget's state.
    pub mount: u32,
    /// The app's props; `None` while the root waits in the pool.
    pub app: Option<AppProps>,
}

/// The component each root runs for good.
#[yew::function_component]
pub fn Slot(props: &SlotProps) -> Html {
    match &props.app {
        Some(app) => html! {
            <App key={props.mount} config={app.config.clone()}
                on_event={app.on_event.clone()} controls={app.controls.clone()} />
        },
        None => Html::default(),
    }
}

/// A root element and the Yew app running in it.
#[derive(Debug)]
pub struct Root {
    /// The element, moved into each widget's shadow root.
    pub element: Element,
    app: AppHandle<Slot>,
}

thread_local! {
    /// Roots no widget holds now.
    static FREE: RefCell<Vec<Root>> = const { RefCell::new(Vec::new()) };
}

impl Root {
    /// A free root, or a new one made in `document`. A root whose app Yew
    /// has not taken down yet (it does so in a microtask) still shows the
    /// last widget, so it is left for later.
    pub fn take(document: &Document) -> Option<Root> {
        let emptied = FREE.with(|free| {
            let mut free = free.borrow_mut();
            let at = free
                .iter()
                .position(|root| root.element.child_element_count() == 0)?;
            Some(free.swap_remove(at))
        });
        if emptied.is_some() {
            return emptied;
        }
        let element = document.create_element("div").ok()?;
        let app = Renderer::<Slot>::with_root_and_props(
            element.clone(),
            SlotProps {
                mount: 0,
                app: None,
            },
        )
        .render();
        Some(Root { element, app })
    }

    /// Shows mount `mount`'s app with `props` (first, or updated).
    pub fn show(&mut self, mount: u32, props: AppProps) {
        self.app.update(SlotProps {
            mount,
            app: Some(props),
        });
    }

    /// Unmounts the app, detaches the element and frees the root.
    pub fn release(mut self) {
        self.app.update(SlotProps {
            mount: 0,
            app: None,
        });
        self.element.remove();
        FREE.with(|free| free.borrow_mut().push(self));
    }
}

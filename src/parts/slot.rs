//! Yew roots kept for reuse, so mounting and destroying leaks nothing:
//! [`draw`] puts a later part's Yew app on the page, and an [`Overlay`]
//! draws part of it into the first part's markup (a slot of the dock).
//!
//! Yew delegates events to the element an app is rendered into, with
//! listeners it never removes (their closures are forgotten, and hold the
//! element). A new root per mount would leave its element and about seven
//! listeners behind at every `destroy`. So each root element runs one
//! long-lived [`Slot`] component: a part moves a free element into the
//! widget and gives the slot its view; `destroy` takes the view back (the
//! part's app unmounts, every hook cleaned up), detaches the element and
//! keeps it for the next mount. The page holds about as many roots as its
//! widgets ever used at once (three for a shopper's: the shop, and its two
//! overlays in the dock), and as many again when a widget is mounted in the
//! tick another was destroyed. (A Yew portal would not do for the
//! dock's slots: it listens on its host the same way, and the dock's
//! elements are new with every mount.)

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit, Node};
use yew::{html, AppHandle, Html, Properties, Renderer};

use super::Drawn;

/// What a root draws: a part's app with its current props.
pub type View = Rc<dyn Fn() -> Html>;

/// The props of a root: the app of the mount that holds it, if any.
#[derive(Properties)]
pub struct SlotProps {
    /// The holding mount's number: a new mount makes a new app, never
    /// one that carries another widget's state.
    pub mount: u32,
    /// The app; `None` while the root waits in the pool.
    pub view: Option<View>,
}

impl PartialEq for SlotProps {
    fn eq(&self, other: &Self) -> bool {
        self.mount == other.mount
            && match (&self.view, &other.view) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// Props of [`Drawing`]: the view to call.
#[derive(Properties)]
pub struct DrawingProps {
    /// The part's app with its props.
    pub view: View,
}

impl PartialEq for DrawingProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

/// The component each root runs for good.
#[yew::function_component]
pub fn Slot(props: &SlotProps) -> Html {
    match &props.view {
        Some(view) => {
            html! { <Drawing key={props.mount} view={Rc::clone(view)} /> }
        }
        None => Html::default(),
    }
}

/// One mount's app, keyed by the mount.
#[yew::function_component]
fn Drawing(props: &DrawingProps) -> Html {
    (props.view)()
}

/// A root element and the Yew app running in it, kept for one use (a
/// part, or one overlay): Yew listens on a root for each kind of event its
/// app has drawn a handler for, so a root that served every use would
/// gather every kind, and the page's listeners would grow for a while.
struct Root {
    element: Element,
    app: AppHandle<Slot>,
    used_for: &'static str,
}

thread_local! {
    /// Roots no widget holds now.
    static FREE: RefCell<Vec<Root>> = const { RefCell::new(Vec::new()) };
    /// The number of the last part drawn.
    static DRAWN: Cell<u32> = const { Cell::new(0) };
}

impl Root {
    /// A free root of `used_for` moved into `host`, or a new one there.
    fn take(host: &Node, used_for: &'static str) -> Option<Root> {
        let root = Root::free_or_new(used_for)?;
        let _ = host.append_child(&root.element);
        Some(root)
    }

    fn free_or_new(used_for: &'static str) -> Option<Root> {
        // Only one Yew has emptied: a root whose app Yew has not taken down
        // yet (it does so in a microtask) still holds the last widget's
        // markup, which the new widget must never show, even for a tick.
        let emptied = FREE.with(|free| {
            let mut free = free.borrow_mut();
            let at = free.iter().position(|root| {
                root.used_for == used_for && root.element.child_element_count() == 0
            })?;
            Some(free.swap_remove(at))
        });
        if emptied.is_some() {
            return emptied;
        }
        let document = web_sys::window()?.document()?;
        let element = document.create_element("div").ok()?;
        let _ = element.set_attribute("class", "part");
        let app = Renderer::<Slot>::with_root_and_props(
            element.clone(),
            SlotProps {
                mount: 0,
                view: None,
            },
        )
        .render();
        Some(Root {
            element,
            app,
            used_for,
        })
    }

    /// Draws `view` as mount `mount`'s.
    fn show(&mut self, mount: u32, view: View) {
        self.app.update(SlotProps {
            mount,
            view: Some(view),
        });
    }

    /// Takes the app down, detaches the element and frees the root.
    fn release(mut self) {
        self.app.update(SlotProps {
            mount: 0,
            view: None,
        });
        self.element.remove();
        FREE.with(|free| free.borrow_mut().push(self));
    }
}

/// A new number for what a root draws next.
fn next_mount() -> u32 {
    DRAWN.with(|drawn| {
        let number = drawn.get().wrapping_add(1);
        drawn.set(number);
        number
    })
}

/// A part's app drawn in a root.
struct Shown<P> {
    root: Option<Root>,
    mount: u32,
    view: fn(&P) -> Html,
}

impl<P: 'static> Drawn<P> for Shown<P> {
    fn show(&mut self, props: P) {
        let view = self.view;
        if let Some(root) = &mut self.root {
            root.show(self.mount, Rc::new(move || view(&props)));
        }
    }

    fn remove(mut self: Box<Self>) {
        if let Some(root) = self.root.take() {
            root.release();
        }
    }
}

/// Draws `view(props)` with Yew in a root of `used_for` (the part's name)
/// appended to `host`; the first part holds what it answers.
pub fn draw<P: 'static>(
    host: &Node,
    used_for: &'static str,
    props: P,
    view: fn(&P) -> Html,
) -> Box<dyn Drawn<P>> {
    let mut shown = Box::new(Shown {
        root: Root::take(host, used_for),
        mount: next_mount(),
        view,
    });
    shown.show(props);
    shown
}

/// A mutation observer's callback: the records, and the observer.
type Seen = Closure<dyn FnMut(JsValue, MutationObserver)>;

/// Markup a part's app draws somewhere in the first part's markup, with a
/// Yew app of its own in a reused root; released when the part's app goes.
pub struct Overlay {
    root: RefCell<Option<Root>>,
    mount: u32,
    /// Watches the root for the overlay's first markup, when it replaces.
    watch: Option<(MutationObserver, Seen)>,
}

impl Overlay {
    /// An overlay in `host`, empty, in a root of `used_for`.
    pub fn new(host: &Element, used_for: &'static str) -> Overlay {
        Overlay {
            root: RefCell::new(Root::take(host, used_for)),
            mount: next_mount(),
            watch: None,
        }
    }

    /// An overlay in `host` that takes the place of what `replace` takes
    /// away: `replace` runs in the task in which the overlay's markup
    /// reaches the page (a mutation observer's microtask; Yew's effects may
    /// run a task later), so the place is never empty nor doubled between
    /// two frames.
    pub fn replacing(
        host: &Element,
        used_for: &'static str,
        replace: impl Fn() + 'static,
    ) -> Overlay {
        let mut overlay = Overlay::new(host, used_for);
        let Some(element) = overlay
            .root
            .borrow()
            .as_ref()
            .map(|root| root.element.clone())
        else {
            return overlay;
        };
        let drawn = element.clone();
        let seen: Seen = Closure::new(move |_: JsValue, observer: MutationObserver| {
            if drawn.child_element_count() > 0 {
                observer.disconnect();
                replace();
            }
        });
        if let Ok(observer) = MutationObserver::new(seen.as_ref().unchecked_ref()) {
            let children = MutationObserverInit::new();
            children.set_child_list(true);
            if observer.observe_with_options(&element, &children).is_ok() {
                overlay.watch = Some((observer, seen));
            }
        }
        overlay
    }

    /// Draws `html` (callbacks in it reach the part's app as anywhere).
    pub fn show(&self, html: Html) {
        if let Some(root) = &mut *self.root.borrow_mut() {
            root.show(self.mount, Rc::new(move || html.clone()));
        }
    }

    /// Takes the overlay down and frees its root.
    pub fn release(&self) {
        if let Some((observer, _)) = &self.watch {
            observer.disconnect();
        }
        if let Some(root) = self.root.take() {
            root.release();
        }
    }
}

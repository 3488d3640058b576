//! [`Creator`]: creator mode's first part — its part fetched at mount,
//! with a retry if that fails.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Node};
use yew::Callback;

use crate::embed::config::WidgetConfig;
use crate::embed::events::WidgetEvent;
use crate::parts::{self, CreatorProps, Drawn};
use crate::view::waiting;

/// A creator's widget.
pub struct Creator {
    me: Weak<Creator>,
    host: Node,
    document: Document,
    props: RefCell<CreatorProps>,
    stage: RefCell<Stage>,
}

/// Where the creator part stands.
enum Stage {
    Waiting(#[allow(dead_code)] waiting::Shown),
    Failed(#[allow(dead_code)] waiting::Shown),
    Started(Box<dyn Drawn<CreatorProps>>),
    Ended,
}

impl Creator {
    /// Starts creator mode in `host` (the shadow root) with `props`.
    pub fn start(host: Node, document: &Document, props: CreatorProps) -> Rc<Creator> {
        let creator = Rc::new_cyclic(|me| Creator {
            me: me.clone(),
            host,
            document: document.clone(),
            props: RefCell::new(props),
            stage: RefCell::new(Stage::Ended),
        });
        match parts::CREATOR.linked {
            Some(start) => {
                let props = creator.props.borrow().clone();
                let drawn = start(&creator.host, props);
                creator.stage.replace(Stage::Started(drawn));
            }
            None => creator.fetch(),
        }
        creator
    }

    /// Takes a changed config.
    pub fn reconfigure(&self, config: Rc<WidgetConfig>) {
        let props = {
            let mut props = self.props.borrow_mut();
            props.config = config;
            props.clone()
        };
        if let Stage::Started(drawn) = &mut *self.stage.borrow_mut() {
            drawn.show(props);
        }
    }

    /// The host destroyed the widget.
    pub fn end(&self) {
        if let Stage::Started(drawn) = self.stage.replace(Stage::Ended) {
            drawn.remove();
        }
    }

    /// Fetches the part, showing the wait, then draws it, or shows the
    /// failure with a retry (and the host hears `part_unavailable`).
    fn fetch(&self) {
        let locale = self.props.borrow().config.locale;
        let shown = waiting::creator(&self.host, &self.document, false, locale, &Callback::noop());
        self.stage.replace(Stage::Waiting(shown));
        let me = self.me.clone();
        spawn_local(async move {
            let loaded = (parts::CREATOR.load)().await;
            let Some(creator) = me.upgrade() else {
                return;
            };
            if matches!(*creator.stage.borrow(), Stage::Ended) {
                return;
            }
            match loaded {
                Ok(start) => {
                    let props = creator.props.borrow().clone();
                    // The wait goes as the part comes.
                    creator.stage.replace(Stage::Ended);
                    let drawn = start(&creator.host, props);
                    creator.stage.replace(Stage::Started(drawn));
                }
                Err(_) => creator.failed(),
            }
        });
    }

    fn failed(&self) {
        let (locale, on_event) = {
            let props = self.props.borrow();
            (props.config.locale, props.on_event.clone())
        };
        let retry = {
            let me = self.me.clone();
            Callback::from(move |()| {
                if let Some(creator) = me.upgrade() {
                    creator.fetch();
                }
            })
        };
        self.stage.replace(Stage::Ended);
        let shown = waiting::creator(&self.host, &self.document, true, locale, &retry);
        self.stage.replace(Stage::Failed(shown));
        on_event.emit(WidgetEvent::Error {
            code: "part_unavailable",
            message: "etalase: a part of the widget could not be fetched".into(),
        });
    }
}

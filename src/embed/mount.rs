//! Mounting in a Shadow DOM, and unmounting without a trace.
//!
//! The widget lives in a container `<div>` appended to the host's target, with
//! an open shadow root. Styles come from one constructable `CSSStyleSheet`
//! (shared by every mount) adopted by the shadow root, so the widget works
//! under a strict CSP (`style-src 'self'`): no `<style>` element and no
//! `style` attribute anywhere. The stylesheet's `:host` rule makes the
//! container fill the target without taking the video's pointer events.
//! A second, per-mount sheet carries the host's accent and a dragged
//! sheet's offset, and `data-theme` the light palette (see [`super::theme`]).

use std::rc::Rc;

use js_sys::Array;
use web_sys::{CssStyleSheet, Document, Element, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback, Renderer};

use super::config::WidgetConfig;
use super::controls::Controls;
use super::events::{Emitter, WidgetEvent};
use super::panic::{self, Watch};
use super::style::CSS;
use crate::app::{App, AppProps};

thread_local! {
    /// The stylesheet built on first mount and shared by later ones.
    static SHEET: std::cell::OnceCell<CssStyleSheet> = const { std::cell::OnceCell::new() };
}

/// A DOM step of mounting that the browser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomError(pub &'static str);

impl std::fmt::Display for DomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// A widget on the page: everything needed to take it off again.
#[derive(Debug)]
pub struct Mounted {
    app: AppHandle<App>,
    container: Element,
    watch: Watch,
    controls: Rc<Controls>,
}

/// Mounts the widget for `config` inside `target`, reporting through `emitter`.
pub fn mount(
    document: &Document,
    target: &Element,
    config: WidgetConfig,
    emitter: Emitter,
) -> Result<Mounted, DomError> {
    let sheet = stylesheet()?;
    let container = document
        .create_element("div")
        .map_err(|_| DomError("etalase: could not create the widget container"))?;
    container
        .set_attribute("data-etalase", "")
        .map_err(|_| DomError("etalase: could not mark the widget container"))?;
    let shadow = container
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| DomError("etalase: could not attach a shadow root"))?;
    let own = CssStyleSheet::new()
        .map_err(|_| DomError("etalase: this browser lacks constructable stylesheets"))?;
    own.replace_sync(&config.theme.host_rule())
        .map_err(|_| DomError("etalase: the theme stylesheet was refused"))?;
    shadow.set_adopted_style_sheets(&Array::of2(&sheet, &own));
    if !config.theme.dark {
        container
            .set_attribute("data-theme", "light")
            .map_err(|_| DomError("etalase: could not mark the widget container"))?;
    }
    let root = document
        .create_element("div")
        .map_err(|_| DomError("etalase: could not create the widget root"))?;
    shadow
        .append_child(&root)
        .map_err(|_| DomError("etalase: could not attach the widget root"))?;
    target
        .append_child(&container)
        .map_err(|_| DomError("etalase: could not append the widget to its target"))?;

    let watch = panic::watch(emitter.clone());
    let controls = Rc::new(Controls::default());
    let props = AppProps {
        config: Rc::new(config),
        on_event: Callback::from(move |event: WidgetEvent| emitter.emit(&event)),
        controls: Rc::clone(&controls),
    };
    let app = Renderer::<App>::with_root_and_props(root, props).render();
    Ok(Mounted {
        app,
        container,
        watch,
        controls,
    })
}

impl Mounted {
    /// The line to the running app, for the handle's methods.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Destroys the Yew app (running effect cleanups, so listeners go) and
    /// removes the container, shadow root and all, from the target.
    pub fn unmount(self) {
        self.controls.end();
        self.app.destroy();
        self.container.remove();
        self.watch.end();
    }
}

/// The shared widget stylesheet, built on first use.
fn stylesheet() -> Result<CssStyleSheet, DomError> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()
            .map_err(|_| DomError("etalase: this browser lacks constructable stylesheets"))?;
        sheet
            .replace_sync(CSS)
            .map_err(|_| DomError("etalase: the widget stylesheet was refused"))?;
        Ok(cell.get_or_init(|| sheet).clone())
    })
}

//! Mounting in a Shadow DOM, and unmounting without a trace.
//!
//! The widget lives in a container `<div>` appended to the host's target, with
//! an open shadow root. Styles come from one constructable `CSSStyleSheet`
//! (shared by every mount) adopted by the shadow root, so the widget works
//! under a strict CSP (`style-src 'self'`): no `<style>` element and no
//! `style` attribute anywhere. The stylesheet's `:host` rule makes the
//! container fill the target without taking the video's pointer events.
//! A second, per-mount sheet carries the host's accent and a dragged
//! sheet's offset, and `data-theme` the light palette (see [`super::theme`]);
//! `setTheme` rewrites both. `setStream`, `setLocale` and `setToken` hand
//! the app a new config ([`Mounted::reconfigure`]).

use std::rc::Rc;

use js_sys::Array;
use web_sys::{CssStyleSheet, Document, Element, ShadowRootInit, ShadowRootMode};
use yew::Callback;

use super::config::WidgetConfig;
use super::controls::Controls;
use super::events::{Emitter, WidgetEvent};
use super::panic::{self, Watch};
use super::style::CSS;
use super::theme::Theme;
use crate::app::App;

thread_local! {
    /// The stylesheet built on first mount and shared by later ones.
    static SHEET: std::cell::OnceCell<CssStyleSheet> = const { std::cell::OnceCell::new() };
    /// The later parts' styles added to the shared sheet, in order.
    static EXTENDED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Every widget on the page until its `destroy`: a host that drops its
    /// handle (or whose handle the garbage collector frees) keeps the widget
    /// working, as documented; only `destroy` ends it.
    static LIVE: std::cell::RefCell<Vec<App>> = const { std::cell::RefCell::new(Vec::new()) };
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
    app: App,
    container: Element,
    watch: Watch,
    controls: Rc<Controls>,
    config: Rc<WidgetConfig>,
    own: CssStyleSheet,
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
    shadow.set_adopted_style_sheets(&Array::of2(&sheet, &own));
    paint(&container, &own, &config.theme)?;
    target
        .append_child(&container)
        .map_err(|_| DomError("etalase: could not append the widget to its target"))?;

    let watch = panic::watch(emitter.clone());
    let controls = Rc::new(Controls::default());
    let config = Rc::new(config);
    let on_event = Callback::from(move |event: WidgetEvent| emitter.emit(&event));
    let app = App::start(
        &shadow,
        document,
        Rc::clone(&config),
        on_event,
        Rc::clone(&controls),
    );
    LIVE.with(|live| live.borrow_mut().push(app.clone()));
    Ok(Mounted {
        app,
        container,
        watch,
        controls,
        config,
        own,
    })
}

/// Writes `theme` into the per-mount sheet and the container's `data-theme`.
fn paint(container: &Element, own: &CssStyleSheet, theme: &Theme) -> Result<(), DomError> {
    own.replace_sync(&theme.host_rule())
        .map_err(|_| DomError("etalase: the theme stylesheet was refused"))?;
    let marked = if theme.dark {
        container.remove_attribute("data-theme")
    } else {
        container.set_attribute("data-theme", "light")
    };
    marked.map_err(|_| DomError("etalase: could not mark the widget container"))
}

/// Builds the shared stylesheet now, so the first mount does not parse it.
pub fn prepare() -> Result<(), DomError> {
    stylesheet().map(drop)
}

impl Mounted {
    /// The line to the running app, for the handle's methods.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Applies `change` to the config and hands the app the result.
    pub fn reconfigure(&mut self, change: impl FnOnce(&mut WidgetConfig)) {
        let mut config = (*self.config).clone();
        change(&mut config);
        if config == *self.config {
            return;
        }
        self.config = Rc::new(config);
        self.app.reconfigure(Rc::clone(&self.config));
    }

    /// Repaints the widget with `theme`.
    pub fn set_theme(&mut self, theme: Theme) -> Result<(), DomError> {
        paint(&self.container, &self.own, &theme)?;
        self.reconfigure(|config| config.theme = theme);
        Ok(())
    }

    /// Ends the app (a later part's app unmounts, running its effect
    /// cleanups, so listeners go) and removes the container, shadow root
    /// and all, from the target.
    pub fn unmount(self) {
        self.controls.end();
        self.app.end();
        LIVE.with(|live| live.borrow_mut().retain(|app| !app.is(&self.app)));
        self.container.remove();
        self.watch.end();
    }
}

/// Adds `extra` (a later part's styles) to the shared stylesheet, once
/// each: every shadow root that adopted it restyles at once, before the
/// next frame.
pub(crate) fn extend_stylesheet(extra: &'static str) {
    let text = EXTENDED.with(|added| {
        let mut added = added.borrow_mut();
        if added.iter().any(|css| std::ptr::eq(*css, extra)) {
            return None;
        }
        added.push(extra);
        Some(
            [CSS]
                .into_iter()
                .chain(added.iter().copied())
                .collect::<String>(),
        )
    });
    if let (Some(text), Ok(sheet)) = (text, stylesheet()) {
        // The same text the browser already accepted, and more of it.
        let _ = sheet.replace_sync(&text);
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

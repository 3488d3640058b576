//! [`use_playback`]: the host's video by the second — the tags of the
//! stream it plays, loaded when the host first says where it is, and the
//! product on screen as each second comes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use etalase_contract::VideoTagList;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiClient;
use crate::embed::controls::Controls;
use crate::parts::shop::state::tags::{on_screen, recorded_second};

/// The tags of the stream being watched, as far as they are known.
pub struct Playback {
    client: Rc<ApiClient>,
    controls: Rc<Controls>,
    on_screen: UseStateSetter<Option<String>>,
    stream_id: RefCell<String>,
    /// The stream's tags, once they have come.
    tags: RefCell<Option<VideoTagList>>,
    /// Whether they have been asked for (a failure asks again at the next
    /// second heard).
    asked: Cell<bool>,
}

impl Playback {
    /// The second a line of `product_id` opened at `opened` records: for a
    /// recorded video whose tags have come, that second when the video has it.
    pub fn recorded(&self, product_id: &str, opened: Option<u32>) -> Option<u32> {
        let tags = self.tags.borrow();
        tags.as_ref()
            .and_then(|tags| recorded_second(tags, product_id, opened))
    }

    /// Watches `stream_id` from now on: its tags are asked for when the
    /// host gives a second, and until they come no card is raised.
    fn watch(self: &Rc<Self>, stream_id: &str) {
        if *self.stream_id.borrow() == stream_id {
            return;
        }
        self.stream_id.replace(stream_id.to_owned());
        self.tags.replace(None);
        self.asked.set(false);
        self.on_screen.set(None);
    }

    /// The host's video is at `second`: the product tagged then is on
    /// screen, drawn before the next frame.
    fn heard(self: &Rc<Self>, second: u32) {
        if !self.asked.replace(true) {
            self.load();
        }
        let tags = self.tags.borrow();
        let product = tags.as_ref().and_then(|tags| on_screen(tags, second));
        self.on_screen.set(product.map(str::to_owned));
    }

    /// Asks for the watched stream's tags; an answer for a stream no longer
    /// watched is dropped.
    fn load(self: &Rc<Self>) {
        let this = Rc::clone(self);
        let stream_id = self.stream_id.borrow().clone();
        spawn_local(async move {
            let answer = this.client.stream_tags(&stream_id).await;
            if *this.stream_id.borrow() != stream_id {
                return;
            }
            match answer {
                Ok(tags) => {
                    this.tags.replace(Some(tags));
                    if let Some(second) = this.controls.playback() {
                        this.heard(second);
                    }
                }
                // The cards stay as they are; the next second asks again.
                Err(_) => this.asked.set(false),
            }
        });
    }
}

/// Follows the host's playback (`setPlayback`) while the shop is up, for
/// the stream `stream_id`: answers the product tagged at the latest second
/// (its card leads the strip), and what the cart needs to record a line's
/// second.
#[hook]
pub fn use_playback(
    client: &Rc<ApiClient>,
    controls: &Rc<Controls>,
    stream_id: &str,
) -> (Rc<Playback>, Option<String>) {
    let shown = use_state_eq(|| None::<String>);
    let playback = {
        let (client, controls) = (Rc::clone(client), Rc::clone(controls));
        let on_screen = shown.setter();
        use_memo((), move |()| {
            Rc::new(Playback {
                client,
                controls,
                on_screen,
                stream_id: RefCell::new(String::new()),
                tags: RefCell::new(None),
                asked: Cell::new(false),
            })
        })
    };
    let followed = Rc::clone(&*playback);
    use_effect_with(stream_id.to_owned(), move |stream_id| {
        followed.watch(stream_id);
        let heard = Rc::clone(&followed);
        let controls = Rc::clone(&followed.controls);
        controls.follow_playback(Some(Callback::from(move |second| heard.heard(second))));
        move || controls.follow_playback(None)
    });
    (Rc::clone(&*playback), (*shown).clone())
}

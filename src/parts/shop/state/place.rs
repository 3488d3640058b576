//! [`Place`]: where a new address is, as the shopper finds it — the
//! district-or-city search, then the district of a picked city, then the
//! village (kelurahan or desa) with its postal code.
//!
//! A district picked in the search lists its villages; a village picked in
//! the search names its district too; a regency or city picked lists its
//! districts first. The lists come from `GET /v1/regions/{code}/children`
//! ([`Place::children_due`] names the one to load); the region list itself
//! stays on the server.

use std::rc::Rc;

use etalase_contract::{Region, RegionLevel, SavedAddress};
use yew::Reducible;

use super::region_search::{Key, KeyMove, RegionSearch};
use crate::api::ApiError;
use crate::state::remote::Remote;

/// Where the address is.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The district-or-city combobox.
    pub search: RegionSearch,
    /// A regency or city picked in the search: its district comes next.
    pub city: Option<Region>,
    /// The city's districts.
    pub districts: Remote<Vec<Region>>,
    /// The district picked.
    pub district: Option<Region>,
    /// The district's villages.
    pub villages: Remote<Vec<Region>>,
    /// The village picked.
    pub village: Option<Region>,
    /// The place as last picked, while the shopper types over it: Escape
    /// on the closed list brings it back, village and postal code with it.
    kept: Option<Rc<Place>>,
}

/// What happens to the place.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceAction {
    /// The shopper typed in the search.
    Type(String),
    /// Typing paused on this text.
    Settle(String),
    /// The search for this text left.
    Sent(String),
    /// The search for this text answered.
    Found(String, Result<etalase_contract::RegionSearch, ApiError>),
    /// Search the failed text again.
    RetrySearch,
    /// A key in the search.
    Key(Key),
    /// The search's option at this index was tapped.
    Pick(usize),
    /// The search's list closes (focus went elsewhere).
    CloseList,
    /// The children of this code are being loaded.
    ChildrenSent(String),
    /// The children of this code arrived, or not.
    ChildrenLoaded(String, Result<Rc<Vec<Region>>, ApiError>),
    /// Load the failed list again.
    RetryChildren,
    /// A district of the picked city, by code.
    ChooseDistrict(String),
    /// A village of the district, by code (empty: none).
    ChooseVillage(String),
    /// A draft's region, picked again after a reload.
    Restore(Region),
}

/// The district above a village, from the village's code and path
/// (`Dago, Coblong, Kota Bandung, Jawa Barat` → `Coblong, Kota Bandung,
/// Jawa Barat`).
fn district_of(village: &Region) -> Option<Region> {
    let (code, _) = village.code.rsplit_once('.')?;
    let (_, path) = village.path.split_once(", ")?;
    let name = path.split(", ").next()?;
    Some(Region {
        code: code.to_owned(),
        level: RegionLevel::District,
        name: name.to_owned(),
        path: path.to_owned(),
        postal_code: None,
    })
}

impl Default for Place {
    fn default() -> Self {
        Place {
            search: RegionSearch::default(),
            city: None,
            districts: Remote::Idle,
            district: None,
            villages: Remote::Idle,
            village: None,
            kept: None,
        }
    }
}

impl Place {
    /// A place searched from `text` at once: a legacy address's district.
    pub fn starting_at(text: &str) -> Self {
        Place {
            search: RegionSearch::starting_at(text),
            ..Place::default()
        }
    }

    /// A place with `region` picked, as if found by the search: a saved
    /// address's village, or a draft's deepest pick.
    pub fn at(region: Region) -> Self {
        let mut place = Place::default();
        place.pick(region);
        place
    }

    /// A saved address's place: a legacy one's district as typed searched
    /// at once, one keyed on a village (or a district) picked there.
    pub fn of_saved(saved: &SavedAddress) -> Self {
        let address = &saved.address;
        let code = saved.region_code.as_deref().filter(|_| !saved.needs_region);
        let Some(code) = code else {
            return Place::starting_at(&address.district);
        };
        let above = [
            address.district.as_str(),
            address.city.as_str(),
            address.province.as_str(),
        ];
        let region = match &saved.village {
            Some(village) if code.split('.').count() == 4 => Region {
                code: code.to_owned(),
                level: RegionLevel::Village,
                name: village.clone(),
                path: [&[village.as_str()][..], &above].concat().join(", "),
                postal_code: Some(address.postal_code.clone()),
            },
            // Keyed on its district alone: the village is the shopper's to pick.
            _ => Region {
                code: code.splitn(4, '.').take(3).collect::<Vec<_>>().join("."),
                level: RegionLevel::District,
                name: address.district.clone(),
                path: above.join(", "),
                postal_code: None,
            },
        };
        Place::at(region)
    }

    /// The deepest region picked: the village, else the district, else the
    /// city.
    pub fn deepest(&self) -> Option<&Region> {
        self.village
            .as_ref()
            .or(self.district.as_ref())
            .or(self.city.as_ref())
    }

    /// The code whose children must be loaded now: the picked city's
    /// districts or the picked district's villages, not yet asked for.
    pub fn children_due(&self) -> Option<&str> {
        if let (Some(district), Remote::Idle) = (&self.district, &self.villages) {
            return Some(&district.code);
        }
        match (&self.city, &self.districts) {
            (Some(city), Remote::Idle) if self.district.is_none() => Some(&city.code),
            _ => None,
        }
    }

    /// The village's postal code, when the list has one.
    pub fn postal_code(&self) -> Option<&str> {
        self.village.as_ref()?.postal_code.as_deref()
    }

    /// What `key` does in the search now: as [`RegionSearch::on_key`]
    /// says, except that Escape on a closed list typed over a picked place
    /// brings that place back ([`KeyMove::Clear`], read here as "revert").
    pub fn on_key(&self, key: Key) -> KeyMove {
        let move_ = self.search.on_key(key);
        let typed_over = self.kept.is_some() && !self.search.picked;
        match move_ {
            KeyMove::Pass if key == Key::Escape && typed_over => KeyMove::Clear,
            other => other,
        }
    }

    /// The place as picked now, to bring back once typed over: lists on
    /// their way are asked for again, and the list of options is closed.
    fn snapshot(&self) -> Rc<Place> {
        let mut kept = self.clone();
        kept.kept = None;
        kept.search.close();
        for list in [&mut kept.districts, &mut kept.villages] {
            if *list == Remote::Loading {
                *list = Remote::Idle;
            }
        }
        Rc::new(kept)
    }

    /// Everything picked is forgotten: the search is the shopper's again.
    fn unpick(&mut self) {
        self.city = None;
        self.districts = Remote::Idle;
        self.district = None;
        self.villages = Remote::Idle;
        self.village = None;
    }

    /// `region`, found by the search, is picked: the field shows its path,
    /// or a village's district's (the village has a picker of its own).
    fn pick(&mut self, region: Region) {
        self.unpick();
        self.kept = None;
        match region.level {
            RegionLevel::Province | RegionLevel::City => {
                self.search.pick(&region);
                self.city = Some(region);
            }
            RegionLevel::District => {
                self.search.pick(&region);
                self.district = Some(region);
            }
            RegionLevel::Village => {
                self.district = district_of(&region);
                self.search.pick(self.district.as_ref().unwrap_or(&region));
                self.village = Some(region);
            }
        }
    }

    /// The list whose children of `code` these are, if still wanted.
    fn list_of(&mut self, code: &str) -> Option<&mut Remote<Vec<Region>>> {
        if self.district.as_ref().is_some_and(|d| d.code == code) {
            Some(&mut self.villages)
        } else if self.city.as_ref().is_some_and(|c| c.code == code) && self.district.is_none() {
            Some(&mut self.districts)
        } else {
            None
        }
    }

    /// The place after `action`.
    pub fn next(mut self, action: PlaceAction) -> Self {
        match action {
            PlaceAction::Type(text) => {
                if self.search.picked && self.deepest().is_some() {
                    self.kept = Some(self.snapshot());
                }
                self.search.typed(text);
                self.unpick();
            }
            PlaceAction::Settle(text) => self.search.settle(&text),
            PlaceAction::Sent(query) => self.search.sent(query),
            PlaceAction::Found(query, result) => self.search.answered(query, result),
            PlaceAction::RetrySearch => self.search.retry(),
            PlaceAction::Key(key) => match self.on_key(key) {
                KeyMove::Pick(at) => {
                    if let Some(region) = self.search.options().get(at).cloned() {
                        self.pick(region);
                    }
                }
                KeyMove::Clear => match self.kept.take() {
                    Some(kept) => return (*kept).clone(),
                    None => {
                        self.search.apply(KeyMove::Clear);
                        self.unpick();
                    }
                },
                other => self.search.apply(other),
            },
            PlaceAction::Pick(at) => {
                if let Some(region) = self.search.options().get(at).cloned() {
                    self.pick(region);
                }
            }
            PlaceAction::CloseList => self.search.close(),
            PlaceAction::ChildrenSent(code) => {
                if let Some(list) = self.list_of(&code) {
                    *list = Remote::Loading;
                }
            }
            PlaceAction::ChildrenLoaded(code, result) => {
                let only = match &result {
                    Ok(regions) if regions.len() == 1 => regions.first().cloned(),
                    _ => None,
                };
                let is_villages = self.district.as_ref().is_some_and(|d| d.code == code);
                if let Some(list) = self.list_of(&code) {
                    *list = result.into();
                }
                if is_villages {
                    match (&self.village, &self.villages) {
                        // A district of one village: it is the one.
                        (None, _) => self.village = only,
                        // A village picked before its list came (a saved
                        // address, a draft) is read as the list has it.
                        (Some(village), Remote::Ready(villages)) => {
                            if let Some(listed) = villages.iter().find(|v| v.code == village.code) {
                                self.village = Some(listed.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
            PlaceAction::RetryChildren => {
                if matches!(self.villages, Remote::Failed(_)) {
                    self.villages = Remote::Idle;
                }
                if matches!(self.districts, Remote::Failed(_)) {
                    self.districts = Remote::Idle;
                }
            }
            PlaceAction::ChooseDistrict(code) => {
                let Remote::Ready(districts) = &self.districts else {
                    return self;
                };
                let district = districts.iter().find(|d| d.code == code).cloned();
                if district != self.district {
                    self.district = district;
                    self.villages = Remote::Idle;
                    self.village = None;
                }
            }
            PlaceAction::ChooseVillage(code) => {
                let Remote::Ready(villages) = &self.villages else {
                    return self;
                };
                self.village = villages.iter().find(|v| v.code == code).cloned();
            }
            PlaceAction::Restore(region) => return Place::at(region),
        }
        self
    }
}

impl Reducible for Place {
    type Action = PlaceAction;

    fn reduce(self: Rc<Self>, action: PlaceAction) -> Rc<Self> {
        Rc::new((*self).clone().next(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str, level: RegionLevel, name: &str, path: &str, postal: &str) -> Region {
        Region {
            code: code.into(),
            level,
            name: name.into(),
            path: path.into(),
            postal_code: (!postal.is_empty()).then(|| postal.into()),
        }
    }

    fn coblong() -> Region {
        let path = "Coblong, Kota Bandung, Jawa Barat";
        region("32.73.02", RegionLevel::District, "Coblong", path, "")
    }

    fn dago() -> Region {
        let path = "Dago, Coblong, Kota Bandung, Jawa Barat";
        region("32.73.02.1004", RegionLevel::Village, "Dago", path, "40135")
    }

    fn bandung() -> Region {
        let path = "Kota Bandung, Jawa Barat";
        region("32.73", RegionLevel::City, "Kota Bandung", path, "")
    }

    /// A place whose search for `text` found `regions`.
    fn found(text: &str, regions: Vec<Region>) -> Place {
        [
            PlaceAction::Type(text.into()),
            PlaceAction::Settle(text.into()),
            PlaceAction::Sent(text.into()),
            PlaceAction::Found(
                text.into(),
                Ok(etalase_contract::RegionSearch {
                    regions,
                    more: false,
                }),
            ),
        ]
        .into_iter()
        .fold(Place::default(), Place::next)
    }

    #[test]
    fn a_district_picked_by_keyboard_lists_its_villages_and_a_village_fills_the_postal_code() {
        let place = [
            PlaceAction::Key(Key::Down),
            PlaceAction::Key(Key::Down),
            PlaceAction::Key(Key::Enter),
        ]
        .into_iter()
        .fold(found("coblong", vec![dago(), coblong()]), Place::next);
        assert_eq!(place.district, Some(coblong()));
        assert_eq!(place.search.text, "Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(place.children_due(), Some("32.73.02"));
        let place = place.next(PlaceAction::ChildrenSent("32.73.02".into()));
        assert_eq!(place.children_due(), None, "asked once");
        let villages = Rc::new(vec![dago()]);
        let place = place
            .next(PlaceAction::ChildrenLoaded("32.73.02".into(), Ok(villages)))
            .next(PlaceAction::ChooseVillage("32.73.02.1004".into()));
        assert_eq!(place.village, Some(dago()));
        assert_eq!(place.postal_code(), Some("40135"));
    }

    #[test]
    fn a_place_at_a_saved_village_lists_its_district_and_reads_the_village_as_listed() {
        let mut saved = dago();
        saved.postal_code = None;
        let place = Place::at(saved);
        assert_eq!(place.search.text, "Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(
            place.deepest().map(|r| r.code.as_str()),
            Some("32.73.02.1004")
        );
        assert_eq!(place.children_due(), Some("32.73.02"));
        let villages = Rc::new(vec![dago()]);
        let place = place
            .next(PlaceAction::ChildrenSent("32.73.02".into()))
            .next(PlaceAction::ChildrenLoaded("32.73.02".into(), Ok(villages)));
        assert_eq!(place.village, Some(dago()));
        assert_eq!(place.postal_code(), Some("40135"), "as the list has it");
        let saved = SavedAddress {
            address: etalase_contract::Address {
                id: "adr-1".into(),
                recipient: "Sari".into(),
                phone: "+6281234567890".into(),
                province: "Jawa Barat".into(),
                city: "Kota Bandung".into(),
                district: "Coblong".into(),
                postal_code: "40135".into(),
                street: "Jl. Dago 1".into(),
            },
            village: Some("Dago".into()),
            region_code: Some("32.73.02.1004".into()),
            needs_region: false,
        };
        assert_eq!(
            Place::of_saved(&saved),
            Place::at(dago()),
            "its village picked"
        );
        let legacy = SavedAddress {
            village: None,
            region_code: None,
            needs_region: true,
            ..saved
        };
        let asked = Place::of_saved(&legacy);
        assert_eq!(asked.search.text, "Coblong");
        assert_eq!(asked.search.due(), Some("Coblong"), "searched at once");
        assert_eq!(asked.deepest(), None);
        let city = Place::at(bandung());
        assert_eq!(city.deepest(), Some(&bandung()));
        assert_eq!(city.children_due(), Some("32.73"));
    }

    #[test]
    fn a_village_picked_by_tap_names_its_district_and_still_lists_the_others() {
        let place = found("dago", vec![dago()]).next(PlaceAction::Pick(0));
        assert_eq!(place.village, Some(dago()));
        assert_eq!(place.search.text, "Coblong, Kota Bandung, Jawa Barat");
        let district = place.district.clone().unwrap_or_else(coblong);
        assert_eq!(district.code, "32.73.02");
        assert_eq!(district.name, "Coblong");
        assert_eq!(district.path, "Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(place.children_due(), Some("32.73.02"));
        assert_eq!(place.postal_code(), Some("40135"));
    }

    #[test]
    fn a_city_picked_lists_its_districts_then_the_districts_villages() {
        let place = found("bandung", vec![bandung()]).next(PlaceAction::Pick(0));
        assert_eq!(place.city, Some(bandung()));
        assert_eq!(place.children_due(), Some("32.73"));
        let place = place
            .next(PlaceAction::ChildrenSent("32.73".into()))
            .next(PlaceAction::ChildrenLoaded(
                "32.73".into(),
                Ok(Rc::new(vec![coblong()])),
            ))
            .next(PlaceAction::ChooseDistrict("32.73.02".into()));
        assert_eq!(place.district, Some(coblong()));
        assert_eq!(place.children_due(), Some("32.73.02"));
    }

    #[test]
    fn typing_again_forgets_the_pick_and_a_late_list_is_dropped() {
        let place = found("dago", vec![dago()])
            .next(PlaceAction::Pick(0))
            .next(PlaceAction::ChildrenSent("32.73.02".into()))
            .next(PlaceAction::Type("sukaj".into()));
        assert_eq!(place.district, None);
        assert_eq!(place.village, None);
        let place = place.next(PlaceAction::ChildrenLoaded(
            "32.73.02".into(),
            Ok(Rc::new(vec![dago()])),
        ));
        assert_eq!(
            place.villages,
            Remote::Idle,
            "Coblong's villages came too late"
        );
    }

    #[test]
    fn a_failed_list_is_retried_and_a_lone_village_is_chosen() {
        let place = found("coblong", vec![coblong()])
            .next(PlaceAction::Pick(0))
            .next(PlaceAction::ChildrenSent("32.73.02".into()))
            .next(PlaceAction::ChildrenLoaded(
                "32.73.02".into(),
                Err(ApiError::Network("offline".into())),
            ));
        assert!(matches!(place.villages, Remote::Failed(_)));
        assert_eq!(place.children_due(), None);
        let place = place.next(PlaceAction::RetryChildren);
        assert_eq!(place.children_due(), Some("32.73.02"));
        let place = place.next(PlaceAction::ChildrenLoaded(
            "32.73.02".into(),
            Ok(Rc::new(vec![dago()])),
        ));
        assert_eq!(place.village, Some(dago()));
    }

    #[test]
    fn escape_on_a_closed_search_keeps_the_pick() {
        let place = found("coblong", vec![coblong()])
            .next(PlaceAction::Pick(0))
            .next(PlaceAction::Key(Key::Escape));
        assert!(!place.search.text.is_empty(), "the district still shown");
        assert_eq!(place.district, Some(coblong()), "and still chosen");
    }

    #[test]
    fn escape_after_typing_over_a_pick_brings_back_its_village() {
        let picked = found("coblong", vec![coblong()])
            .next(PlaceAction::Pick(0))
            .next(PlaceAction::ChildrenSent("32.73.02".into()))
            .next(PlaceAction::ChildrenLoaded(
                "32.73.02".into(),
                Ok(Rc::new(vec![dago(), coblong()])),
            ))
            .next(PlaceAction::ChooseVillage("32.73.02.1004".into()));
        let typed = [
            PlaceAction::Type("tebet".into()),
            PlaceAction::Settle("tebet".into()),
            PlaceAction::Sent("tebet".into()),
            PlaceAction::Found(
                "tebet".into(),
                Ok(etalase_contract::RegionSearch {
                    regions: vec![bandung()],
                    more: false,
                }),
            ),
        ]
        .into_iter()
        .fold(picked.clone(), Place::next);
        assert_eq!(typed.village, None, "typing forgets the pick");
        let closed = typed.next(PlaceAction::Key(Key::Escape));
        assert!(!closed.search.open, "the first Escape closes the list");
        assert_eq!(closed.search.text, "tebet");
        let back = closed.next(PlaceAction::Key(Key::Escape));
        assert_eq!(
            back.village,
            Some(dago()),
            "the second brings the village back"
        );
        assert_eq!(back.postal_code(), Some("40135"));
        assert_eq!(back.search.text, "Coblong, Kota Bandung, Jawa Barat");
        assert_eq!(
            back.on_key(Key::Escape),
            KeyMove::Pass,
            "then Escape is the sheet's"
        );
        let emptied = picked
            .next(PlaceAction::Type(String::new()))
            .next(PlaceAction::Key(Key::Escape));
        assert_eq!(emptied.village, Some(dago()), "an emptied field too");
    }
}

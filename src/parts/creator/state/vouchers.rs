//! [`CreatorVouchers`]: the stream's live vouchers as their creator manages
//! them — each with its claims and uses, its time left counted down from
//! when the server's word arrived, and ending one once confirmed — as a
//! pure state machine. Nothing here reads a clock: the caller passes the
//! moments in (milliseconds of the page's clock).

use std::rc::Rc;

use etalase_contract::{CreatorVoucher, CreatorVoucherList, LiveVoucher};
use yew::Reducible;

use crate::api::ApiError;
use crate::state::remote::Remote;

/// A voucher of the list and when the server's latest word on it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The voucher with its claims and uses.
    pub voucher: CreatorVoucher,
    /// When it arrived, in milliseconds of the page's clock.
    pub at_ms: i64,
}

impl Listed {
    /// Whole seconds left to claim it at `now_ms`, rounded up; 0 once closed.
    pub fn seconds_left(&self, now_ms: i64) -> u64 {
        if !self.voucher.claimable {
            return 0;
        }
        let left = i64::from(self.voucher.voucher.seconds_left) * 1_000
            - now_ms.saturating_sub(self.at_ms).max(0);
        u64::try_from(left.saturating_add(999) / 1_000).unwrap_or(0)
    }

    /// The claims taken so far.
    pub fn claimed(&self) -> u32 {
        self.voucher
            .quota
            .saturating_sub(self.voucher.voucher.quota_left)
    }
}

/// The stream's live vouchers, newest first, and where ending one stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorVouchers {
    /// The vouchers, newest first.
    pub list: Remote<Vec<Listed>>,
    /// The voucher whose "End" waits for the creator's confirmation.
    pub confirming: Option<String>,
    /// The voucher an end is on its way for; one at a time.
    pub ending: Option<String>,
    /// Whether the list is being fetched again behind the one shown.
    pub refreshing: bool,
    /// Vouchers the feed told of while a fetch of the list was on its way,
    /// whose answer may predate them.
    heard_meanwhile: Vec<Listed>,
}

impl Default for CreatorVouchers {
    fn default() -> Self {
        CreatorVouchers {
            list: Remote::Loading,
            confirming: None,
            ending: None,
            refreshing: false,
            heard_meanwhile: Vec::new(),
        }
    }
}

/// What the creator, the server and the live feed can do to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VouchersAction {
    /// Load the list again.
    Reload,
    /// Fetch the list again behind the one shown (its uses moved: an order
    /// was placed or given back); nothing when none is shown or a fetch is
    /// on its way.
    Refresh,
    /// The list arrived at `at_ms`, or not.
    Listed {
        /// The vouchers, or why not.
        result: Result<Rc<CreatorVoucherList>, ApiError>,
        /// When it arrived.
        at_ms: i64,
    },
    /// A voucher as viewers now see it (the live feed, or a drop's answer),
    /// heard at `at_ms`.
    Heard {
        /// The voucher.
        voucher: LiveVoucher,
        /// When it arrived.
        at_ms: i64,
    },
    /// "End" on a claimable voucher: ask the creator to confirm.
    AskEnd(String),
    /// The creator keeps the voucher open after all.
    KeepOpen,
    /// End this voucher now: the confirmed one, while no other end is on its way.
    End(String),
    /// The end of `code` answered at `at_ms`.
    Ended {
        /// The voucher's code.
        code: String,
        /// The voucher as it is now, or why not.
        result: Result<CreatorVoucher, ApiError>,
        /// When it arrived.
        at_ms: i64,
    },
}

impl CreatorVouchers {
    /// `voucher` put in the list in its place, or first when new.
    fn hear(&mut self, voucher: CreatorVoucher, at_ms: i64) {
        if let Remote::Ready(list) = &self.list {
            let mut list = (**list).clone();
            let listed = Listed { voucher, at_ms };
            match list
                .iter_mut()
                .find(|known| known.voucher.voucher.code == listed.voucher.voucher.code)
            {
                Some(known) => *known = listed,
                None => list.insert(0, listed),
            }
            self.list = Remote::Ready(Rc::new(list));
        }
    }

    /// Whether a fetch of the list is on its way.
    fn fetching(&self) -> bool {
        self.refreshing || self.list == Remote::Loading
    }

    /// The list `answer` fetched, arrived at `at_ms`, with the vouchers
    /// heard while it was on the way that it does not hold yet, newest
    /// first.
    fn listed(&mut self, answer: &CreatorVoucherList, at_ms: i64) -> Vec<Listed> {
        let mut list: Vec<Listed> = answer
            .vouchers
            .iter()
            .map(|voucher| Listed {
                voucher: voucher.clone(),
                at_ms,
            })
            .collect();
        for heard in std::mem::take(&mut self.heard_meanwhile) {
            let code = &heard.voucher.voucher.code;
            if !list.iter().any(|known| &known.voucher.voucher.code == code) {
                list.insert(0, heard);
            }
        }
        list
    }

    /// Whether the listed voucher of `code` can no longer be claimed at
    /// `now_ms` (ended, or its time up); `false` while it is not listed.
    pub fn is_closed(&self, code: &str, now_ms: i64) -> bool {
        self.find(code)
            .is_some_and(|listed| listed.seconds_left(now_ms) == 0)
    }

    /// The listed voucher of `code`, if any.
    fn find(&self, code: &str) -> Option<&Listed> {
        match &self.list {
            Remote::Ready(list) => list.iter().find(|known| known.voucher.voucher.code == code),
            _ => None,
        }
    }
}

impl Reducible for CreatorVouchers {
    type Action = VouchersAction;

    fn reduce(self: Rc<Self>, action: VouchersAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            VouchersAction::Reload => next.list = Remote::Loading,
            VouchersAction::Refresh => {
                if self.refreshing || !matches!(self.list, Remote::Ready(_)) {
                    return self;
                }
                next.refreshing = true;
            }
            VouchersAction::Listed { result, .. } if self.refreshing && result.is_err() => {
                // The list shown stays (it holds what was heard meanwhile);
                // the next refresh tries again.
                next.refreshing = false;
                next.heard_meanwhile.clear();
            }
            VouchersAction::Listed { result, at_ms } => {
                next.refreshing = false;
                next.list = match result {
                    Ok(answer) => Remote::Ready(Rc::new(next.listed(&answer, at_ms))),
                    Err(error) => {
                        next.heard_meanwhile.clear();
                        Remote::Failed(error)
                    }
                };
            }
            VouchersAction::Heard { voucher, at_ms } => {
                // The feed carries the claims left and the time; the quota
                // and uses are the list's, unknown for one never listed.
                let (quota, used) = self
                    .find(&voucher.code)
                    .map_or((voucher.quota_left, 0), |known| {
                        (known.voucher.quota, known.voucher.used)
                    });
                let claimable = voucher.seconds_left > 0 && voucher.quota_left > 0;
                if !claimable && self.confirming.as_ref() == Some(&voucher.code) {
                    next.confirming = None;
                }
                let voucher = CreatorVoucher {
                    voucher,
                    quota,
                    used,
                    claimable,
                };
                if self.fetching() {
                    let code = voucher.voucher.code.clone();
                    next.heard_meanwhile
                        .retain(|known| known.voucher.voucher.code != code);
                    next.heard_meanwhile.push(Listed {
                        voucher: voucher.clone(),
                        at_ms,
                    });
                }
                next.hear(voucher, at_ms);
            }
            VouchersAction::AskEnd(code) => next.confirming = Some(code),
            VouchersAction::KeepOpen if self.confirming.is_none() => return self,
            VouchersAction::KeepOpen => next.confirming = None,
            VouchersAction::End(_) if self.ending.is_some() => return self,
            VouchersAction::End(code) if self.confirming.as_ref() != Some(&code) => return self,
            VouchersAction::End(code) => {
                next.confirming = None;
                next.ending = Some(code);
            }
            VouchersAction::Ended { code, .. } if self.ending.as_ref() != Some(&code) => {
                return self
            }
            VouchersAction::Ended { result, at_ms, .. } => {
                next.ending = None;
                if let Ok(voucher) = result {
                    next.hear(voucher, at_ms);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::{LiveVoucherKind, Rupiah};

    fn live(code: &str, quota_left: u32, seconds_left: u32) -> LiveVoucher {
        LiveVoucher {
            code: code.into(),
            kind: LiveVoucherKind::Amount,
            value: 15_000,
            max_discount: None,
            min_spend: Rupiah(0),
            quota_left,
            claimable_until: "2026-06-14T12:05:00.000Z".into(),
            seconds_left,
        }
    }

    fn listed(vouchers: Vec<CreatorVoucher>, at_ms: i64) -> Rc<CreatorVouchers> {
        Rc::new(CreatorVouchers::default()).reduce(VouchersAction::Listed {
            result: Ok(Rc::new(CreatorVoucherList { vouchers })),
            at_ms,
        })
    }

    fn managed(code: &str, quota: u32, left: u32, used: u32, seconds: u32) -> CreatorVoucher {
        CreatorVoucher {
            voucher: live(code, left, seconds),
            quota,
            used,
            claimable: seconds > 0 && left > 0,
        }
    }

    fn rows(state: &CreatorVouchers) -> Vec<(String, u32, u32, bool)> {
        let Remote::Ready(list) = &state.list else {
            panic!("not listed")
        };
        list.iter()
            .map(|l| {
                let v = &l.voucher;
                (v.voucher.code.clone(), l.claimed(), v.used, v.claimable)
            })
            .collect()
    }

    #[test]
    fn counts_down_from_the_arrival_and_follows_the_feed() {
        let state = listed(vec![managed("A", 100, 97, 1, 300)], 1_000);
        let Remote::Ready(list) = &state.list else {
            panic!()
        };
        assert_eq!(list[0].seconds_left(1_000), 300);
        assert_eq!(list[0].seconds_left(1_001), 300);
        assert_eq!(list[0].seconds_left(2_000), 299);
        assert_eq!(list[0].seconds_left(301_000), 0);
        assert_eq!(rows(&state), [("A".into(), 3, 1, true)]);
        // A claim: the claims follow, the quota and uses are kept.
        let state = state.reduce(VouchersAction::Heard {
            voucher: live("A", 96, 250),
            at_ms: 50_000,
        });
        assert_eq!(rows(&state), [("A".into(), 4, 1, true)]);
        // A new voucher goes first; an ended one is closed.
        let state = state
            .reduce(VouchersAction::Heard {
                voucher: live("B", 20, 60),
                at_ms: 60_000,
            })
            .reduce(VouchersAction::Heard {
                voucher: live("A", 96, 0),
                at_ms: 61_000,
            });
        assert_eq!(
            rows(&state),
            [("B".into(), 0, 0, true), ("A".into(), 4, 1, false)]
        );
        assert!(state.is_closed("A", 61_000), "ended");
        assert!(!state.is_closed("B", 61_000));
        assert!(state.is_closed("B", 120_000), "its time up");
        assert!(!state.is_closed("C", 61_000), "not listed yet");
    }

    #[test]
    fn ending_asks_first_and_waits_for_its_answer() {
        let state = listed(vec![managed("A", 10, 10, 0, 300)], 0);
        let unasked = Rc::clone(&state).reduce(VouchersAction::End("A".into()));
        assert!(Rc::ptr_eq(&state, &unasked), "no end without confirmation");
        let asked = state.reduce(VouchersAction::AskEnd("A".into()));
        let kept = Rc::clone(&asked).reduce(VouchersAction::KeepOpen);
        assert_eq!(
            (kept.confirming.as_ref(), kept.ending.as_ref()),
            (None, None)
        );
        let ending = asked.reduce(VouchersAction::End("A".into()));
        assert_eq!(ending.ending.as_deref(), Some("A"));
        let again = Rc::clone(&ending).reduce(VouchersAction::AskEnd("A".into()));
        let same = Rc::clone(&again).reduce(VouchersAction::End("A".into()));
        assert!(Rc::ptr_eq(&again, &same), "one end at a time");
        let ended = ending.reduce(VouchersAction::Ended {
            code: "A".into(),
            result: Ok(managed("A", 10, 10, 0, 0)),
            at_ms: 5_000,
        });
        assert_eq!(ended.ending, None);
        assert_eq!(rows(&ended), [("A".into(), 0, 0, false)]);
    }

    #[test]
    fn a_refresh_brings_new_uses_behind_the_list_shown() {
        let state = listed(vec![managed("A", 10, 8, 0, 300)], 0);
        let state = state.reduce(VouchersAction::Refresh);
        assert!(state.refreshing);
        assert!(matches!(state.list, Remote::Ready(_)), "still shown");
        let same = Rc::clone(&state).reduce(VouchersAction::Refresh);
        assert!(Rc::ptr_eq(&state, &same), "one fetch at a time");
        let failed = Rc::clone(&state).reduce(VouchersAction::Listed {
            result: Err(ApiError::Network("offline".into())),
            at_ms: 1_000,
        });
        assert!(!failed.refreshing);
        assert_eq!(rows(&failed), [("A".into(), 2, 0, true)], "kept");
        let used = state.reduce(VouchersAction::Listed {
            result: Ok(Rc::new(CreatorVoucherList {
                vouchers: vec![managed("A", 10, 8, 1, 290)],
            })),
            at_ms: 10_000,
        });
        assert_eq!(rows(&used), [("A".into(), 2, 1, true)]);
        let loading = Rc::new(CreatorVouchers::default());
        let same = Rc::clone(&loading).reduce(VouchersAction::Refresh);
        assert!(Rc::ptr_eq(&loading, &same), "nothing shown to refresh");
    }

    #[test]
    fn a_voucher_heard_while_the_list_is_on_its_way_stays_listed() {
        let answer = |vouchers| VouchersAction::Listed {
            result: Ok(Rc::new(CreatorVoucherList { vouchers })),
            at_ms: 2_000,
        };
        // A refresh's answer, sent before the drop, arrives after its word.
        let state = listed(vec![managed("A", 10, 8, 0, 300)], 0)
            .reduce(VouchersAction::Refresh)
            .reduce(VouchersAction::Heard {
                voucher: live("B", 20, 60),
                at_ms: 1_000,
            })
            .reduce(answer(vec![managed("A", 10, 8, 1, 290)]));
        assert_eq!(
            rows(&state),
            [("B".into(), 0, 0, true), ("A".into(), 2, 1, true)]
        );
        // Listed once: the next answer without it is the server's word.
        let state = state
            .reduce(VouchersAction::Refresh)
            .reduce(answer(vec![managed("A", 10, 8, 1, 290)]));
        assert_eq!(rows(&state), [("A".into(), 2, 1, true)]);
        // Heard before the first list arrived, and not in it.
        let state = Rc::new(CreatorVouchers::default())
            .reduce(VouchersAction::Heard {
                voucher: live("C", 5, 60),
                at_ms: 500,
            })
            .reduce(answer(vec![managed("A", 10, 8, 1, 290)]));
        assert_eq!(
            rows(&state),
            [("C".into(), 0, 0, true), ("A".into(), 2, 1, true)]
        );
    }
}

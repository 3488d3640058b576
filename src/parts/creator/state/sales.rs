//! [`Sales`]: what the stream sold, as the studio's sales tab shows it —
//! the last figures kept on screen while fresh ones are fetched each time
//! the live feed says they changed, one fetch at a time (a word heard
//! during a fetch asks for one more after it), and a failed refresh said
//! beside them and tried again after [`SALES_RETRY_MS`].

use std::rc::Rc;

use etalase_contract::StreamSales;

use crate::api::ApiError;
use crate::state::remote::Remote;

/// How long after a failed refresh, with older figures shown, the sales
/// tab tries again, in milliseconds.
pub const SALES_RETRY_MS: u32 = 2_000;

/// The stream's figures and where their refresh stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sales {
    /// The last figures, or where the first fetch stands.
    pub figures: Remote<StreamSales>,
    /// The fetch asked for or on its way, by an id of its own: the hook
    /// sends one request per id.
    pub fetching: Option<u32>,
    /// Asked for while a fetch was on its way, whose answer may predate
    /// the change: one more fetch follows it.
    again: bool,
    /// Why the last refresh failed, while the figures before it stay shown.
    pub stale: Option<ApiError>,
}

impl Default for Sales {
    fn default() -> Self {
        Sales {
            figures: Remote::Idle,
            fetching: None,
            again: false,
            stale: None,
        }
    }
}

impl Sales {
    /// Asks for fresh figures under `id`, or for one more fetch after the
    /// one already on its way; figures already shown stay until the
    /// answer. Whether it asked now.
    pub fn ask(&mut self, id: u32) -> bool {
        if self.fetching.is_some() {
            self.again = true;
            return false;
        }
        self.again = false;
        if !matches!(self.figures, Remote::Ready(_)) {
            self.figures = Remote::Loading;
        }
        self.fetching = Some(id);
        true
    }

    /// The answer to the fetch on its way: new figures, or why not (said
    /// beside older figures when there are some). Whether one more fetch
    /// was asked for meanwhile.
    pub fn answered(&mut self, result: Result<Rc<StreamSales>, ApiError>) -> bool {
        self.fetching = None;
        match (result, &self.figures) {
            (Ok(figures), _) => {
                self.figures = Remote::Ready(figures);
                self.stale = None;
            }
            (Err(error), Remote::Ready(_)) => self.stale = Some(error),
            (Err(error), _) => self.figures = Remote::Failed(error),
        }
        self.again
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_contract::Rupiah;

    fn figures(gmv: i64) -> Rc<StreamSales> {
        Rc::new(StreamSales {
            stream_id: "live-1".into(),
            orders: 1,
            units: 1,
            gmv: Rupiah(gmv),
            commission: Rupiah(0),
            voucher_cost: Rupiah(0),
            unpaid_orders: 0,
            unpaid_gmv: Rupiah(0),
            products: Vec::new(),
        })
    }

    #[test]
    fn one_fetch_at_a_time_with_the_old_figures_kept_and_a_failed_refresh_said() {
        let mut sales = Sales::default();
        assert!(sales.ask(1));
        assert_eq!(sales.figures, Remote::Loading);
        assert!(!sales.ask(2), "one on its way already");
        assert!(sales.answered(Ok(figures(100))), "asked again meanwhile");
        assert_eq!(sales.fetching, None);
        assert!(sales.ask(3));
        assert_eq!(
            sales.figures,
            Remote::Ready(figures(100)),
            "kept while fetching"
        );
        let offline = ApiError::Network("offline".into());
        assert!(!sales.answered(Err(offline.clone())), "once is enough");
        assert_eq!(sales.figures, Remote::Ready(figures(100)));
        assert_eq!(sales.stale, Some(offline.clone()));
        assert!(sales.ask(4));
        sales.answered(Ok(figures(200)));
        assert_eq!(sales.figures, Remote::Ready(figures(200)));
        assert_eq!(sales.stale, None, "said until a refresh succeeds");
        let mut first = Sales::default();
        first.ask(1);
        first.answered(Err(offline.clone()));
        assert_eq!(first.figures, Remote::Failed(offline));
    }
}

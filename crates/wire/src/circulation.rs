use kashidashi_core::Lang;
use kashidashi_core::circulation::{Block, CheckinOutcome, CheckoutOutcome, LoanLine, PatronPanel};
use kashidashi_core::holds::{RouteOutcome, Trap};
use kashidashi_core::loans::Loan;
use serde::Serialize;

use crate::error::ReasonView;
use crate::{HoldView, PatronView, date_string};

#[derive(Debug, Clone, Serialize)]
pub struct LoanView {
    /// The copy's barcode (CLI.md: `item`).
    pub item: String,
    pub title: String,
    pub author: Option<String>,
    pub due_date: String,
    /// C10: 延長済.
    pub renewed: bool,
    pub renewals: u32,
    pub desk: String,
    pub loaned_on: String,
    pub returned_on: Option<String>,
    pub loan_type: &'static str,
}

impl From<&Loan> for LoanView {
    fn from(l: &Loan) -> Self {
        LoanView {
            item: l.item.barcode.to_string(),
            title: l.item.title.clone(),
            author: l.item.author.clone(),
            due_date: date_string(l.due_on),
            renewed: l.renewed(),
            renewals: l.renewals,
            desk: l.desk.to_string(),
            loaned_on: date_string(l.loaned_on),
            returned_on: l.returned_on.map(date_string),
            loan_type: l.item.loan_type.as_str(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LoanLineView {
    #[serde(flatten)]
    pub loan: LoanView,
    pub overdue: bool,
    pub renewable: bool,
    pub renewal_refusals: Vec<ReasonView>,
    /// C10: the due date a renewal today would give.
    pub renewal_due: String,
}

impl LoanLineView {
    pub fn new(l: &LoanLine, lang: Lang) -> Self {
        LoanLineView {
            loan: LoanView::from(&l.loan),
            overdue: l.overdue,
            renewable: l.renewal_refusals.is_empty(),
            renewal_refusals: l
                .renewal_refusals
                .iter()
                .map(|r| ReasonView::new(r, lang))
                .collect(),
            renewal_due: date_string(l.renewal_due),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    pub code: &'static str,
    pub count: Option<u32>,
}

impl From<&Block> for BlockView {
    fn from(b: &Block) -> Self {
        BlockView {
            code: b.code(),
            count: match b {
                Block::Overdue { count } => Some(*count),
                Block::LoanLimitReached { limit } | Block::HoldLimitReached { limit } => {
                    Some(*limit)
                }
                Block::TemporaryPassword => None,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PanelView {
    pub patron: PatronView,
    pub loans: Vec<LoanLineView>,
    pub holds: Vec<HoldView>,
    pub ready_here: Vec<HoldView>,
    pub blocks: Vec<BlockView>,
}

impl PanelView {
    pub fn new(p: &PatronPanel, lang: Lang) -> Self {
        PanelView {
            patron: PatronView::from(&p.patron),
            loans: p.loans.iter().map(|l| LoanLineView::new(l, lang)).collect(),
            holds: p.holds.iter().map(HoldView::from).collect(),
            ready_here: p.ready_here.iter().map(HoldView::from).collect(),
            blocks: p.blocks.iter().map(BlockView::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckoutView {
    pub loan: LoanView,
    pub patron: PatronView,
    pub fulfilled_hold: Option<i64>,
}

impl From<&CheckoutOutcome> for CheckoutView {
    fn from(o: &CheckoutOutcome) -> Self {
        CheckoutView {
            loan: LoanView::from(&o.loan),
            patron: PatronView::from(&o.patron),
            fulfilled_hold: o.fulfilled_hold.map(|h| h.0),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrapView {
    pub hold: i64,
    pub route: &'static str,
    pub status: &'static str,
    /// Where the copy goes now: this desk's shelf or the transit destination.
    pub destination: String,
    pub pickup: String,
    pub card_masked: String,
    pub title: String,
    pub notified_on: Option<String>,
    pub available_from: Option<String>,
    pub expires_on: Option<String>,
    pub delivery_run: Option<String>,
}

impl From<&Trap> for TrapView {
    fn from(t: &Trap) -> Self {
        TrapView {
            hold: t.hold.0,
            route: t.route.as_str(),
            status: t.status.as_str(),
            destination: t.destination.to_string(),
            pickup: t.pickup.to_string(),
            card_masked: t.card.masked(),
            title: t.title.clone(),
            notified_on: t.notified_on.map(date_string),
            available_from: t.available_from.map(date_string),
            expires_on: t.expires_on.map(date_string),
            delivery_run: t.delivery_run.map(date_string),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TransitView {
    pub to: String,
    pub hold: Option<i64>,
}

/// Where a freed copy went: `trapped` (a hold), `transit` (home, no hold) or neither (shelved).
#[derive(Debug, Clone, Serialize)]
pub struct RouteView {
    pub trapped: Option<TrapView>,
    pub transit: Option<TransitView>,
}

impl From<&RouteOutcome> for RouteView {
    fn from(r: &RouteOutcome) -> Self {
        match r {
            RouteOutcome::Trapped(t) => RouteView {
                transit: (t.route == kashidashi_core::holds::Route::Transit).then(|| TransitView {
                    to: t.destination.to_string(),
                    hold: Some(t.hold.0),
                }),
                trapped: Some(TrapView::from(t)),
            },
            RouteOutcome::Transit(t) => RouteView {
                trapped: None,
                transit: Some(TransitView {
                    to: t.to.to_string(),
                    hold: None,
                }),
            },
            RouteOutcome::Shelved => RouteView {
                trapped: None,
                transit: None,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckinView {
    pub loan: Option<LoanView>,
    pub item: crate::ItemView,
    pub overdue: bool,
    pub received: bool,
    /// The copy came out of the book drop (H11); `loan.returned_on` is the day it was dropped.
    pub book_drop: bool,
    #[serde(flatten)]
    pub route: RouteView,
}

impl From<&CheckinOutcome> for CheckinView {
    fn from(o: &CheckinOutcome) -> Self {
        CheckinView {
            loan: o.loan.as_ref().map(LoanView::from),
            item: crate::ItemView::from(&o.item),
            overdue: o.overdue,
            received: o.received,
            book_drop: o.book_drop,
            route: RouteView::from(&o.route),
        }
    }
}

//! The command line of CLI.md. Names, flags and JSON fields there are a contract.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kashidashi_print::reports::ReportKind;

#[derive(Parser)]
#[command(
    name = "kashidashi",
    version,
    about = "貸出 Kashidashi: 図書館カウンターの貸出・返却・予約 (circulation desk)"
)]
pub struct Cli {
    /// The SQLite database file (default: the OS data folder), or a postgres:// URL for a library
    /// whose desks share one PostgreSQL database.
    #[arg(long, global = true, env = "KASHIDASHI_DB")]
    pub db: Option<String>,
    /// Act as if it were this time: 2026-04-01 (10:00 Asia/Tokyo) or RFC 3339.
    #[arg(long, global = true, env = "KASHIDASHI_NOW")]
    pub now: Option<String>,
    /// The desk acting (default: the profile's first counter); also the desk shown or listed.
    #[arg(long, global = true, env = "KASHIDASHI_DESK")]
    pub desk: Option<String>,
    /// Who acts, for the audit log and role checks (default: admin).
    #[arg(long, global = true, env = "KASHIDASHI_STAFF")]
    pub staff: Option<String>,
    /// Print exactly one JSON object on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Message language: ja (default) or en.
    #[arg(long, global = true, env = "KASHIDASHI_LANG", default_value = "ja")]
    pub lang: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// New database with a profile's desks and calendar.
    Init {
        /// hokkaido, kyoto, or the path of a profile file (.toml).
        #[arg(long)]
        profile: String,
    },
    /// Desks of this library.
    #[command(subcommand)]
    Desk(DeskCmd),
    /// Opening days, duty days and delivery runs (C2).
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Tell a scanned code: patron card or item (C3).
    Scan { code: String },
    /// Patrons: registration, details, passwords (K1–K3, H1–H5).
    #[command(subcommand)]
    Patron(PatronCmd),
    /// Copies of the catalogue: add one, show one (C5), search titles.
    #[command(subcommand)]
    Item(ItemCmd),
    /// Bring copies in from a CSV or MARC file.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Stock-taking (蔵書点検, C21): scan the shelves, list what is missing.
    #[command(subcommand)]
    Stocktake(StocktakeCmd),
    /// Staff accounts and their roles.
    #[command(subcommand)]
    Staff(StaffCmd),
    /// The latest audit entries (C7).
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Lend an item to a patron (C5, C8, C18, H6).
    Checkout {
        #[arg(long)]
        card: String,
        #[arg(long)]
        item: String,
        /// Let overridable refusals pass (supervisors).
        #[arg(long = "override")]
        override_: bool,
    },
    /// Check an item in: returns, received transits, pulled holds (C16, H11, H15).
    Checkin {
        #[arg(long)]
        item: String,
        /// The day it was handed in (backdated check-in, H15).
        #[arg(long, conflicts_with = "book_drop")]
        returned_on: Option<String>,
        /// A return taken out of this desk's book drop (H11): returned on the day it was dropped.
        #[arg(long)]
        book_drop: bool,
        /// The day it was dropped (default: the desk's last open day before today).
        #[arg(long, requires = "book_drop")]
        dropped_on: Option<String>,
        /// Let overridable refusals pass (supervisors).
        #[arg(long = "override")]
        override_: bool,
        /// Write the slip the copy calls for (予約資料確保票 or 回送票) to this PDF.
        #[arg(long)]
        slip: Option<PathBuf>,
    },
    /// Renew a loan once (C10–C12, H8, K6).
    Renew {
        #[arg(long)]
        item: String,
        #[arg(long = "override")]
        override_: bool,
    },
    /// Holds: place, list, cancel, change pickup (C13–C15, H9).
    #[command(subcommand)]
    Hold(HoldCmd),
    /// The hold shelf of --desk (K8, H10, C17).
    #[command(subcommand)]
    Shelf(ShelfCmd),
    /// Home-delivery parcels: which carrier (H13).
    #[command(subcommand)]
    Delivery(DeliveryCmd),
    /// A supervisor's report of --desk as an A4 PDF, and as CSV for Excel.
    Report {
        #[arg(value_parser = report_kind())]
        name: ReportKind,
        #[arg(long)]
        out: PathBuf,
        /// The day reported on (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Also write the rows as CSV (UTF-8 with BOM, CRLF).
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Print a slip or a label as PDF.
    #[command(subcommand)]
    Slip(SlipCmd),
    /// The patron card's barcode (C4).
    #[command(subcommand)]
    Card(CardCmd),
    /// E-mail notices (C19): queue due-date reminders, send the outbox.
    #[command(subcommand)]
    Notify(NotifyCmd),
    /// Check the database's invariants (exit 0 when sound).
    Check,
    /// Replay desk scans from a file (one action a line), as a desk session would.
    Replay {
        file: PathBuf,
        /// Write each committed action to standard error as it commits (`ack loan 12`).
        #[arg(long)]
        ack: bool,
    },
    /// Measure desk actions against a bare SQLite transaction on the same file.
    Bench {
        /// Samples per action.
        #[arg(long, default_value_t = 1000)]
        samples: usize,
        /// Many desks at once instead: this many, each its own connection, scanning checkouts,
        /// renewals and returns at full speed.
        #[arg(long)]
        desks: Option<usize>,
        /// How long the desks scan (with --desks).
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// With --desks: each desk scans once every this many milliseconds, as staff at a
        /// counter do (a patron's items one after another), instead of at full speed.
        #[arg(long, default_value_t = 0)]
        every_ms: u64,
    },
    /// Build a demo library in a new database.
    Demo {
        #[arg(long, value_enum, default_value_t = Scale::Small)]
        scale: Scale,
        #[arg(long, default_value = "hokkaido")]
        profile: String,
    },
    /// Copy a whole library into an empty database (SQLite file ↔ postgres:// URL), then check it.
    Copy {
        /// The database to fill: a file path or a postgres:// URL.
        #[arg(long)]
        to: String,
    },
    /// A consistent copy of an SQLite library while desks work (PostgreSQL: pg_dump).
    Backup {
        /// A new file: never overwritten, created readable by its owner only.
        #[arg(long)]
        out: PathBuf,
    },
    /// The patron My Page over the same database, until Ctrl+C (issue 13).
    Serve {
        /// Address and port to listen on; plain HTTP, so loopback unless behind a TLS proxy.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Scale {
    /// A few thousand copies: for trying the desk.
    Small,
    /// 1,000,000 copies and 200,000 patrons: for benchmarks.
    Large,
}

#[derive(Subcommand)]
pub enum SlipCmd {
    /// The checkout receipt of a patron's loans.
    Receipt {
        #[arg(long)]
        card: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The slip of a secured hold with its current days, to replace one a calendar change
    /// made stale (予約資料確保票, or 回送票 with the run; H10, H14).
    Hold {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The address label and return instructions of a home-delivery hold (H12, H13).
    Address {
        #[arg(long)]
        hold: i64,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum CardCmd {
    /// The card number as an NW-7 barcode: a PNG for a phone screen, and a printable label.
    Barcode {
        #[arg(long)]
        card: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        label: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum By {
    Patron,
    Staff,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum NotifyArg {
    Email,
    None,
}

#[derive(Subcommand)]
pub enum HoldCmd {
    /// Reserve the title of --item (any copy's barcode).
    Place {
        #[arg(long)]
        card: String,
        #[arg(long)]
        item: String,
        /// A desk code, or home.
        #[arg(long)]
        pickup: String,
        #[arg(long, value_enum, default_value_t = NotifyArg::None)]
        notify: NotifyArg,
        #[arg(long, value_enum, default_value_t = By::Staff)]
        by: By,
        #[arg(long = "override")]
        override_: bool,
    },
    /// Reserve several titles at once (H9).
    Cart {
        #[arg(long)]
        card: String,
        #[arg(long, value_delimiter = ',', required = true)]
        items: Vec<String>,
        #[arg(long)]
        pickup: String,
        /// 読みたい順: each title waits until the earlier ones are checked out or cancelled.
        #[arg(long)]
        in_order: bool,
        #[arg(long, value_enum, default_value_t = NotifyArg::None)]
        notify: NotifyArg,
        #[arg(long, value_enum, default_value_t = By::Staff)]
        by: By,
        #[arg(long = "override")]
        override_: bool,
    },
    /// Holds of a patron, a desk (--desk) or a status.
    List {
        #[arg(long)]
        card: Option<String>,
        #[arg(long)]
        status: Option<String>,
    },
    /// Cancel a hold; patrons only until it is ready (C15).
    Cancel {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum, default_value_t = By::Staff)]
        by: By,
    },
    /// Collect a hold somewhere else; a copy already set aside is sent on (C15).
    ChangePickup {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        pickup: String,
        #[arg(long, value_enum, default_value_t = By::Staff)]
        by: By,
    },
}

#[derive(Subcommand)]
pub enum ShelfCmd {
    /// Ready holds on --desk's shelf, with their last day.
    List,
    /// Expire what has passed as of --now, and remove closed holds past the profile's days (C20; nightly).
    Expire,
    /// Copies to pull from --desk's open shelves (割当).
    Pull,
}

#[derive(Subcommand)]
pub enum DeliveryCmd {
    /// ゆうメール or ゆうパック for a parcel (H13): its size and weight, or the items in it.
    Carrier {
        /// L,W,T in centimetres.
        #[arg(long, requires = "weight_g")]
        size_cm: Option<String>,
        #[arg(long)]
        weight_g: Option<String>,
        /// Barcodes of the books in the parcel, stacked.
        #[arg(long, value_delimiter = ',', conflicts_with = "size_cm")]
        items: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TlsArg {
    Starttls,
    Implicit,
}

#[derive(Subcommand)]
pub enum NotifyCmd {
    /// Queue the due-date reminders of today (nightly; the profile says how many days ahead).
    Reminders,
    /// Send what is due in the outbox; failures wait and are retried on a later run.
    Send {
        /// The SMTP server, HOST:PORT.
        #[arg(long, env = "KASHIDASHI_SMTP")]
        smtp: String,
        /// The sender address.
        #[arg(long, env = "KASHIDASHI_MAIL_FROM")]
        from: String,
        /// TLS: starttls (port 587, the default) or implicit (port 465).
        #[arg(long, value_enum, default_value_t = TlsArg::Starttls)]
        tls: TlsArg,
        /// Send in plain text, without TLS: only to a relay on this machine.
        #[arg(long, conflicts_with = "tls")]
        insecure: bool,
        #[arg(long, env = "KASHIDASHI_SMTP_USER", requires = "password")]
        user: Option<String>,
        /// `-`: read it from standard input.
        #[arg(long, env = "KASHIDASHI_SMTP_PASSWORD")]
        password: Option<String>,
    },
    /// What waits in the outbox.
    Outbox,
    /// Queue today's digest of new titles for each patron's themes and authors (K9; nightly).
    NewArrivals,
}

#[derive(Subcommand)]
pub enum DeskCmd {
    /// Every desk with its code, name and kind (C1).
    List,
}

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Days of --desk from --from to --to.
    Show {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Close --desk on a day (supervisor).
    Close {
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// Open --desk on a day it would be closed (supervisor).
    Open {
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// Move a delivery run of a partner --desk: cancel or add one on a day (H14).
    DeliveryRun {
        #[arg(long)]
        date: String,
        #[arg(long, value_enum)]
        set: OnOff,
        #[arg(long)]
        reason: String,
    },
    /// Change a duty day of --desk (H15).
    Duty {
        #[arg(long)]
        date: String,
        #[arg(long, value_enum)]
        set: OnOff,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Args)]
pub struct PatronFields {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub kana: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub birth: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub postal_code: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub residence: Option<String>,
    /// Partner libraries where the patron is registered (H14), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub partner: Vec<String>,
    /// Keep a reading history (C6: only with the patron's consent).
    #[arg(long)]
    pub keep_history: bool,
}

/// `patron edit`: only the fields given change.
#[derive(Args)]
pub struct PatronEditFields {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub kana: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub birth: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub postal_code: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub residence: Option<String>,
    /// Partner libraries where the patron is registered (H14), comma-separated; "" for none.
    #[arg(long, value_delimiter = ',')]
    pub partner: Option<Vec<String>>,
    /// Keep a reading history (C6: only with the patron's consent).
    #[arg(long, value_enum)]
    pub keep_history: Option<OnOff>,
}

#[derive(Subcommand)]
pub enum PatronCmd {
    /// Register a patron and issue a temporary password (K1; C23, H15: on open and duty days).
    Register {
        #[arg(long)]
        card: String,
        #[command(flatten)]
        fields: PatronFields,
        /// Write the temporary-password slip (K1) to this PDF.
        #[arg(long)]
        slip: Option<PathBuf>,
        /// Register on a day the desk does not (closed, or no duty in the Diet room; supervisors).
        #[arg(long = "override")]
        override_: bool,
    },
    /// Change the details given; every other field stays (an empty value clears it).
    Edit {
        #[arg(long)]
        card: String,
        #[command(flatten)]
        fields: PatronEditFields,
    },
    /// Suspend a patron (C22 利用停止): no checkout, hold or renewal until --until or resume.
    Suspend {
        #[arg(long)]
        card: String,
        #[arg(long)]
        reason: String,
        /// The last day of the suspension (YYYY-MM-DD); without it, until resumed.
        #[arg(long)]
        until: Option<String>,
    },
    /// End a patron's suspension (C22).
    Resume {
        #[arg(long)]
        card: String,
    },
    /// Replace a lost card (C22): loans, holds and password move; the old number is refused.
    ReplaceCard {
        #[arg(long)]
        card: String,
        #[arg(long)]
        new_card: String,
    },
    /// Record that the address was confirmed today: the registration runs again (C22).
    Confirm {
        #[arg(long)]
        card: String,
    },
    /// Register or withdraw the mail services (K9): due-date reminder, themes, authors.
    Notices {
        #[arg(long)]
        card: String,
        #[arg(long, value_enum)]
        due_reminder: Option<OnOff>,
        #[arg(long)]
        add_topic: Vec<String>,
        #[arg(long)]
        remove_topic: Vec<String>,
        #[arg(long)]
        add_author: Vec<String>,
        #[arg(long)]
        remove_author: Vec<String>,
    },
    /// A patron with current loans and holds (C6: no past loans).
    Show {
        #[arg(long)]
        card: String,
    },
    /// Search by card number, or part of the name or kana.
    Search { query: String },
    /// Check a patron's password; says whether it must be changed first (K1).
    Login {
        #[arg(long)]
        card: String,
        /// `-`: read it from standard input.
        #[arg(long)]
        password: String,
    },
    /// Replace a password, the temporary one included (K1, K2, H2).
    ChangePassword {
        #[arg(long)]
        card: String,
        /// `-`: read it from standard input (first line).
        #[arg(long)]
        old: String,
        /// `-`: read it from standard input (the next line).
        #[arg(long)]
        new: String,
    },
    /// H3: first password with card, name and birth year as YYYY0101.
    SetFirstPassword {
        #[arg(long)]
        card: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        birth: String,
        /// `-`: read it from standard input.
        #[arg(long)]
        new: String,
    },
    /// Issue a new temporary password for a patron who forgot theirs (H4).
    ResetPassword {
        #[arg(long)]
        card: String,
        /// Write the temporary-password slip (K1) to this PDF.
        #[arg(long)]
        slip: Option<PathBuf>,
    },
    /// Set or clear the e-mail address for notices (H5).
    SetEmail {
        #[arg(long)]
        card: String,
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
pub enum ItemCmd {
    /// Add a copy; a second copy of a title has the same title and ISBN.
    Add {
        #[arg(long)]
        barcode: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        isbn: Option<String>,
        #[arg(long)]
        call_number: Option<String>,
        #[arg(long)]
        collection: Option<String>,
        #[arg(long)]
        loan_type: Option<String>,
        /// Borrowed from another library.
        #[arg(long)]
        ill: bool,
        /// L,W,T in centimetres.
        #[arg(long)]
        size_cm: Option<String>,
        #[arg(long)]
        weight_g: Option<String>,
    },
    /// A copy with its status and its C5 label.
    Show {
        #[arg(long)]
        barcode: String,
    },
    /// Mark a copy lost, damaged, in repair, withdrawn, claimed returned, missing, or available again (C21).
    Mark {
        #[arg(long)]
        barcode: String,
        /// lost, damaged, repair, withdrawn, claims-returned, missing or available.
        #[arg(long = "as")]
        as_: String,
        /// Why, for the staff who find the copy marked.
        #[arg(long)]
        note: Option<String>,
    },
    /// Titles by part of the title, the author or the romanized form (MARC 880), with copies.
    Search { query: String },
}

#[derive(Subcommand)]
pub enum StocktakeCmd {
    /// Start counting the shelves of a collection (蔵書点検, C21) → {id}.
    Start {
        /// general or northern.
        #[arg(long)]
        collection: String,
    },
    /// A copy seen on the shelves; scanning it again changes nothing.
    Scan {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        item: String,
    },
    /// List the copies not seen and mark them missing (不明) → {missing}.
    Finish {
        #[arg(long)]
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum ImportCmd {
    /// CSV in UTF-8 or Shift_JIS; header names as in `item add`.
    Items { file: PathBuf },
    /// MARC21 records (ISO 2709, UTF-8).
    Marc { file: PathBuf },
}

#[derive(Subcommand)]
pub enum StaffCmd {
    /// Add a staff member with a role; a temporary password is shown once.
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// counter, diet-duty, diet-office, supervisor or admin.
        #[arg(long)]
        role: String,
    },
    /// Staff members and their roles.
    List,
    /// A new temporary password for a staff member, shown once; changed at the next sign-in.
    ResetPassword {
        #[arg(long)]
        id: String,
    },
    /// Disable a staff account: it signs in and acts no more (the last admin stays).
    Disable {
        #[arg(long)]
        id: String,
    },
}

/// The report names of `ReportKind`, each with its summary in `--help`.
fn report_kind() -> impl TypedValueParser<Value = ReportKind> {
    PossibleValuesParser::new(
        ReportKind::ALL.map(|k| PossibleValue::new(k.as_str()).help(k.summary())),
    )
    .map(|name| ReportKind::parse(&name).expect("only the listed names pass"))
}

//! Every way an action can fail, as closed enums with stable dotted codes (CLI.md) and the rule
//! they enforce. Messages are Japanese first, English on request. A failed action changes nothing
//! (C7): callers return these from inside the transaction, which then rolls back.

use crate::domain::{Collection, CopyState, Role};

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn pick(self, ja: String, en: String) -> String {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

macro_rules! msg {
    ($lang:expr, $ja:expr, $en:expr) => {
        $lang.pick(format!($ja), format!($en))
    };
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// Bad input: exit 2.
    #[error("{}", .0.message(Lang::En))]
    Invalid(Invalid),
    /// Refused by a rule: exit 3. Every reason that applies, not only the first (C12).
    #[error("{}", .0.iter().map(|r| r.message(Lang::En)).collect::<Vec<_>>().join("; "))]
    Refused(Vec<Refusal>),
    /// The database cannot be used as it is: exit 2.
    #[error("{}", .0.message(Lang::En))]
    Store(StoreError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn refused(r: Refusal) -> Error {
        Error::Refused(vec![r])
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(e) => e.code(),
            Error::Refused(rs) => rs.first().map_or("refused.unknown", Refusal::code),
            Error::Store(e) => e.code(),
        }
    }

    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Error::Invalid(e) => e.rule(),
            Error::Refused(rs) => rs.first().and_then(Refusal::rule),
            Error::Store(_) => Some("C7"),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(e) => e.message(lang),
            Error::Refused(rs) => {
                rs.iter()
                    .map(|r| r.message(lang))
                    .collect::<Vec<_>>()
                    .join(match lang {
                        Lang::Ja => "／",
                        Lang::En => "; ",
                    })
            }
            Error::Store(e) => e.message(lang),
        }
    }

    /// True when a role that may override could let every reason pass.
    pub fn overridable(&self) -> bool {
        matches!(self, Error::Refused(rs) if !rs.is_empty() && rs.iter().all(Refusal::overridable))
    }
}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid(e)
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Self {
        Error::Refused(vec![r])
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::Store(e)
    }
}

/// One bad row or field of an import file.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub line: usize,
    /// The header name of the column, or empty for the whole row.
    pub column: String,
    pub problem: String,
}

/// Input that cannot be acted on. Changes nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    ScanEmpty,
    ScanUnrecognized {
        input: String,
    },
    ScanCheckDigit {
        input: String,
    },
    ExpectedCard {
        item: String,
    },
    ExpectedItem {
        card: String,
    },
    UnknownCard {
        card: String,
    },
    UnknownItem {
        barcode: String,
    },
    UnknownDesk {
        code: String,
    },
    UnknownHold {
        id: String,
    },
    UnknownStaff {
        id: String,
    },
    BadDate {
        input: String,
    },
    BadValue {
        field: &'static str,
        input: String,
    },
    Missing {
        field: &'static str,
    },
    Email(EmailProblem),
    Password(PasswordProblem),
    DuplicateCard {
        card: String,
    },
    DuplicateBarcode {
        barcode: String,
    },
    DuplicateStaff {
        id: String,
    },
    TitleMismatch {
        isbn: String,
        existing: String,
    },
    ImportMissingColumn {
        column: String,
    },
    ImportRows {
        rows: Vec<RowProblem>,
    },
    ImportEncoding,
    ImportMarc {
        record: usize,
        detail: String,
    },
    ImportFile {
        path: String,
        detail: String,
    },
    UnknownProfile {
        name: String,
    },
    BadProfile {
        detail: String,
    },
    FutureReturnDate {
        date: String,
    },
    ReturnBeforeLoan {
        date: String,
        loaned_on: String,
    },
    ReturnBefore1900 {
        date: String,
    },
    // Files and limits: what a desk or a script may hand the program (issue 10).
    FileExists {
        path: String,
    },
    TooLong {
        field: &'static str,
        max: usize,
    },
    ControlCharacter {
        field: &'static str,
    },
    DateOutOfRange {
        input: String,
    },
    InsecureSmtp {
        host: String,
    },
    // Copies and stock-taking (C21)
    UnknownStocktake {
        id: String,
    },
    LoginFailed,
    SameAsOldPassword,
    // An import written in batches that stopped part-way (issue 10.12).
    ImportStopped {
        stored: usize,
        line: usize,
        problem_ja: String,
        problem_en: String,
    },
    // My Page (issue 13): a title chosen from the search
    UnknownTitle {
        id: String,
    },
}

/// H5: each refused e-mail form has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    DotBeforeAt,
    ConsecutiveDots,
    TrailingDot,
    Implausible,
}

/// K2, H2: what is wrong with a new password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort { min: u32 },
    TooLong { max: u32 },
    NotAlphanumeric,
    NeedsLetterAndDigit,
}

impl Invalid {
    pub fn code(&self) -> &'static str {
        use Invalid::*;
        match self {
            ScanEmpty => "scan.empty",
            ScanUnrecognized { .. } => "scan.unrecognized",
            ScanCheckDigit { .. } => "scan.check_digit",
            ExpectedCard { .. } => "scan.expected_card",
            ExpectedItem { .. } => "scan.expected_item",
            UnknownCard { .. } => "patron.unknown_card",
            UnknownItem { .. } => "item.unknown_barcode",
            UnknownDesk { .. } => "desk.unknown",
            UnknownHold { .. } => "hold.unknown",
            UnknownStaff { .. } => "staff.unknown",
            BadDate { .. } => "input.bad_date",
            BadValue { .. } => "input.bad_value",
            Missing { .. } => "input.missing",
            Email(EmailProblem::DotBeforeAt) => "email.dot_before_at",
            Email(EmailProblem::ConsecutiveDots) => "email.consecutive_dots",
            Email(EmailProblem::TrailingDot) => "email.trailing_dot",
            Email(EmailProblem::Implausible) => "email.invalid",
            Password(PasswordProblem::TooShort { .. }) => "password.too_short",
            Password(PasswordProblem::TooLong { .. }) => "password.too_long",
            Password(PasswordProblem::NotAlphanumeric) => "password.not_alphanumeric",
            Password(PasswordProblem::NeedsLetterAndDigit) => "password.needs_letter_and_digit",
            DuplicateCard { .. } => "patron.duplicate_card",
            DuplicateBarcode { .. } => "item.duplicate_barcode",
            DuplicateStaff { .. } => "staff.duplicate",
            TitleMismatch { .. } => "item.title_mismatch",
            ImportMissingColumn { .. } => "import.missing_column",
            ImportRows { .. } => "import.bad_rows",
            ImportEncoding => "import.encoding",
            ImportMarc { .. } => "import.marc",
            ImportFile { .. } => "import.file",
            UnknownProfile { .. } => "profile.unknown",
            BadProfile { .. } => "profile.invalid",
            FutureReturnDate { .. } => "checkin.future_date",
            ReturnBeforeLoan { .. } => "checkin.before_loan_day",
            ReturnBefore1900 { .. } => "checkin.before_1900",
            FileExists { .. } => "file.exists",
            TooLong { .. } => "input.too_long",
            ControlCharacter { .. } => "input.control_character",
            DateOutOfRange { .. } => "input.date_out_of_range",
            InsecureSmtp { .. } => "smtp.insecure_remote",
            UnknownStocktake { .. } => "stocktake.unknown",
            LoginFailed => "login.failed",
            SameAsOldPassword => "password.same_as_old",
            ImportStopped { .. } => "import.stopped",
            UnknownTitle { .. } => "title.unknown",
        }
    }

    pub fn rule(&self) -> Option<&'static str> {
        use Invalid::*;
        match self {
            ScanEmpty
            | ScanUnrecognized { .. }
            | ScanCheckDigit { .. }
            | ExpectedCard { .. }
            | ExpectedItem { .. }
            | UnknownCard { .. }
            | UnknownItem { .. } => Some("C3"),
            Email(_) => Some("H5"),
            Password(PasswordProblem::NeedsLetterAndDigit) => Some("K2"),
            Password(_) => Some("K2/H2"),
            LoginFailed => Some("C24"),
            SameAsOldPassword => Some("K1"),
            UnknownDesk { .. } => Some("C1"),
            FutureReturnDate { .. } | ReturnBeforeLoan { .. } | ReturnBefore1900 { .. } => {
                Some("H15")
            }
            UnknownStocktake { .. } => Some("C21"),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use Invalid::*;
        match self {
            ScanEmpty => msg!(lang, "読み取った値が空です。", "Nothing was scanned."),
            ScanUnrecognized { input } => msg!(
                lang,
                "「{input}」は利用者カードでも資料バーコードでもありません。",
                "\"{input}\" is neither a patron card nor an item barcode."
            ),
            ScanCheckDigit { input } => msg!(
                lang,
                "「{input}」のチェックディジットが合いません。読み直してください。",
                "\"{input}\" fails its check digit; scan it again."
            ),
            ExpectedCard { item } => msg!(
                lang,
                "資料バーコード {item} が読まれました。利用者カードを読んでください。",
                "Item barcode {item} was scanned where a patron card was expected."
            ),
            ExpectedItem { card } => msg!(
                lang,
                "利用者カード {card} が読まれました。資料バーコードを読んでください。",
                "Patron card {card} was scanned where an item barcode was expected."
            ),
            UnknownCard { card } => msg!(
                lang,
                "利用者番号 {card} は登録されていません。",
                "No patron has card number {card}."
            ),
            UnknownItem { barcode } => msg!(
                lang,
                "資料バーコード {barcode} は蔵書にありません。",
                "No item has barcode {barcode}."
            ),
            UnknownDesk { code } => msg!(
                lang,
                "窓口「{code}」はこの図書館にありません。",
                "There is no desk \"{code}\" in this library."
            ),
            UnknownHold { id } => msg!(
                lang,
                "予約番号 {id} はありません。",
                "There is no hold number {id}."
            ),
            UnknownStaff { id } => msg!(
                lang,
                "職員「{id}」は登録されていません。",
                "There is no staff member \"{id}\"."
            ),
            BadDate { input } => msg!(
                lang,
                "日付「{input}」を読めません。YYYY-MM-DD の形で入力してください。",
                "Cannot read the date \"{input}\"; use YYYY-MM-DD."
            ),
            BadValue { field, input } => msg!(
                lang,
                "{field} の値「{input}」は使えません。",
                "\"{input}\" is not a valid value for {field}."
            ),
            Missing { field } => msg!(lang, "{field} を入力してください。", "{field} is required."),
            Email(EmailProblem::DotBeforeAt) => msg!(
                lang,
                "@ の直前にドット(.)があるメールアドレスは使えません。",
                "An e-mail address cannot have a dot right before the @."
            ),
            Email(EmailProblem::ConsecutiveDots) => msg!(
                lang,
                "@ より前でドット(.)が連続しているメールアドレスは使えません。",
                "An e-mail address cannot have two dots in a row before the @."
            ),
            Email(EmailProblem::TrailingDot) => msg!(
                lang,
                "メールアドレスの末尾にドット(.)が入っています。",
                "The e-mail address ends with a dot."
            ),
            Email(EmailProblem::Implausible) => msg!(
                lang,
                "メールアドレスの形になっていません(例: taro@example.jp)。",
                "This is not an e-mail address (for example taro@example.jp)."
            ),
            Password(PasswordProblem::TooShort { min }) => msg!(
                lang,
                "パスワードは {min} 文字以上にしてください。",
                "The password must be at least {min} characters."
            ),
            Password(PasswordProblem::TooLong { max }) => msg!(
                lang,
                "パスワードは {max} 文字以内にしてください。",
                "The password must be at most {max} characters."
            ),
            Password(PasswordProblem::NotAlphanumeric) => msg!(
                lang,
                "パスワードには半角英数字だけが使えます(記号は使えません)。",
                "The password may contain only letters and digits, no symbols."
            ),
            Password(PasswordProblem::NeedsLetterAndDigit) => msg!(
                lang,
                "パスワードには英字と数字の両方を入れてください。",
                "The password must contain both letters and digits."
            ),
            DuplicateCard { card } => msg!(
                lang,
                "利用者番号 {card} はすでに登録されています。",
                "Card number {card} is already registered."
            ),
            DuplicateBarcode { barcode } => msg!(
                lang,
                "資料バーコード {barcode} はすでに登録されています。",
                "Barcode {barcode} is already in the catalogue."
            ),
            DuplicateStaff { id } => msg!(
                lang,
                "職員「{id}」はすでに登録されています。",
                "Staff member \"{id}\" already exists."
            ),
            TitleMismatch { isbn, existing } => msg!(
                lang,
                "ISBN {isbn} はすでに『{existing}』として登録されています。",
                "ISBN {isbn} is already catalogued as \"{existing}\"."
            ),
            ImportMissingColumn { column } => msg!(
                lang,
                "CSV に列「{column}」がありません。何も取り込んでいません。",
                "The CSV has no \"{column}\" column; nothing was imported."
            ),
            ImportRows { rows } => {
                let list = rows
                    .iter()
                    .map(|r| {
                        if r.column.is_empty() {
                            format!("{}: {}", r.line, r.problem)
                        } else {
                            format!("{}:{}: {}", r.line, r.column, r.problem)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let n = rows.len();
                msg!(
                    lang,
                    "CSV に誤りのある行が {n} 行あります。何も取り込んでいません。\n{list}",
                    "{n} CSV rows are wrong; nothing was imported.\n{list}"
                )
            }
            ImportEncoding => msg!(
                lang,
                "ファイルが UTF-8 でも Shift_JIS でもありません。",
                "The file is neither UTF-8 nor Shift_JIS."
            ),
            ImportMarc { record, detail } => msg!(
                lang,
                "MARC レコード {record} 件目を読めません({detail})。何も取り込んでいません。",
                "Cannot read MARC record {record} ({detail}); nothing was imported."
            ),
            ImportFile { path, detail } => msg!(
                lang,
                "ファイル {path} を読めません({detail})。",
                "Cannot read {path} ({detail})."
            ),
            UnknownProfile { name } => msg!(
                lang,
                "運用方針「{name}」はありません(hokkaido か kyoto、または設定ファイルのパス)。",
                "No policy profile \"{name}\" (use hokkaido, kyoto or a profile file's path)."
            ),
            BadProfile { detail } => msg!(
                lang,
                "運用方針ファイルに誤りがあります: {detail}",
                "The policy profile is wrong: {detail}"
            ),
            FutureReturnDate { date } => msg!(
                lang,
                "返却日 {date} は今日より後です。",
                "The return date {date} is after today."
            ),
            ReturnBeforeLoan { date, loaned_on } => msg!(
                lang,
                "返却日 {date} は貸出日 {loaned_on} より前です。",
                "The return date {date} is before the loan day {loaned_on}."
            ),
            ReturnBefore1900 { date } => msg!(
                lang,
                "返却日 {date} は1900年より前です。日付を確かめてください。",
                "The return date {date} is before 1900; check the date."
            ),
            FileExists { path } => msg!(
                lang,
                "{path} はすでにあります。上書きしないので、別の名前を指定してください。",
                "{path} already exists; it is never overwritten, so give another name."
            ),
            TooLong { field, max } => msg!(
                lang,
                "{field} が長すぎます({max}文字まで)。",
                "{field} is too long (at most {max} characters)."
            ),
            ControlCharacter { field } => msg!(
                lang,
                "{field} に制御文字(改行・タブ・ESC など)は使えません。",
                "{field} cannot contain control characters (line breaks, tabs, ESC, ...)."
            ),
            DateOutOfRange { input } => msg!(
                lang,
                "日付 {input} は1900年から2200年の間ではありません。日付を確かめてください。",
                "The date {input} is not between 1900 and 2200; check the date."
            ),
            InsecureSmtp { host } => msg!(
                lang,
                "暗号化しない送信(--insecure)はこのマシン上の中継サーバーにだけ使えます。{host} には TLS で送ります。",
                "Plain-text sending (--insecure) is only for a relay on this machine; {host} is reached over TLS."
            ),
            UnknownStocktake { id } => msg!(
                lang,
                "蔵書点検 {id} はありません。",
                "There is no stock-taking {id}."
            ),
            LoginFailed => msg!(
                lang,
                "番号・パスワード(またはお名前・生年)のいずれかが違います。",
                "The number, the password, or the name or birth year is not right."
            ),
            SameAsOldPassword => msg!(
                lang,
                "今のパスワードと違うパスワードにしてください。",
                "Choose a password different from the current one."
            ),
            ImportStopped {
                stored,
                line,
                problem_ja,
                problem_en,
            } => msg!(
                lang,
                "{line} 行目(記録)から先は取り込んでいません({problem_ja})。その前の {stored} 件は登録済みです。残りは {line} 行目からやり直してください。",
                "Nothing from line (record) {line} on was imported ({problem_en}); the {stored} rows before it are in the catalogue. Import the rest from line {line}."
            ),
            UnknownTitle { id } => msg!(
                lang,
                "書誌番号 {id} の資料は蔵書にありません。",
                "There is no title number {id}."
            ),
        }
    }
}

/// A rule said no. Each reason is separate (C12) and says whether a supervisor may override it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    // Patrons and staff
    MustChangePassword,
    SelfServiceDisabled,
    PasswordAlreadySet,
    NotAllowedForRole {
        action: &'static str,
        role: Role,
    },
    NotSignedIn,
    AlreadyInitialized,
    // Accounts (issue 10)
    /// C24: five wrong tries in a row; the account waits.
    LoginWait {
        minutes: i64,
    },
    /// An admin disabled this staff account.
    StaffDisabled,
    /// K1 for staff: signed in with a temporary password, which allows only its change.
    StaffMustChangePassword,
    /// Disabling this account would leave nobody to manage staff.
    LastAdmin,
    // Checkout
    NotLoanable {
        label: &'static str,
    },
    AlreadyOnLoan,
    OnLoanToThisPatron,
    InTransit {
        to: String,
    },
    HeldForAnother,
    LoanLimit {
        limit: u32,
    },
    /// H11: the copy's collection belongs to another counter.
    WrongCollection {
        collection: Collection,
        counter: String,
    },
    /// C23: the desk acting is closed today.
    DeskClosed {
        desk: String,
        date: String,
        reason: Option<String>,
    },
    // Check-in
    NotOnLoan,
    WrongDesk {
        belongs: String,
    },
    NotDutyDay {
        desk: String,
    },
    /// H11: returns of the copy's collection are taken at another counter.
    ReturnWrongCollection {
        collection: Collection,
        counter: String,
    },
    /// H15, C23: nobody took returns at the desk on the hand-in day.
    ClosedOnHandInDay {
        desk: String,
        date: String,
    },
    /// H11, H15: this desk has no book drop.
    NoBookDrop {
        desk: String,
    },
    /// H11: the book drop does not take this collection (北方資料).
    BookDropCollection {
        collection: Collection,
        counter: String,
    },
    // Patrons
    /// H15: patrons register in a duty room only while library staff are there.
    RegisterNotDutyDay {
        desk: String,
    },
    // Renewal
    HasHolds,
    AlreadyRenewed,
    InterLibraryLoan,
    Overdue,
    PatronHasOverdue,
    DeliveryLoan,
    CheckoutDay,
    // Holds
    HoldLimit {
        limit: u32,
    },
    NotReservable {
        label: &'static str,
    },
    CopyAvailable,
    DuplicateHold,
    TitleOnLoanToPatron,
    PartnerRegistration {
        desk: String,
    },
    NoAddress,
    NoEmail,
    HoldReady,
    HoldClosed {
        status: &'static str,
    },
    NotAPickupPlace {
        desk: String,
    },
    // Delivery
    ParcelTooLarge {
        sum_cm: u32,
    },
    ParcelTooHeavy {
        weight_g: u32,
    },
    /// H12: only a home-delivery hold with its copy set aside gets an address label.
    NotToShip {
        status: &'static str,
    },
    /// C16: only a hold with its copy on a shelf or booked on a run has a slip.
    NoSlip {
        status: &'static str,
    },
    // Patron records and mail services (C22, K9)
    /// C22 利用停止: no checkout, hold or renewal until the suspension ends.
    Suspended {
        reason: String,
        until: Option<String>,
    },
    NotSuspended,
    /// C22: the registration ran out; staff confirm the address first.
    RegistrationExpired {
        expired_on: String,
    },
    /// C22: a card replaced after a loss is refused by its number.
    CardReplaced {
        card: String,
    },
    /// K9: this library's profile does not offer the service.
    ServiceNotOffered {
        service: &'static str,
    },
    /// K9: mail services need an e-mail address.
    ServiceNeedsEmail,
    // Copies and stock-taking (C21)
    /// The copy is out of circulation: neither lent, taken back nor trapped while it is so.
    CopyMarked {
        state: CopyState,
    },
    /// Damage, repair, withdrawal and 不明 are judged with the copy in hand: return it first.
    MarkOnLoan {
        state: CopyState,
    },
    /// Only a copy on loan can be claimed returned.
    ClaimNotOnLoan,
    /// One stock-taking of a collection at a time; every desk scans into it.
    StocktakeOpen {
        id: i64,
        collection: Collection,
    },
    StocktakeFinished {
        id: i64,
    },
    /// A copy of another collection scanned into a stock-taking: it is on the wrong shelves.
    StocktakeOtherCollection {
        collection: Collection,
        counted: Collection,
    },
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        use Refusal::*;
        match self {
            MustChangePassword => "patron.must_change_password",
            SelfServiceDisabled => "password.self_service_disabled",
            PasswordAlreadySet => "password.already_set",
            NotAllowedForRole { .. } => "staff.not_allowed",
            NotSignedIn => "staff.not_signed_in",
            LoginWait { .. } => "login.wait",
            StaffDisabled => "staff.disabled",
            StaffMustChangePassword => "staff.must_change_password",
            LastAdmin => "staff.last_admin",
            AlreadyInitialized => "store.already_initialized",
            NotLoanable { .. } => "checkout.not_loanable",
            AlreadyOnLoan => "checkout.on_loan",
            OnLoanToThisPatron => "checkout.already_borrowed",
            InTransit { .. } => "checkout.in_transit",
            HeldForAnother => "checkout.held_for_another",
            LoanLimit { .. } => "checkout.limit",
            WrongCollection { .. } => "checkout.wrong_collection",
            DeskClosed { .. } => "desk.closed",
            NotOnLoan => "checkin.not_on_loan",
            WrongDesk { .. } => "checkin.wrong_desk",
            NotDutyDay { .. } => "checkin.not_duty_day",
            ReturnWrongCollection { .. } => "checkin.wrong_collection",
            ClosedOnHandInDay { .. } => "checkin.closed_on_hand_in_day",
            NoBookDrop { .. } => "checkin.no_book_drop",
            BookDropCollection { .. } => "checkin.book_drop_collection",
            RegisterNotDutyDay { .. } => "patron.not_duty_day",
            HasHolds => "renew.has_holds",
            AlreadyRenewed => "renew.already_renewed",
            InterLibraryLoan => "renew.inter_library_loan",
            Overdue => "renew.overdue",
            PatronHasOverdue => "renew.patron_has_overdue",
            DeliveryLoan => "renew.delivery_loan",
            CheckoutDay => "renew.checkout_day",
            HoldLimit { .. } => "hold.limit",
            NotReservable { .. } => "hold.not_reservable",
            CopyAvailable => "hold.copy_available",
            DuplicateHold => "hold.duplicate",
            TitleOnLoanToPatron => "hold.already_borrowed",
            PartnerRegistration { .. } => "hold.partner_registration",
            NoAddress => "hold.no_address",
            NoEmail => "hold.no_email",
            HoldReady => "hold.ready",
            HoldClosed { .. } => "hold.closed",
            NotAPickupPlace { .. } => "hold.not_a_pickup_place",
            ParcelTooLarge { .. } => "delivery.too_large",
            ParcelTooHeavy { .. } => "delivery.too_heavy",
            NotToShip { .. } => "delivery.not_to_ship",
            NoSlip { .. } => "hold.no_slip",
            Suspended { .. } => "patron.suspended",
            NotSuspended => "patron.not_suspended",
            RegistrationExpired { .. } => "patron.registration_expired",
            CardReplaced { .. } => "patron.card_replaced",
            ServiceNotOffered { .. } => "notices.not_offered",
            ServiceNeedsEmail => "notices.no_email",
            CopyMarked { state } => match state {
                CopyState::Lost => "item.lost",
                CopyState::Damaged => "item.damaged",
                CopyState::InRepair => "item.in_repair",
                CopyState::Withdrawn => "item.withdrawn",
                CopyState::ClaimsReturned => "item.claims_returned",
                CopyState::Missing => "item.missing",
            },
            MarkOnLoan { .. } => "item.mark_on_loan",
            ClaimNotOnLoan => "item.claim_not_on_loan",
            StocktakeOpen { .. } => "stocktake.already_open",
            StocktakeFinished { .. } => "stocktake.finished",
            StocktakeOtherCollection { .. } => "stocktake.other_collection",
        }
    }

    pub fn rule(&self) -> Option<&'static str> {
        use Refusal::*;
        Some(match self {
            MustChangePassword => "K1",
            SelfServiceDisabled => "K1",
            PasswordAlreadySet => "H4",
            NotAllowedForRole { .. } | NotSignedIn | AlreadyInitialized => "C7",
            LoginWait { .. } => "C24",
            StaffDisabled | LastAdmin => "C7",
            StaffMustChangePassword => "K1",
            NotLoanable { .. } | AlreadyOnLoan | OnLoanToThisPatron | InTransit { .. } => "C5",
            HeldForAnother => "C18",
            LoanLimit { .. } => "C8",
            NotOnLoan => "C5",
            WrongDesk { .. } => "H11",
            NotDutyDay { .. } => "H15",
            WrongCollection { .. }
            | ReturnWrongCollection { .. }
            | NoBookDrop { .. }
            | BookDropCollection { .. } => "H11",
            DeskClosed { .. } => "C23",
            ClosedOnHandInDay { .. } | RegisterNotDutyDay { .. } => "H15",
            HasHolds | AlreadyRenewed | InterLibraryLoan | Overdue => "C11",
            PatronHasOverdue | DeliveryLoan => "H8",
            CheckoutDay => "K6",
            HoldLimit { .. } => "C8",
            NotReservable { .. } => "C5",
            CopyAvailable => "K7",
            DuplicateHold | TitleOnLoanToPatron => "C13",
            PartnerRegistration { .. } => "H14",
            NoAddress => "H12",
            NoEmail => "C14",
            HoldReady => "C15",
            HoldClosed { .. } => "C15",
            NotAPickupPlace { .. } => "C14",
            ParcelTooLarge { .. } | ParcelTooHeavy { .. } => "H13",
            NotToShip { .. } => "H12",
            NoSlip { .. } => "C16",
            Suspended { .. } | NotSuspended | RegistrationExpired { .. } | CardReplaced { .. } => {
                "C22"
            }
            ServiceNotOffered { .. } | ServiceNeedsEmail => "K9",
            CopyMarked { .. }
            | MarkOnLoan { .. }
            | ClaimNotOnLoan
            | StocktakeOpen { .. }
            | StocktakeFinished { .. }
            | StocktakeOtherCollection { .. } => "C21",
        })
    }

    /// Reasons a supervisor may let pass at the desk, with a confirmation. The others protect
    /// another patron (C18, C11 holds), the item itself (C5) or facts (a loan renewed once).
    pub fn overridable(&self) -> bool {
        use Refusal::*;
        matches!(
            self,
            LoanLimit { .. }
                | WrongDesk { .. }
                | NotDutyDay { .. }
                | WrongCollection { .. }
                | ReturnWrongCollection { .. }
                | DeskClosed { .. }
                | ClosedOnHandInDay { .. }
                | RegisterNotDutyDay { .. }
                | Overdue
                | PatronHasOverdue
                | CheckoutDay
                | HoldLimit { .. }
                | CopyAvailable
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        use Refusal::*;
        match self {
            MustChangePassword => msg!(
                lang,
                "仮パスワードのままです。先にパスワードを変更してください。",
                "This is still the temporary password: change it first."
            ),
            SelfServiceDisabled => msg!(
                lang,
                "この図書館では最初のパスワードはカウンターで発行します。",
                "In this library the first password is issued at the counter."
            ),
            PasswordAlreadySet => msg!(
                lang,
                "パスワードはすでに設定されています。お忘れの場合は図書館にお電話ください(リセットします)。",
                "A password is already set; if forgotten, phone the library to have it reset."
            ),
            NotAllowedForRole { action, role } => {
                let role = role.as_str();
                msg!(
                    lang,
                    "役割「{role}」では「{action}」はできません。",
                    "The role \"{role}\" may not do \"{action}\"."
                )
            }
            NotSignedIn => msg!(
                lang,
                "職員のサインインと窓口の選択をしてください。",
                "Sign in and choose a desk first."
            ),
            LoginWait { minutes } => msg!(
                lang,
                "続けて5回間違えたため、{minutes} 分後までログインできません。",
                "Five wrong tries in a row: sign-in waits {minutes} more minutes."
            ),
            StaffDisabled => msg!(
                lang,
                "この職員アカウントは無効にされています。",
                "This staff account is disabled."
            ),
            StaffMustChangePassword => msg!(
                lang,
                "仮パスワードでサインインしています。先にパスワードを変更してください。",
                "Signed in with a temporary password: change it before anything else."
            ),
            LastAdmin => msg!(
                lang,
                "最後の管理者は無効にできません。",
                "The last admin cannot be disabled."
            ),
            AlreadyInitialized => msg!(
                lang,
                "このデータベースはすでに初期化されています。",
                "This database is already initialised."
            ),
            NotLoanable { label } => msg!(
                lang,
                "この資料は「{label}」のため貸出できません。",
                "This item is {label} and cannot be lent."
            ),
            AlreadyOnLoan => msg!(
                lang,
                "この資料は貸出中です。先に返却処理をしてください。",
                "This item is on loan; check it in first."
            ),
            OnLoanToThisPatron => msg!(
                lang,
                "この資料はすでにこの利用者に貸出中です。",
                "This item is already on loan to this patron."
            ),
            InTransit { to } => msg!(
                lang,
                "この資料は {to} へ回送中です。",
                "This item is in transit to {to}."
            ),
            HeldForAnother => msg!(
                lang,
                "この資料は別の利用者の予約のために確保されています。",
                "This item is set aside for another patron's hold."
            ),
            LoanLimit { limit } => msg!(
                lang,
                "貸出は {limit} 冊までです。",
                "The loan limit is {limit} items."
            ),
            WrongCollection {
                collection,
                counter,
            } => {
                let (ja, en) = (collection.label(), collection.label_en());
                msg!(
                    lang,
                    "{ja}は {counter} で貸出します。",
                    "{en} are lent at {counter}."
                )
            }
            DeskClosed { desk, date, reason } => {
                let why = reason.as_deref().unwrap_or("休館日");
                msg!(
                    lang,
                    "{desk} は {date} は開いていません({why})。",
                    "{desk} is closed on {date} ({why})."
                )
            }
            NotOnLoan => msg!(
                lang,
                "この資料は貸出中ではありません。",
                "This item is not on loan."
            ),
            WrongDesk { belongs } => msg!(
                lang,
                "この資料は {belongs} で返却を受け付けます。",
                "This item must be returned at {belongs}."
            ),
            NotDutyDay { desk } => msg!(
                lang,
                "{desk} の返却処理は職員駐在日(火・木)に行います。",
                "Returns at {desk} are processed on duty days (Tue, Thu)."
            ),
            ReturnWrongCollection {
                collection,
                counter,
            } => {
                let (ja, en) = (collection.label(), collection.label_en());
                msg!(
                    lang,
                    "{ja}の返却は {counter} で受け付けます。",
                    "{en} are checked in at {counter}."
                )
            }
            ClosedOnHandInDay { desk, date } => msg!(
                lang,
                "{desk} は {date} に開いていなかったため、その日の返却はありえません。返却日を確かめてください。",
                "{desk} was closed on {date}: nothing was handed in there that day. Check the return date."
            ),
            NoBookDrop { desk } => msg!(
                lang,
                "{desk} にはブックポストがありません。",
                "{desk} has no book drop."
            ),
            BookDropCollection {
                collection,
                counter,
            } => {
                let (ja, en) = (collection.label(), collection.label_en());
                msg!(
                    lang,
                    "{ja}はブックポストでは返却できません。{counter} で返却してください。",
                    "{en} cannot go through the book drop; return them at {counter}."
                )
            }
            RegisterNotDutyDay { desk } => msg!(
                lang,
                "{desk} での利用者登録は図書館職員の駐在日(火・木)だけです。",
                "Patrons register at {desk} only on library staff duty days (Tue, Thu)."
            ),
            HasHolds => msg!(
                lang,
                "他の利用者の予約が入っているため延長できません。",
                "Another patron has reserved this title: no renewal."
            ),
            AlreadyRenewed => msg!(
                lang,
                "延長は1回までです(延長済)。",
                "A loan can be renewed only once (already renewed)."
            ),
            InterLibraryLoan => msg!(
                lang,
                "他の図書館から借り受けた資料は延長できません。",
                "Items borrowed from another library cannot be renewed."
            ),
            Overdue => msg!(
                lang,
                "返却期限を過ぎた資料は延長できません。",
                "An overdue loan cannot be renewed."
            ),
            PatronHasOverdue => msg!(
                lang,
                "返却期限を過ぎた資料があるため延長できません。",
                "The patron has an overdue loan: no renewals."
            ),
            DeliveryLoan => msg!(
                lang,
                "受取館・自宅で受け取った資料は延長できません。",
                "Loans received at a partner library or by home delivery cannot be renewed."
            ),
            CheckoutDay => msg!(
                lang,
                "貸出手続き当日の延長はできません。",
                "A loan cannot be renewed on the day it was made."
            ),
            HoldLimit { limit } => msg!(
                lang,
                "予約は {limit} 冊までです(カウンターとインターネットの合計)。",
                "The hold limit is {limit} (counter and internet together)."
            ),
            NotReservable { label } => msg!(
                lang,
                "この資料は「{label}」のため予約できません。",
                "This item is {label} and cannot be reserved."
            ),
            CopyAvailable => msg!(
                lang,
                "貸出できる資料が書架にあるため、貸出待ち登録はできません。",
                "A copy is on the shelf: holds are only for titles whose copies are all on loan."
            ),
            DuplicateHold => msg!(
                lang,
                "この資料はすでに予約されています。",
                "The patron already has a hold on this title."
            ),
            TitleOnLoanToPatron => msg!(
                lang,
                "この資料はすでにこの利用者に貸出中です。",
                "The patron already has this title on loan."
            ),
            PartnerRegistration { desk } => msg!(
                lang,
                "{desk} で受け取るには、受取館の利用者登録が必要です。",
                "To collect at {desk} the patron must be registered there too."
            ),
            NoAddress => msg!(
                lang,
                "自宅配送には住所と郵便番号の登録が必要です。",
                "Home delivery needs a registered postal code and address."
            ),
            NoEmail => msg!(
                lang,
                "メール連絡にはメールアドレスの登録が必要です。",
                "E-mail notices need a registered e-mail address."
            ),
            HoldReady => msg!(
                lang,
                "準備ができた予約は、お電話で職員が変更・取消を承ります。",
                "The hold is ready: only staff can change or cancel it now (by phone)."
            ),
            HoldClosed { status } => msg!(
                lang,
                "この予約はすでに終了しています({status})。",
                "This hold is already closed ({status})."
            ),
            NotAPickupPlace { desk } => msg!(
                lang,
                "{desk} は受取場所にできません。",
                "{desk} is not a pickup place."
            ),
            ParcelTooLarge { sum_cm } => msg!(
                lang,
                "三辺の合計が {sum_cm}cm で、ゆうパックの上限(170cm)を超えます。",
                "The three sides add up to {sum_cm} cm, over yu-pack's 170 cm."
            ),
            ParcelTooHeavy { weight_g } => msg!(
                lang,
                "重さ {weight_g}g はゆうパックの上限(25kg)を超えます。",
                "{weight_g} g is over yu-pack's 25 kg."
            ),
            NotToShip { status } => msg!(
                lang,
                "この予約は自宅配送の発送待ちではありません({status})。",
                "This hold is not a home delivery waiting to be sent ({status})."
            ),
            NoSlip { status } => msg!(
                lang,
                "この予約の資料は予約棚にも発送待ちにもないため、票はありません({status})。",
                "This hold's copy is neither on a hold shelf nor booked on a run: no slip ({status})."
            ),
            Suspended { reason, until } => match until {
                Some(until) => msg!(
                    lang,
                    "この利用者は {until} まで利用停止中です(理由: {reason})。",
                    "This patron is suspended until {until} (reason: {reason})."
                ),
                None => msg!(
                    lang,
                    "この利用者は利用停止中です(理由: {reason})。解除されるまで貸出・予約・延長はできません。",
                    "This patron is suspended (reason: {reason}) until staff resume them."
                ),
            },
            NotSuspended => msg!(
                lang,
                "この利用者は利用停止中ではありません。",
                "This patron is not suspended."
            ),
            RegistrationExpired { expired_on } => msg!(
                lang,
                "登録の有効期限({expired_on})が過ぎています。住所を確認して登録を更新してください。",
                "The registration expired on {expired_on}; confirm the address to renew it."
            ),
            CardReplaced { card } => msg!(
                lang,
                "利用者番号 {card} のカードは再発行により使えなくなっています。新しいカードを使ってください。",
                "Card {card} was replaced and no longer works; use the new card."
            ),
            ServiceNotOffered { service } => msg!(
                lang,
                "この図書館では「{service}」を行っていません。",
                "This library does not offer \"{service}\"."
            ),
            ServiceNeedsEmail => msg!(
                lang,
                "メールによるお知らせには、先にメールアドレスの登録が必要です。",
                "Mail services need an e-mail address: register one first."
            ),
            CopyMarked { state } => {
                let (ja, en) = (state.label(), state.label_en());
                msg!(
                    lang,
                    "この資料は「{ja}」です。貸出・返却・予約の確保はできません。「利用可能に戻す」で戻してから扱ってください。",
                    "This item is marked {en}: it is neither lent, returned nor set aside for a hold until it is marked available."
                )
            }
            MarkOnLoan { state } => {
                let (ja, en) = (state.label(), state.label_en());
                msg!(
                    lang,
                    "貸出中の資料です。返却処理をしてから「{ja}」にしてください。",
                    "The item is on loan: check it in before marking it {en}."
                )
            }
            ClaimNotOnLoan => msg!(
                lang,
                "貸出中ではない資料は返却済申告にできません。",
                "Only an item on loan can be claimed returned."
            ),
            StocktakeOpen { id, collection } => {
                let (ja, en) = (collection.label(), collection.label_en());
                msg!(
                    lang,
                    "{ja}の蔵書点検 {id} が進行中です。その点検に読み込んでください。",
                    "Stock-taking {id} of the {en} is under way: scan into it."
                )
            }
            StocktakeFinished { id } => msg!(
                lang,
                "蔵書点検 {id} は終了しています。",
                "Stock-taking {id} has finished."
            ),
            StocktakeOtherCollection {
                collection,
                counted,
            } => {
                let (ja, en) = (collection.label(), collection.label_en());
                let (cja, cen) = (counted.label(), counted.label_en());
                msg!(
                    lang,
                    "この資料は{ja}です({cja}の点検中)。配架場所を確かめてください。",
                    "This item belongs to the {en}, not the {cen} being counted: check where it is shelved."
                )
            }
        }
    }
}

/// The database file itself is the problem.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    NotADatabase { path: String },
    TooNew { found: i64, supported: i64 },
    NotInitialized { path: String },
    Damaged { detail: String },
    Locked,
    Io { path: String, detail: String },
    Sql { detail: String },
    // `kashidashi backup` (issue 12).
    BackupExists { path: String },
    BackupOfServer,
    // A PostgreSQL server that went away (issue 12: durability when the server stops).
    Unavailable { detail: String },
    CommitUnknown { detail: String },
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotADatabase { .. } => "store.not_a_database",
            StoreError::TooNew { .. } => "store.too_new",
            StoreError::NotInitialized { .. } => "store.not_initialized",
            StoreError::Damaged { .. } => "store.damaged",
            StoreError::Locked => "store.locked",
            StoreError::Io { .. } => "store.io",
            StoreError::Sql { .. } => "store.sql",
            StoreError::BackupExists { .. } => "store.backup_exists",
            StoreError::BackupOfServer => "store.backup_server",
            StoreError::Unavailable { .. } => "store.unavailable",
            StoreError::CommitUnknown { .. } => "store.commit_unknown",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::NotADatabase { path } => msg!(
                lang,
                "{path} は貸出データベースではありません(SQLite ファイルではありません)。",
                "{path} is not a Kashidashi database (not an SQLite file)."
            ),
            StoreError::TooNew { found, supported } => msg!(
                lang,
                "データベースの版 {found} はこのプログラム(版 {supported} まで)より新しいため開けません。プログラムを更新してください。",
                "The database is version {found}, newer than this program (up to {supported}); update the program."
            ),
            StoreError::NotInitialized { path } => msg!(
                lang,
                "{path} はまだ初期化されていません。kashidashi init --profile で作成してください。",
                "{path} is not initialised; create it with kashidashi init --profile."
            ),
            StoreError::Damaged { detail } => msg!(
                lang,
                "データベースが壊れています({detail})。バックアップから戻してください。",
                "The database is damaged ({detail}); restore it from a backup."
            ),
            StoreError::Locked => msg!(
                lang,
                "データベースが他の処理で使用中です。少し待ってからやり直してください。",
                "The database is busy in another process; try again in a moment."
            ),
            StoreError::Io { path, detail } => msg!(
                lang,
                "{path} を開けません({detail})。",
                "Cannot open {path} ({detail})."
            ),
            StoreError::Sql { detail } => msg!(
                lang,
                "データベース処理に失敗しました({detail})。",
                "A database operation failed ({detail})."
            ),
            StoreError::BackupExists { path } => msg!(
                lang,
                "{path} は既にあります。バックアップは既存のファイルを上書きしません。新しいファイル名を指定してください。",
                "{path} already exists; a backup never overwrites a file. Name a new file."
            ),
            StoreError::BackupOfServer => msg!(
                lang,
                "PostgreSQL の図書館はこのコマンドではバックアップできません。サーバーの pg_dump を使ってください。",
                "A PostgreSQL library is not backed up by this command; use the server's pg_dump."
            ),
            StoreError::Unavailable { detail } => msg!(
                lang,
                "データベースサーバーに接続できません({detail})。この操作は記録されていません。サーバーが戻ってから、もう一度行ってください。",
                "The database server cannot be reached ({detail}). Nothing was recorded; do it again once the server is back."
            ),
            StoreError::CommitUnknown { detail } => msg!(
                lang,
                "記録の確定中にデータベースサーバーとの接続が切れました({detail})。この操作が記録されたかどうか分かりません。利用者の貸出・予約を確かめてから続けてください。",
                "The connection to the database server was lost while the action was being committed ({detail}); it may or may not have been recorded. Check the patron's loans and holds before going on."
            ),
        }
    }
}

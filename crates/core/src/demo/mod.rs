//! `kashidashi demo`: a believable library to try the desk on (`Small`), and a library-scale one
//! for benchmarks (`Large`: 1,000,000 copies, 200,000 patrons). Rows are written directly in one
//! transaction: the rules they would pass are the catalogue's and registration's own, and the
//! generator only makes values those rules accept.

mod circulate;
mod names;

use crate::store::TransactionBehavior;
use chrono::Duration;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::credentials;
use crate::domain::{Collection, LoanType, Now};
use crate::error::Result;
use crate::library::Library;
use crate::policy::CodeRule;
use crate::store::date_str;
use names::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoScale {
    Small,
    Large,
}

struct Size {
    titles: usize,
    copies: usize,
    patrons: usize,
}

impl DemoScale {
    fn size(self) -> Size {
        match self {
            DemoScale::Small => Size {
                titles: 1_500,
                copies: 3_000,
                patrons: 300,
            },
            DemoScale::Large => Size {
                titles: 400_000,
                copies: 1_000_000,
                patrons: 200_000,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub titles: usize,
    pub items: usize,
    pub patrons: usize,
    pub loans: usize,
    pub holds: usize,
    /// A patron card and an available item to try first.
    pub sample_card: String,
    pub sample_item: String,
    /// The built-in `admin`'s temporary password, shown once (K1).
    pub admin_password: String,
}

/// Staff of a demo library, all with `DEMO_STAFF_PASSWORD` (README: "trying the desk").
pub const DEMO_STAFF: &[(&str, &str, &str)] = &[
    ("counter1", "窓口 一郎", "counter"),
    ("diet1", "駐在 二郎", "diet-duty"),
    ("office1", "議会 事務", "diet-office"),
    ("super1", "監督 花子", "supervisor"),
];
pub const DEMO_STAFF_PASSWORD: &str = "kashidashi";

/// The nth code of a kind: the pattern's first digit, zero-padded, and the check character.
fn code(rule: &CodeRule, lead: char, n: usize) -> String {
    let body = format!("{lead}{n:08}");
    match crate::scan::check_character(rule.check_digit, &body) {
        Some(c) => format!("{body}{c}"),
        None => format!("{lead}{n:09}"),
    }
}

fn title_text(rng: &mut StdRng, northern: bool) -> (String, String) {
    let shape = TITLE_SHAPES.choose(rng).expect("non-empty");
    let place = if northern {
        PLACES[..12].choose(rng)
    } else {
        PLACES.choose(rng)
    }
    .expect("non-empty");
    let (subject, ndc) = SUBJECTS.choose(rng).expect("non-empty");
    let (topic, tndc) = GENERAL_TOPICS.choose(rng).expect("non-empty");
    let title = shape
        .replace("{p}", place)
        .replace("{s}", subject)
        .replace("{t}", topic);
    let ndc = if shape.contains("{t}") { tndc } else { ndc };
    (title, ndc.to_string())
}

const LARGE_LOANS: usize = 300_000;
const LARGE_HOLDS: usize = 50_000;

fn column(conn: &crate::store::Connection, sql: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<crate::store::Result<_>>()?)
}

/// Open loans for the library-scale demo: random loanable copies, at most the limit per patron,
/// lent over the last 25 days at the counter of their collection (some now overdue).
fn bulk_loans(
    tx: &crate::store::Transaction,
    policy: &crate::policy::Policy,
    rng: &mut StdRng,
    today: chrono::NaiveDate,
    patrons: &[i64],
    n: usize,
) -> Result<()> {
    let mut copies: Vec<(i64, String, String)> = {
        let mut st = tx.prepare(
            "SELECT id, home_desk, loan_type FROM items WHERE loan_type IN ('normal', 'short')",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<crate::store::Result<_>>()?
    };
    let mut per_patron = vec![0u32; patrons.len()];
    let mut loan = tx.prepare("INSERT INTO loans (item_id, patron_id, desk_code, loaned_on, due_on) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut mark = tx.prepare("UPDATE items SET status = 'on-loan' WHERE id = ?1")?;
    for _ in 0..n.min(copies.len()) {
        let (id, desk, loan_type) = copies.swap_remove(rng.random_range(0..copies.len()));
        let patron = loop {
            let p = rng.random_range(0..patrons.len());
            if per_patron[p] < policy.loans.limit {
                per_patron[p] += 1;
                break patrons[p];
            }
        };
        let kind = policy.desk(&desk)?.kind;
        let days = policy.loan_days(
            kind,
            crate::domain::LoanType::parse(&loan_type).unwrap_or(LoanType::Normal),
        );
        let on = today - Duration::days(rng.random_range(0..25));
        loan.execute(crate::store::params![
            id,
            patron,
            desk,
            date_str(on),
            date_str(on + Duration::days(i64::from(days) - 1))
        ])?;
        mark.execute([id])?;
    }
    Ok(())
}

/// Waiting holds for the library-scale demo, on titles whose every copy is on loan.
fn bulk_holds(
    tx: &crate::store::Transaction,
    policy: &crate::policy::Policy,
    rng: &mut StdRng,
    now: Now,
    patrons: &[i64],
    n: usize,
) -> Result<()> {
    let titles: Vec<i64> = {
        let mut st = tx.prepare(
            "SELECT title_id FROM items WHERE loan_type IN ('normal', 'short') GROUP BY title_id
             HAVING sum(CASE WHEN status = 'available' THEN 1 ELSE 0 END) = 0",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<crate::store::Result<_>>()?
    };
    let borrowing: std::collections::HashSet<(i64, i64)> = {
        let mut st = tx.prepare(
            "SELECT l.patron_id, i.title_id FROM loans l JOIN items i ON i.id = l.item_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<crate::store::Result<_>>()?
    };
    let mut holding = std::collections::HashSet::new();
    let mut per_patron = vec![0u32; patrons.len()];
    let pickup = policy.first_counter().code.to_string();
    let mut st = tx.prepare(
        "INSERT INTO holds (patron_id, title_id, pickup_desk, notify, status, placed_at, placed_by)
         VALUES (?1, ?2, ?3, 'none', 'waiting', ?4, 'patron')",
    )?;
    let mut placed = 0;
    while placed < n && !titles.is_empty() {
        let title = *titles.choose(rng).expect("non-empty");
        let p = rng.random_range(0..patrons.len());
        let patron = patrons[p];
        if per_patron[p] >= policy.holds.limit
            || borrowing.contains(&(patron, title))
            || !holding.insert((patron, title))
        {
            continue;
        }
        per_patron[p] += 1;
        let at = now.today() - Duration::days(rng.random_range(1..60));
        st.execute(crate::store::params![
            patron,
            title,
            pickup,
            format!(
                "{}T{:02}:{:02}:00+09:00",
                date_str(at),
                rng.random_range(9..19),
                rng.random_range(0..60)
            )
        ])?;
        placed += 1;
    }
    Ok(())
}

pub fn build_demo(
    target: impl Into<crate::store::Target>,
    profile: &str,
    scale: DemoScale,
    now: Now,
    progress: &mut dyn FnMut(&str),
) -> Result<DemoSummary> {
    let created = Library::create(target, profile, now)?;
    let mut lib = created.library;
    let policy = lib.policy().clone();
    let size = scale.size();
    let mut rng = StdRng::seed_from_u64(20261121);
    let today = now.today();
    let conn = lib.connection_mut();
    crate::store::set_durable(conn, false)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Bulk)?;

    progress("staff");
    let staff_hash = credentials::hash(DEMO_STAFF_PASSWORD)?;
    for (id, name, role) in DEMO_STAFF {
        tx.execute(
            "INSERT INTO staff (id, name, role, password_hash, must_change_password, created_at)
             VALUES (?1, ?2, ?3, ?4, FALSE, ?5)",
            (id, name, role, &staff_hash, now.rfc3339()),
        )?;
    }

    progress("titles");
    let mut title_ids = Vec::with_capacity(size.titles);
    {
        let mut st = tx.prepare(
            "INSERT INTO titles (title, author, isbn, search_key) VALUES (?1, ?2, NULL, ?3)
             RETURNING id",
        )?;
        for t in 0..size.titles {
            let (title, author) = match CLASSICS.get(t) {
                Some((title, author, _)) => (title.to_string(), author.to_string()),
                None => {
                    let (title, _) = title_text(&mut rng, t % 10 == 0);
                    let (s, _) = SURNAMES.choose(&mut rng).expect("non-empty");
                    let (g, _, _) = GIVEN_NAMES.choose(&mut rng).expect("non-empty");
                    // A volume number keeps generated titles distinct, as series are in a catalogue.
                    (
                        format!("{title} 第{}巻", t / TITLE_SHAPES.len() % 50 + 1),
                        format!("{s}{g}"),
                    )
                }
            };
            let key = crate::domain::search_key::title_key(&title, Some(&author), None);
            title_ids.push(st.query_row((title, author, key), |r| r.get::<_, i64>(0))?);
        }
    }

    progress("items");
    {
        let mut st = tx.prepare(
            "INSERT INTO items (barcode, title_id, call_number, collection, loan_type, ill,
                                length_mm, width_mm, thickness_mm, weight_g, home_desk, added_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let added = date_str(today - Duration::days(400));
        for n in 0..size.copies {
            // Every title has a copy; the rest go to popular titles first, as holdings do.
            let title = if n < size.titles {
                n
            } else {
                (rng.random::<f64>().powi(2) * size.titles as f64) as usize
            };
            let northern = title % 10 == 0 && title >= CLASSICS.len();
            let collection = if northern {
                Collection::Northern
            } else {
                Collection::General
            };
            let loan_type = match rng.random_range(0..100) {
                0..=84 => LoanType::Normal,
                85..=92 => LoanType::Short,
                93..=96 => LoanType::Reference,
                97..=98 => LoanType::InLibrary,
                _ => LoanType::InLibraryShort,
            };
            let call = match CLASSICS.get(title) {
                Some((_, _, c)) => c.to_string(),
                None => {
                    let (_, ndc) = title_text(&mut rng, northern);
                    let (_, kana) = SURNAMES.choose(&mut rng).expect("non-empty");
                    format!("{ndc}/{}", kana.chars().next().unwrap_or('ア'))
                }
            };
            let (l, w, t, g) = match rng.random_range(0..10) {
                0..=3 => (
                    148,
                    105,
                    12 + rng.random_range(0..10),
                    120 + rng.random_range(0..80),
                ),
                4..=8 => (
                    188,
                    128,
                    15 + rng.random_range(0..20),
                    250 + rng.random_range(0..200),
                ),
                _ => (
                    297,
                    210,
                    20 + rng.random_range(0..25),
                    700 + rng.random_range(0..600),
                ),
            };
            st.execute(crate::store::params![
                code(&policy.item, '1', n + 1),
                title_ids[title],
                call,
                collection.as_str(),
                loan_type.as_str(),
                rng.random_range(0..200) == 0,
                l,
                w,
                t,
                g,
                policy.counter_for(collection).code.as_str(),
                added,
            ])?;
        }
    }

    progress("patrons");
    let mut patron_ids = Vec::with_capacity(size.patrons);
    {
        let mut st = tx.prepare(
            "INSERT INTO patrons (card, name, kana, birth_date, email, postal_code, address, phone,
                                  residence, keep_history, registered_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
        )?;
        for n in 0..size.patrons {
            let si = rng.random_range(0..SURNAMES.len());
            let (s, sk) = SURNAMES[si];
            let (g, gk, gr) = GIVEN_NAMES.choose(&mut rng).expect("non-empty");
            let birth = today - Duration::days(rng.random_range(7 * 365..85 * 365));
            let email = (rng.random_range(0..10) < 7)
                .then(|| format!("{}.{gr}{}@example.jp", SURNAME_ROMAJI[si], n % 1000));
            let city = policy.cities.choose(&mut rng).map_or("", String::as_str);
            let id = st.query_row(
                crate::store::params![
                    code(&policy.card, '2', n + 1),
                    format!("{s} {g}"),
                    format!("{sk} {gk}"),
                    date_str(birth),
                    email,
                    format!(
                        "0{:02}-{:04}",
                        rng.random_range(40..99),
                        rng.random_range(0..10000)
                    ),
                    format!(
                        "{}{city}{}条{}丁目{}-{}",
                        policy.prefecture,
                        rng.random_range(1..20),
                        rng.random_range(1..12),
                        rng.random_range(1..30),
                        rng.random_range(1..20)
                    ),
                    format!(
                        "0{}-{:03}-{:04}",
                        rng.random_range(11..99),
                        rng.random_range(100..999),
                        rng.random_range(0..10000)
                    ),
                    policy.residence_categories.choose(&mut rng),
                    rng.random_range(0..20) == 0,
                    date_str(today - Duration::days(rng.random_range(1..3000))),
                ],
                |r| r.get::<_, i64>(0),
            )?;
            patron_ids.push(id);
        }
    }
    if scale == DemoScale::Large {
        progress("loans");
        bulk_loans(&tx, &policy, &mut rng, today, &patron_ids, LARGE_LOANS)?;
        progress("holds");
        bulk_holds(&tx, &policy, &mut rng, now, &patron_ids, LARGE_HOLDS)?;
    }
    tx.commit()?;
    crate::store::set_durable(conn, true)?;
    crate::store::gather_statistics(conn)?;
    if scale == DemoScale::Small {
        progress("a month at the desk");
        let cards = column(lib.connection(), "SELECT card FROM patrons")?;
        let items = column(
            lib.connection(),
            "SELECT barcode FROM items WHERE loan_type IN ('normal', 'short')",
        )?;
        circulate::month(&mut lib, &mut rng, &cards, &items, today)?;
    }
    progress("done");
    let count = |sql: &str| -> Result<usize> {
        Ok(lib
            .connection()
            .query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
    };
    Ok(DemoSummary {
        titles: size.titles,
        items: size.copies,
        patrons: size.patrons,
        loans: count("SELECT count(*) FROM loans WHERE returned_on IS NULL")?,
        holds: count("SELECT count(*) FROM holds WHERE status IN ('waiting', 'allocated', 'in-transit', 'ready', 'awaiting-return')")?,
        sample_card: code(&policy.card, '2', 1),
        sample_item: column(lib.connection(), "SELECT barcode FROM items WHERE status = 'available' AND loan_type = 'normal' ORDER BY id LIMIT 1")?
            .pop()
            .unwrap_or_default(),
        admin_password: created.admin_password,
    })
}

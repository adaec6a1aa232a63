//! Kashidashi's desktop shell: registers the commands and holds the open library. Every command
//! is a few lines over `kashidashi-core`, the same functions the CLI calls.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod library_choice;
mod state;

/// `KASHIDASHI_LOG=info|debug` writes the app's log to stderr; quiet otherwise.
fn init_log() {
    let level = match std::env::var("KASHIDASHI_LOG").as_deref() {
        Ok("debug") => tracing::Level::DEBUG,
        Ok("info") => tracing::Level::INFO,
        _ => tracing::Level::WARN,
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .init();
}

fn main() {
    init_log();
    tauri::Builder::default()
        .manage(state::Desk::from_env())
        .invoke_handler(tauri::generate_handler![
            commands::session::app_info,
            commands::session::init_database,
            commands::session::choose_library,
            commands::session::server_password,
            commands::session::set_language,
            commands::session::staff_sign_in,
            commands::session::staff_set_first_password,
            commands::session::staff_sign_out,
            commands::session::select_desk,
            commands::circulation::scan,
            commands::circulation::patron_panel,
            commands::circulation::checkout,
            commands::circulation::checkin,
            commands::circulation::renew,
            commands::circulation::checkin_book_drop,
            commands::circulation::item_mark,
            commands::patrons::patron_register,
            commands::patrons::patron_update,
            commands::patrons::patron_search,
            commands::patrons::patron_reset_password,
            commands::patrons::check_email,
            commands::patrons::patron_replace_card,
            commands::holds::item_show,
            commands::holds::hold_place,
            commands::holds::hold_cart,
            commands::holds::holds_list,
            commands::holds::hold_cancel,
            commands::holds::hold_change_pickup,
            commands::shelf::shelf_list,
            commands::shelf::pull_list,
            commands::shelf::shelf_expire,
            commands::stocktake::stocktake_start,
            commands::stocktake::stocktake_scan,
            commands::stocktake::stocktake_finish,
            commands::stocktake::stocktakes_open,
            commands::calendar::calendar_days,
            commands::calendar::calendar_change,
            commands::calendar::calendar_loans_due,
            commands::print::print_receipt,
            commands::print::print_report,
            commands::print::print_file,
            commands::print::print_discard,
        ])
        .run(tauri::generate_context!())
        .expect("the Kashidashi window could not start");
}

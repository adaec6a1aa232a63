/// Every command the UI may call; each gets an `allow-…` permission that `capabilities/` grants.
const COMMANDS: &[&str] = &[
    "app_info",
    "init_database",
    "choose_library",
    "server_password",
    "set_language",
    "staff_sign_in",
    "staff_set_first_password",
    "staff_sign_out",
    "select_desk",
    "scan",
    "patron_panel",
    "checkout",
    "checkin",
    "renew",
    "patron_register",
    "patron_update",
    "patron_search",
    "patron_reset_password",
    "check_email",
    "item_show",
    "hold_place",
    "hold_cart",
    "holds_list",
    "hold_cancel",
    "hold_change_pickup",
    "shelf_list",
    "pull_list",
    "shelf_expire",
    "stocktake_start",
    "stocktake_scan",
    "stocktake_finish",
    "calendar_days",
    "calendar_change",
    "calendar_loans_due",
    "print_receipt",
    "print_report",
    "print_file",
    "print_discard",
    "item_mark",
    "checkin_book_drop",
    "patron_replace_card",
    "stocktakes_open",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

//! Cookies, the signed-in patron and CSRF. The session cookie holds a random token whose digest
//! the database keeps (`kashidashi_core::my_page`); it is `Secure; HttpOnly; SameSite=Strict` and
//! `__Host-` (this host only, path /). Browsers keep `Secure` cookies of http://localhost and
//! http://127.0.0.1, so the cookie is never weakened for local use. Every POST form carries a
//! token: the session's, or before sign-in a random one held in a cookie of its own
//! (double submit), so a sign-in cannot be posted from another site either.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use kashidashi_core::Lang;
use kashidashi_core::my_page::PatronSession;
use maud::{Markup, html};
use rand::Rng;
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::PageError;

pub const SESSION_COOKIE: &str = "__Host-session";
/// The pre-sign-in form token (double submit).
const FORM_COOKIE: &str = "__Host-form";
const LANG_COOKIE: &str = "lang";

/// A cookie value as the browser sent it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set_cookie(name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let age = max_age.map_or(String::new(), |a| format!("; Max-Age={a}"));
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict{age}"
    ))
    .expect("cookie values are hex or a language code")
}

/// `Set-Cookie` for a new session: a browser-session cookie; the server ends it when idle.
pub fn session_cookie(token: &str) -> (axum::http::HeaderName, HeaderValue) {
    (SET_COOKIE, set_cookie(SESSION_COOKIE, token, None))
}

pub fn clear_session_cookie() -> (axum::http::HeaderName, HeaderValue) {
    (SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0)))
}

pub fn lang_cookie(lang: Lang) -> (axum::http::HeaderName, HeaderValue) {
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    (SET_COOKIE, set_cookie(LANG_COOKIE, code, Some(31_536_000)))
}

fn random_hex() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The page language: the `lang` cookie, Japanese when there is none.
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(UiLang(
            cookie(&parts.headers, LANG_COOKIE)
                .and_then(Lang::parse)
                .unwrap_or_default(),
        ))
    }
}

/// A signed-in patron, temporary password or not: only the change-password page takes this.
pub struct Session {
    pub token: String,
    pub patron: PatronSession,
    pub lang: Lang,
}

impl Session {
    /// The hidden field every POST form of a signed-in page carries.
    pub fn csrf_field(&self) -> Markup {
        csrf_field(&self.patron.csrf)
    }

    /// A POST is taken only with this session's token.
    pub fn check_csrf(&self, given: &str) -> Result<(), PageError> {
        if same(given, &self.patron.csrf) {
            Ok(())
        } else {
            Err(PageError::Csrf(self.lang))
        }
    }
}

pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let UiLang(lang) = UiLang::from_request_parts(parts, state)
            .await
            .unwrap_or(UiLang(Lang::Ja));
        let to_sign_in = || Redirect::to("/signin").into_response();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE).map(str::to_string) else {
            return Err(to_sign_in());
        };
        let now = state.shared().clock.now();
        let t = token.clone();
        let found = state
            .shared()
            .pool
            .run(move |lib| lib.patron_session(&t, now))
            .await
            .map_err(|e| PageError::Internal(lang, e).into_response())?;
        match found {
            Some(patron) => Ok(Session {
                token,
                patron,
                lang,
            }),
            None => {
                Err(([clear_session_cookie()], Redirect::to("/signin?expired=1")).into_response())
            }
        }
    }
}

/// A signed-in patron whose password is not temporary: every page but the change of password
/// takes this (K1: a temporary password allows only its change).
pub struct Patron(pub Session);

impl FromRequestParts<AppState> for Patron {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let session = Session::from_request_parts(parts, state).await?;
        if session.patron.must_change_password {
            return Err(Redirect::to("/password").into_response());
        }
        Ok(Patron(session))
    }
}

/// The form token of a page shown before sign-in, kept in its own cookie (double submit).
pub struct FormToken {
    pub value: String,
    /// No cookie came with the request: the page sets one; a POST without it is refused.
    fresh: bool,
}

impl FormToken {
    pub fn field(&self) -> Markup {
        csrf_field(&self.value)
    }

    /// The cookie to set with a page that shows a form.
    pub fn cookie(&self) -> Option<[(axum::http::HeaderName, HeaderValue); 1]> {
        self.fresh
            .then(|| [(SET_COOKIE, set_cookie(FORM_COOKIE, &self.value, None))])
    }

    pub fn check(&self, given: &str, lang: Lang) -> Result<(), PageError> {
        if !self.fresh && same(given, &self.value) {
            Ok(())
        } else {
            Err(PageError::Csrf(lang))
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for FormToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(match cookie(&parts.headers, FORM_COOKIE) {
            Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => FormToken {
                value: v.to_string(),
                fresh: false,
            },
            _ => FormToken {
                value: random_hex(),
                fresh: true,
            },
        })
    }
}

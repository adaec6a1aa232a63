use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PrintError {
    /// The symbology cannot carry these characters.
    #[error("cannot encode {data:?} as {symbology}")]
    Barcode {
        symbology: &'static str,
        data: String,
    },
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

pub type Result<T, E = PrintError> = std::result::Result<T, E>;

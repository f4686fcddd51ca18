//! Why a service call wrote nothing. Each message is the one users see:
//! it passes the message of the rule or the store through unchanged.

use crate::domain::feedback::{DraftError, UnknownName};
use crate::domain::scoring::FactorError;
use crate::interop::errors::ImportError;
use crate::store;
use std::fmt;

/// A refused or failed write; nothing was changed.
#[derive(Debug)]
pub enum Error {
    /// A draft that breaks a rule (an empty title, a tag too long, …).
    Draft(DraftError),
    /// A score factor or an NPS answer out of range, or not a number.
    Factor(FactorError),
    /// A name that is not one of the allowed ones (a source, a status).
    Name(UnknownName),
    /// A request that makes no sense (merging an item into itself).
    Invalid(String),
    /// A file to import: its shape, or every bad cell.
    Read(ImportError),
    /// The caller asked an import to stop.
    Cancelled,
    /// The store refused (an unknown id, a conflicting undo) or failed.
    Store(store::Error),
}

/// The result of a service call.
pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Draft(e) => e.fmt(f),
            Error::Factor(e) => e.fmt(f),
            Error::Name(e) => e.fmt(f),
            Error::Invalid(message) => f.write_str(message),
            Error::Read(e) => e.fmt(f),
            Error::Cancelled => f.write_str("import cancelled; nothing was imported"),
            Error::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<DraftError> for Error {
    fn from(e: DraftError) -> Self {
        Error::Draft(e)
    }
}

impl From<FactorError> for Error {
    fn from(e: FactorError) -> Self {
        Error::Factor(e)
    }
}

impl From<UnknownName> for Error {
    fn from(e: UnknownName) -> Self {
        Error::Name(e)
    }
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Self {
        Error::Store(e)
    }
}

//! The evidence ledger.

//! The verified sunset: the decommission inventory of everything a product owns or has been
//! seen to use ([`inventory`]), the checks that prove each item is gone ([`verify`]), and the
//! signed certificate of sanitization per asset ([`certificate`]). The binary feeds in the
//! manifest's assets and what the ledger recorded; nothing here reads the ledger itself.

pub mod certificate;
pub mod inventory;
pub mod rules;
pub mod takeover;
pub mod verify;

pub use inventory::{Check, Item, ItemKind, Method, Sighting, build_inventory};
pub use verify::{ItemResult, Status};

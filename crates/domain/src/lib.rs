//! Carepost's domain: the types, the rules and the workflows of the desk. It decides (may this
//! user do this? is this profile valid?) and reaches storage only through the [`Store`] trait,
//! so every rule is tested without a network or a database.

pub mod access;
pub mod alert;
pub mod alert_store;
pub mod audit;
pub mod consent;
pub mod contacts;
pub mod credentials;
pub mod demo;
pub mod desk;
pub mod error;
pub mod files;
pub mod handbook;
pub mod id;
pub mod inbox;
pub mod inbox_store;
pub mod listening;
pub mod media;
pub mod moderation;
pub mod org;
pub mod publishing;
pub mod registry_store;
pub mod response_library;
pub mod role;
pub mod secret_box;
pub mod session;
pub mod store;
pub mod user;

pub use access::{Actor, Admin, Approver, Author, Responder, Viewer};
pub use desk::Desk;
pub use error::{DomainError, FieldErrors, Result};
pub use org::{Org, OrgProfile, OrgSettings};
pub use role::Role;
pub use store::Store;
pub use user::{Email, User};

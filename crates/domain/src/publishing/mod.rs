//! Publishing: channels, posts and their per-channel deliveries, and the durable job queue
//! that delivers them. Types and rules only; the workflows are in `desk::posts`, the worker
//! in `desk::publisher`.

pub mod channel;
pub mod delivery;
pub mod job;
pub mod post;
pub mod store;

pub use channel::Channel;
pub use delivery::{Delivery, DeliveryState};
pub use job::{Backoff, Job, JobKind};
pub use post::{ContentType, Post, PostFilter, PostState};
pub use store::PublishStore;

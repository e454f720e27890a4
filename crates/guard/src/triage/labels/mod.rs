//! One module per group of labels; each function returns a label's logit.

mod conduct;
mod health;
mod logistics;
mod myth;
mod sentiment;

pub(crate) use conduct::{abusive, spam};
pub(crate) use health::{advice, general_question, phi};
pub(crate) use logistics::appointment;
pub(crate) use myth::misinformation;
pub(crate) use sentiment::{complaint, praise};

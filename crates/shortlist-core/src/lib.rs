//! Shortlist core: everything but the window.
//!
//! Data flows one way (see `ARCHITECTURE.md`):
//! bundle/API → import → [`store`] → [`review`] → {UI, reports, exports}.
//! Nothing downstream writes imported data; only reviewer actions write
//! reviewer data.

pub mod actions;
pub mod audit;
pub mod demo;
pub mod error;
pub mod ext;
pub mod import;
pub mod model;
pub mod project;
pub mod recent;
pub mod review;
pub mod scoring;
pub mod store;

pub use error::{Coded, StoreError};
pub use store::Workspace;

//! Integration tests of shortlist-core (one binary; one module per area).

mod activity;
mod bad_bundles;
mod encryption;
mod erasure;
mod helpers;
mod import_good;
mod integrity;
mod layers;
mod list_fast;
mod migrations;
mod panel;
mod review;
mod seed_screens;
mod selection;
mod templates;
mod volume;

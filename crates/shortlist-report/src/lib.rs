//! Shortlist outputs: report model, PDF, radar charts, packages and exports.

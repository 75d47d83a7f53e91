//! Cache slots the layers above the store fill without the store knowing
//! their types.
//!
//! The review read model keeps the candidate list's projections and the
//! reviewer actions keep the notification bell's scan; both are valid for
//! one `PRAGMA data_version` of the read connection they were computed on.
//! Each read connection of a [`crate::store::Workspace`] carries one
//! [`Slots`]: a map from a type to its one value, created with
//! `Default` on first use. The owner of a type checks its data version
//! itself.
//!
//! Lock order: a connection first, then its slots, never the reverse.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Mutex;

/// Type-keyed values kept beside one read connection.
#[derive(Default)]
pub struct Slots(Mutex<HashMap<TypeId, Box<dyn Any + Send>>>);

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.lock().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("Slots").field("filled", &n).finish()
    }
}

impl Slots {
    /// Runs `f` on the slot of type `T`, created with `T::default()` if it
    /// is empty. Only one `f` runs at a time per [`Slots`].
    pub fn with<T: Default + Send + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let slot = map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()));
        f(slot
            .downcast_mut::<T>()
            .expect("a slot holds the type it is keyed by"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter(u32);

    #[test]
    fn a_slot_is_created_once_per_type() {
        let s = Slots::default();
        s.with(|c: &mut Counter| c.0 += 1);
        s.with(|c: &mut Counter| c.0 += 1);
        assert_eq!(s.with(|c: &mut Counter| c.0), 2);
        assert_eq!(s.with(|v: &mut Vec<u8>| v.len()), 0);
    }
}

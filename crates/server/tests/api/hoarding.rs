//! Stock hoarding: reservations bounded per shopper.

//! The demo catalogue written at first start, and only then.

use etalase_server::seed::{seed_if_empty, SeedOutcome};
use etalase_server::store::Store;
use sqlx::AnyPool;

use crate::helpers::{on_postgres, TestApp};

async fn count(db: &AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn the_first_start_seeds_a_varied_catalogue() {
    let app = TestApp::new().await;
    let db = &app.db;
    assert!(count(db, "SELECT COUNT(*) FROM shops").await >= 3);
    assert!(count(db, "SELECT COUNT(DISTINCT city) FROM shops").await >= 3);
    assert!(count(db, "SELECT COUNT(*) FROM products WHERE listed = 1").await >= 24);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id)").await,
        0,
        "every product has variants"
    );
    assert!(
        count(db, "SELECT COUNT(*) FROM products p WHERE p.listed = 1 AND NOT EXISTS (SELECT 1 FROM product_options o WHERE o.product_id = p.id)").await >= 2,
        "some products have no options"
    );
    assert!(count(db, "SELECT COUNT(*) FROM variants WHERE stock = 0").await > 0);
    assert!(
        count(
            db,
            "SELECT COUNT(*) FROM variants WHERE stock BETWEEN 1 AND 3"
        )
        .await
            > 0
    );
    assert!(
        count(
            db,
            "SELECT COUNT(*) FROM variants WHERE original_price IS NOT NULL"
        )
        .await
            > 0
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM creators").await, 3);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM streams WHERE kind = 'live'").await,
        2
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM streams WHERE kind = 'video'").await,
        1
    );
}

#[tokio::test]
async fn commits_are_durable_and_the_schema_guards_pins_and_stock() {
    let app = TestApp::new().await;
    // The app's own connections: on SQLite WAL and synchronous=FULL (2),
    // on PostgreSQL synchronous_commit=on, so an acknowledged order is on
    // disk before the answer leaves.
    let expected = if on_postgres() {
        "synchronous_commit=on"
    } else {
        "journal_mode=wal synchronous=2"
    };
    assert_eq!(app.store.durability().await.unwrap(), expected);
    // A pin must name a product of the stream's own showcase.
    let pin_elsewhere = sqlx::query(
        "UPDATE streams SET pinned_product_id = 'prd-serum-niacinamide' WHERE id = 'live-dapur-sari'",
    )
    .execute(&app.db)
    .await;
    assert!(
        pin_elsewhere.is_err(),
        "pinned a product outside the showcase"
    );
    let oversell = sqlx::query("UPDATE variants SET stock = stock - 1 WHERE stock = 0")
        .execute(&app.db)
        .await;
    assert!(oversell.is_err(), "stock went below zero");
}

#[tokio::test]
async fn a_second_start_on_the_same_file_does_not_seed_again() {
    let app = TestApp::new().await;
    let totals = "SELECT (SELECT COUNT(*) FROM shops) + (SELECT COUNT(*) FROM creators)
                       + (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM product_options)
                       + (SELECT COUNT(*) FROM variants) + (SELECT COUNT(*) FROM streams)
                       + (SELECT COUNT(*) FROM stream_products)";
    let before = count(&app.db, totals).await;
    let restarted = Store::open(&app.database().url).await.unwrap();
    assert_eq!(
        seed_if_empty(&restarted).await.unwrap(),
        SeedOutcome::AlreadySeeded
    );
    assert_eq!(count(&app.db, totals).await, before);
}

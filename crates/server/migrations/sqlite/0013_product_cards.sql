-- A listed product as a card, said once for the showcase and the search:
-- priced by its headline variant (the cheapest in stock, or the cheapest
-- when none is), with the stock of all its variants.
CREATE VIEW product_cards AS
SELECT p.id, p.name, p.sold_count, p.commission_bp, p.shop_id,
       sh.name AS shop_name, sh.city AS shop_city,
       headline.price, headline.original_price,
       (SELECT CAST(SUM(v.stock) AS BIGINT) FROM variants v WHERE v.product_id = p.id) AS stock
  FROM listed_products p
  JOIN shops sh ON sh.id = p.shop_id
  JOIN variants headline ON headline.id = (
       SELECT v.id FROM variants v
        WHERE v.product_id = p.id
        ORDER BY (v.stock > 0) DESC, v.price, v.position
        LIMIT 1);

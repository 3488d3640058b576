-- A search of five digits finds the villages of that postal code
-- (`GET /v1/regions?q=40135`): one index range.
CREATE INDEX regions_by_postal_code ON regions (postal_code) WHERE postal_code IS NOT NULL;

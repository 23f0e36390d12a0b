-- What schema versions 13 and 14 changed, undone: for tests that make a TM
-- of an older version from a new one (crates/store/src/sqlite/schema.rs,
-- SCHEMA_TUV_RANGE and SCHEMA_COLLECTION_IDS).
ALTER TABLE tu ADD COLUMN collection TEXT;
UPDATE tu SET collection = (SELECT name FROM collection WHERE id = tu.collection_id);
UPDATE tu SET attrs = json('[' || json_array('srclang', srclang)
    || CASE attrs WHEN '' THEN '' ELSE ',' || substr(attrs, 2, length(attrs) - 2) END || ']')
    WHERE srclang IS NOT NULL;
ALTER TABLE tu DROP COLUMN srclang;
ALTER TABLE tu DROP COLUMN collection_id;
DROP TABLE collection;
ALTER TABLE tu DROP COLUMN tuv_span;
ALTER TABLE tu DROP COLUMN tuv_first;
CREATE INDEX tuv_tu ON tuv(tu_id);

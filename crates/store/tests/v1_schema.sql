-- A TM as memoria's schema version 1 wrote it (the skeleton's tm.rs).
BEGIN;
CREATE TABLE tu (
    id INTEGER PRIMARY KEY,
    attrs TEXT NOT NULL,          -- JSON [[name, value], ...] as read
    props TEXT NOT NULL,          -- JSON [Prop]
    notes TEXT NOT NULL,          -- JSON [Note]
    collection TEXT,              -- provenance: import batch or TM name
    document TEXT,                -- provenance: source document
    position INTEGER,             -- provenance: segment index in the document
    created INTEGER NOT NULL      -- unix seconds of the import
);
CREATE TABLE tuv (
    id INTEGER PRIMARY KEY,
    tu_id INTEGER NOT NULL REFERENCES tu(id),
    lang TEXT NOT NULL,           -- canonical BCP 47 tag
    lang_base TEXT NOT NULL,      -- primary language subtag
    seg TEXT NOT NULL,            -- JSON Content (lossless, inline codes)
    norm TEXT NOT NULL,           -- normalised match text
    norm_hash INTEGER NOT NULL,   -- hash(norm), exact lookups
    norm_len INTEGER NOT NULL,    -- chars in norm, length band
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL,
    prev_hash INTEGER,            -- hash of the previous source segment's norm
    next_hash INTEGER             -- hash of the next source segment's norm
);
CREATE INDEX tuv_exact ON tuv(lang_base, norm_hash);
CREATE INDEX tuv_len ON tuv(lang_base, norm_len);
CREATE INDEX tuv_tu ON tuv(tu_id);

INSERT INTO tu VALUES (1, '[]', '[]', '[]', 'old', NULL, NULL, 1300000000);
INSERT INTO tuv VALUES (1, 1, 'es', 'es', '{"items":[{"Text":"El proyecto Debian publica hoy su versión 6.0."}]}', 'el proyecto debian publica hoy su versión 6.0.', 0, 46, '[]', '[]', '[]', NULL, NULL);
INSERT INTO tuv VALUES (2, 1, 'en', 'en', '{"items":[{"Text":"The Debian project releases version 6.0 today."}]}', 'the debian project releases version 6.0 today.', 0, 46, '[]', '[]', '[]', NULL, NULL);
INSERT INTO tu VALUES (2, '[]', '[]', '[]', 'old', NULL, NULL, 1300000000);
INSERT INTO tuv VALUES (3, 2, 'es', 'es', '{"items":[{"Text":"Hola."}]}', 'hola.', 0, 5, '[]', '[]', '[]', 7805001629441535178, -6136477229285102756);
INSERT INTO tuv VALUES (4, 2, 'en', 'en', '{"items":[{"Text":"Hello."}]}', 'hello.', 0, 6, '[]', '[]', '[]', 7805001629441535178, -6136477229285102756);
PRAGMA user_version = 1;
COMMIT;

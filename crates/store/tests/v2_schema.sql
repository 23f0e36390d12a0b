-- A TM as memoria's schema version 2 wrote it: the version-2 tables (schema.rs before the
-- header table) and the rows `memoria import pythontmx-standard.tmx okapi-header_with_prop_and_note.tmx`
-- stored with that memoria (FTS5 concordance not yet built; no header table).
BEGIN;
CREATE TABLE meta (
    name TEXT PRIMARY KEY,        -- 'flush_seq', 'tuvs:<language>', 'fts_upto'
    value INTEGER NOT NULL
);
CREATE TABLE tu (
    id INTEGER PRIMARY KEY,
    attrs TEXT NOT NULL,          -- JSON [[name, value], ...] as read (lossless TMX)
    props TEXT NOT NULL,          -- JSON [Prop]
    notes TEXT NOT NULL,          -- JSON [Note]
    collection TEXT,              -- provenance: import batch or TM name
    document TEXT,                -- provenance: source document
    position INTEGER,             -- provenance: segment index in the document
    created INTEGER NOT NULL,     -- unix seconds of the import
    changed INTEGER NOT NULL,     -- unix seconds: TMX changedate, else creationdate, else import
    creator TEXT,                 -- TMX creationid
    changer TEXT,                 -- TMX changeid
    prev_hash INTEGER,            -- hash of the previous source segment's normalised text
    next_hash INTEGER             -- hash of the next one (context matches, 101)
);
CREATE TABLE tuv (
    id INTEGER PRIMARY KEY,
    tu_id INTEGER NOT NULL REFERENCES tu(id),
    lang TEXT NOT NULL,           -- canonical BCP 47 tag
    lang_base TEXT NOT NULL,      -- primary language subtag
    text TEXT NOT NULL,           -- plain text (display, concordance); the content when seg is NULL
    seg TEXT,                     -- JSON Content when it has inline codes
    norm_hash INTEGER NOT NULL,   -- hash of the normalised match text: exact lookups, duplicates
    key TEXT NOT NULL,            -- match key: folded, placeables masked, codes removed
    key_len INTEGER NOT NULL,     -- chars in key
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX tuv_exact ON tuv(lang_base, norm_hash);
CREATE INDEX tuv_tu ON tuv(tu_id);
CREATE TABLE posting (            -- candidate index: word -> TUV ids
    term INTEGER NOT NULL,        -- hash of language + word of the match key
    chunk INTEGER NOT NULL,       -- one chunk per term per import flush
    n INTEGER NOT NULL,           -- ids in this chunk
    ids BLOB NOT NULL,            -- ascending TUV ids, delta + LEB128 varint
    PRIMARY KEY (term, chunk)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE concordance USING fts5(text, content='tuv', content_rowid='id', tokenize='trigram');

INSERT INTO meta VALUES('tuvs:en',3);
INSERT INTO meta VALUES('tuvs:fr',3);
INSERT INTO meta VALUES('flush_seq',1);
INSERT INTO tu VALUES(1,'[["tuid","tu1"],["srclang","en"]]','[]','[]','pythontmx-standard.tmx',NULL,NULL,1795949560,1795949560,NULL,NULL,NULL,NULL);
INSERT INTO tu VALUES(2,'[["tuid","tu2"],["srclang","en"]]','[]','[{"attrs":[],"value":"Inline tags test"}]','pythontmx-standard.tmx',NULL,NULL,1795949560,1795949560,NULL,NULL,NULL,NULL);
INSERT INTO tu VALUES(3,'[["srclang","en-US"]]','[]','[]','okapi-header_with_prop_and_note.tmx',NULL,NULL,1795949560,1795949560,NULL,NULL,NULL,NULL);
INSERT INTO tuv VALUES(1,1,'en','en','Hello world',NULL,2815866345377719495,'hello world',11,'[]','[]','[]');
INSERT INTO tuv VALUES(2,1,'fr','fr','Bonjour le monde',NULL,-3907949901921749166,'bonjour le monde',16,'[]','[]','[]');
INSERT INTO tuv VALUES(3,2,'en','en','Press OK.','{"items":[{"Text":"Press "},{"Code":{"kind":"Bpt","attrs":[["i","1"],["x","1"],["type","bold"]],"content":[{"Text":"<b>"}]}},{"Text":"OK"},{"Code":{"kind":"Ept","attrs":[["i","1"]],"content":[{"Text":"</b>"}]}},{"Text":"."}]}',-7267721406868412231,'press ok.',9,'[]','[]','[]');
INSERT INTO tuv VALUES(4,2,'fr','fr','Appuyez sur OK.','{"items":[{"Text":"Appuyez sur "},{"Code":{"kind":"Bpt","attrs":[["i","1"],["x","1"],["type","bold"]],"content":[{"Text":"<b>"}]}},{"Text":"OK"},{"Code":{"kind":"Ept","attrs":[["i","1"]],"content":[{"Text":"</b>"}]}},{"Text":"."}]}',9133280248262791462,'appuyez sur ok.',15,'[]','[]','[]');
INSERT INTO tuv VALUES(5,3,'en-US','en','Click  to start.','{"items":[{"Code":{"kind":"It","attrs":[["x","1"],["pos","begin"],["type","italic"]],"content":[{"Text":"<I>"}]}},{"Code":{"kind":"Bpt","attrs":[["x","2"],["i","1"],["type","bold"]],"content":[{"Text":"<B>"}]}},{"Text":"Click "},{"Code":{"kind":"Ph","attrs":[["x","3"],["type","image"],["assoc","b"]],"content":[{"Text":"<IMG SRC=\"here.png\" ALT=\""},{"Code":{"kind":"Sub","attrs":[],"content":[{"Text":"Start Here!"}]}},{"Text":"\">"}]}},{"Text":" to "},{"Code":{"kind":"Hi","attrs":[["type","verb"],["x","4"]],"content":[{"Text":"start"}]}},{"Text":"."},{"Code":{"kind":"Ept","attrs":[["i","1"]],"content":[{"Text":"</B>"}]}}]}',-7427747835732247406,'click to start.',15,'[]','[]','[]');
INSERT INTO tuv VALUES(6,3,'fr','fr','Cliquez  pour commencer.','{"items":[{"Code":{"kind":"Bpt","attrs":[["x","2"],["i","1"],["type","bold"]],"content":[{"Text":"<B>"}]}},{"Code":{"kind":"It","attrs":[["x","1"],["pos","begin"],["type","italic"]],"content":[{"Text":"<I>"}]}},{"Text":"Cliquez "},{"Code":{"kind":"Ph","attrs":[["x","3"],["type","image"],["assoc","b"]],"content":[{"Text":"<IMG SRC=\"here.png\" ALT=\""},{"Code":{"kind":"Sub","attrs":[],"content":[{"Text":"Commencez ici !"}]}},{"Text":"\">"}]}},{"Text":" pour "},{"Code":{"kind":"Hi","attrs":[["type","verb"],["x","4"]],"content":[{"Text":"commencer"}]}},{"Text":"."},{"Code":{"kind":"Ept","attrs":[["i","1"]],"content":[{"Text":"</B>"}]}}]}',413522248176767363,'cliquez pour commencer.',23,'[]','[]','[]');
INSERT INTO posting VALUES(-9056879083060681609,1,1,X'02');
INSERT INTO posting VALUES(-8622262887566338749,1,1,X'05');
INSERT INTO posting VALUES(-8247373992389611417,1,1,X'01');
INSERT INTO posting VALUES(-8042982423789147273,1,1,X'06');
INSERT INTO posting VALUES(-7342011622058537021,1,1,X'02');
INSERT INTO posting VALUES(-7339216663500192334,1,1,X'04');
INSERT INTO posting VALUES(-5037910725496909509,1,1,X'05');
INSERT INTO posting VALUES(-3039304310722882155,1,1,X'02');
INSERT INTO posting VALUES(-740482572459038758,1,1,X'04');
INSERT INTO posting VALUES(-235798756678755120,1,1,X'03');
INSERT INTO posting VALUES(384337305942356304,1,1,X'05');
INSERT INTO posting VALUES(408258280920984195,1,1,X'03');
INSERT INTO posting VALUES(961608807098995071,1,1,X'01');
INSERT INTO posting VALUES(4954336377444998043,1,1,X'06');
INSERT INTO posting VALUES(5995902430233179390,1,1,X'06');
INSERT INTO posting VALUES(7933198803080688194,1,1,X'04');
PRAGMA user_version = 2;
COMMIT;

//! TMX 1.4b reading and writing (owned by the TMX work; see issue "TMX 1.4b").

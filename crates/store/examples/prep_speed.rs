use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::normalize::MatchForm;
use std::sync::Arc;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let (es, en) = (LangTag::new("es").unwrap(), LangTag::new("en").unwrap());
    let pairs: Vec<(String, String)> = text
        .lines()
        .take(300_000)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let tus: Vec<Tu> = pairs
        .iter()
        .map(|(a, b)| Tu { tuvs: vec![Tuv::plain(es.clone(), a), Tuv::plain(en.clone(), b)], ..Tu::default() })
        .collect();
    let t = std::time::Instant::now();
    let mut n = 0usize;
    for (a, b) in &pairs {
        n += MatchForm::new(a, &es).key.len() + MatchForm::new(b, &en).key.len();
    }
    println!("MatchForm::new x2: {:.2} us/TU ({n})", t.elapsed().as_secs_f64() * 1e6 / pairs.len() as f64);
    let t = std::time::Instant::now();
    for (a, b) in &pairs {
        n += memoria_store::normalize::normalize(a).len() + memoria_store::normalize::normalize(b).len();
    }
    println!("normalize x2: {:.2} us/TU", t.elapsed().as_secs_f64() * 1e6 / pairs.len() as f64);
    let t = std::time::Instant::now();
    for (a, b) in &pairs {
        n += memoria_core::placeable::recognize(a, &es).len() + memoria_core::placeable::recognize(b, &en).len();
    }
    println!("recognize x2: {:.2} us/TU", t.elapsed().as_secs_f64() * 1e6 / pairs.len() as f64);
    let mut tm = memoria_store::Tm::open_in_memory().unwrap();
    let imp = tm.import().unwrap();
    let mut prep = imp.preparer();
    let prov = Arc::new(memoria_store::Provenance::default());
    let t = std::time::Instant::now();
    let mut v = Vec::with_capacity(tus.len());
    for tu in tus {
        v.push(prep.prepare(tu, prov.clone()));
    }
    println!("prepare: {:.2} us/TU", t.elapsed().as_secs_f64() * 1e6 / v.len() as f64);
    let t = std::time::Instant::now();
    drop(v);
    println!("drop: {:.2} us/TU", t.elapsed().as_secs_f64() * 1e6 / pairs.len() as f64);
}

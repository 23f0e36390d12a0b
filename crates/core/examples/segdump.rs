use memoria_core::lang::LangTag;
use memoria_core::segment::SegmenterBuilder;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let raw = std::fs::read_to_string(&args[2]).unwrap();
    let seg = SegmenterBuilder::new(LangTag::new(&args[1]).unwrap()).build().unwrap();
    for s in seg.segment(&raw) {
        println!("{}\t{}", s.paragraph, s.text(&raw).replace(['\r', '\n'], " "));
    }
}

//! The review pages in a real browser: Debian's headless Chromium driven
//! through chromedriver (WebDriver, the `fantoccini` crate). A reviewer
//! aligns two sample releases, fixes a bead, approves, finds the TU by
//! concordance and edits it, pretranslates a release and confirms a segment
//! with Ctrl+Enter; a TU holding `<script>` and `" onerror=` renders inert;
//! a wrong release pair is flagged and discarded; the release review marks
//! the glossary's terms, a forbidden target struck through apart and inert. Screenshots go to
//! `target/screenshots/` (test artefacts). scripts/test.sh installs
//! `chromium` and `chromium-driver`; without them this test fails, it never
//! skips.

use fantoccini::{key::Key, Client, ClientBuilder, Locator};
use memoria_core::lang::LangTag;
use memoria_core::term::{Status, Term, TermEntry};
use memoria_core::tu::{Tu, Tuv};
use memoria_serve::{router, App, Config};
use memoria_store::{Provenance, Tm};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn sample(rel: &str) -> String {
    root().join("samples").join(rel).to_string_lossy().into_owned()
}

/// chromedriver on a free port, ended when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver() -> Driver {
    for bin in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: scripts/test.sh installs Debian's chromium and chromium-driver"
        );
    }
    let port = free_port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let until = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "chromedriver did not listen on {port} within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, port }
}

async fn browser(driver: &Driver, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,900", format!("--user-data-dir={}", profile.display())]
        }),
    );
    ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session in chromium")
}

async fn shot(c: &Client, name: &str) {
    let dir = root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), c.screenshot().await.unwrap()).unwrap();
}

async fn text_of(c: &Client, css: &str) -> String {
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await.unwrap().text().await.unwrap()
}

async fn upload_pair(c: &Client, base: &str, es: &str, en: &str) {
    c.goto(&format!("{base}/align")).await.unwrap();
    c.find(Locator::Css("#source")).await.unwrap().send_keys(&sample(es)).await.unwrap();
    c.find(Locator::Css("#target")).await.unwrap().send_keys(&sample(en)).await.unwrap();
    c.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#beads")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_aligns_fixes_approves_finds_edits_and_confirms_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tm.db");
    // A TU whose texts are markup: it must show as text and run nothing.
    {
        let mut tm = Tm::open(&db).unwrap();
        let mut imp = tm.import().unwrap();
        let evil = Tu {
            tuvs: vec![
                Tuv::plain(LangTag::new("es").unwrap(), "Prueba <script>window.__xss = 1</script> de escape"),
                Tuv::plain(
                    LangTag::new("en").unwrap(),
                    "Escape test \" onerror=\"window.__xss = 2\" <img src=x onerror=\"window.__xss = 3\">",
                ),
            ],
            ..Tu::default()
        };
        imp.add(&evil, &Provenance::default()).unwrap();
        imp.commit().unwrap();
        // The sample glossary, and an entry with a forbidden target that holds markup.
        let mut terms = tm.import_terms().unwrap();
        let mut tbx = memoria_formats::tbx::TbxReader::open(Path::new(&sample("terms/migration.tbx"))).unwrap();
        while let Some(e) = tbx.next_entry().unwrap() {
            terms.add("migration.tbx", &e).unwrap();
        }
        let term = |lang: &str, text: &str, status: Status| Term {
            status: Some(status),
            ..Term::new(LangTag::new(lang).unwrap(), text)
        };
        let ftp = TermEntry {
            id: Some("ftp".into()),
            terms: vec![
                term("es", "servicios FTP", Status::Preferred),
                term("en", "FTP services", Status::Preferred),
                term("en", "FTP <img src=x onerror=\"window.__xss = 4\">servers", Status::Forbidden),
            ],
            ..TermEntry::default()
        };
        terms.add("own.csv", &ftp).unwrap();
        terms.commit().unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = App::open(&Config::new(db.clone(), addr)).unwrap();
    tokio::spawn(async move { axum::serve(listener, router(app)).await.unwrap() });
    let base = format!("http://{addr}");
    let driver = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&driver, profile.path()).await;

    // 1. Align two sample releases.
    upload_pair(&c, &base, "releases/debian-2017-ftp-shutdown.es.txt", "releases/debian-2017-ftp-shutdown.en.txt")
        .await;
    shot(&c, "01-align-review").await;
    assert!(c.find(Locator::Css("#suspect")).await.is_err(), "a right pair is not flagged");
    let first = text_of(&c, "#bead-0 td.text").await;
    assert!(first.contains("Apagado de los servicios FTP"), "{first}");

    // 2. Fix bead 1: correct its translation.
    c.find(Locator::Css("#bead-0 details summary")).await.unwrap().click().await.unwrap();
    let area = c.find(Locator::Css("#bead-0 details textarea")).await.unwrap();
    area.clear().await.unwrap();
    area.send_keys("Shutdown of the public FTP services (reviewed)").await.unwrap();
    c.find(Locator::Css("#bead-0 details button")).await.unwrap().click().await.unwrap();
    let fixed = text_of(&c, "#bead-0 td.text ins").await;
    assert_eq!(fixed, "Shutdown of the public FTP services (reviewed)");
    shot(&c, "02-align-bead-fixed").await;

    // 3. Approve.
    c.find(Locator::Css("#approve")).await.unwrap().click().await.unwrap();
    let done = text_of(&c, "#approved").await;
    assert!(done.starts_with("Stored "), "{done}");
    shot(&c, "03-align-approved").await;

    // 4. Find the TU by concordance, open it, edit it.
    c.goto(&format!("{base}/tm/concordance")).await.unwrap();
    c.find(Locator::Css("#q")).await.unwrap().send_keys("Apagado de los servicios").await.unwrap();
    c.find(Locator::Css("form[role=search] button")).await.unwrap().click().await.unwrap();
    let hit = text_of(&c, "#hits tbody tr").await;
    assert!(hit.contains("Shutdown of the public FTP services (reviewed)"), "{hit}");
    shot(&c, "04-concordance").await;
    c.find(Locator::Css("#hits tbody tr a")).await.unwrap().click().await.unwrap();
    let en = c.wait().for_element(Locator::Css("#t-en")).await.unwrap();
    en.clear().await.unwrap();
    en.send_keys("Public FTP services shut down").await.unwrap();
    c.find(Locator::Css("#a-en")).await.unwrap().clear().await.unwrap();
    c.find(Locator::Css("#a-en")).await.unwrap().send_keys("Ana Reviewer").await.unwrap();
    c.find(Locator::Css("form.seg:nth-of-type(2) button.primary")).await.unwrap().click().await.unwrap();
    assert_eq!(text_of(&c, "p.notice").await, "Saved.");
    let history = text_of(&c, "#history").await;
    assert!(history.contains("Ana Reviewer · edit"), "{history}");
    assert!(history.contains("Public FTP services shut down"), "{history}");
    shot(&c, "05-tu-edited-with-history").await;

    // 5. Pretranslate a release and confirm a segment with Ctrl+Enter.
    c.goto(&format!("{base}/release")).await.unwrap();
    c.find(Locator::Css("#release"))
        .await
        .unwrap()
        .send_keys(&sample("releases/debian-2017-ftp-shutdown.es.txt"))
        .await
        .unwrap();
    c.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    let progress = text_of(&c, "#progress").await;
    assert!(progress.starts_with("0 of "), "{progress}");
    shot(&c, "06-release-review").await;
    // Recognised terms: marked in the source, with their target terms; the
    // forbidden one struck through in another colour, its markup inert.
    let marked = text_of(&c, "#seg-0 .source mark.term").await;
    assert_eq!(marked, "servicios FTP");
    let listed = text_of(&c, "#seg-0 ul.terms").await;
    assert!(listed.contains("servicios FTP → FTP services preferred"), "{listed}");
    assert!(listed.contains("FTP <img src=x onerror=\"window.__xss = 4\">servers forbidden"), "{listed}");
    let looks = c
        .execute(
            "const ok = document.querySelector('#seg-0 ul.terms .tt.term-ok'); \
             const bad = document.querySelector('#seg-0 ul.terms del.tt.term-forbidden'); \
             const s = (e) => getComputedStyle(e); \
             return [s(ok).color !== s(bad).color, s(bad).textDecorationLine, \
                     document.querySelectorAll('main img').length, window.__xss === undefined]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(looks, serde_json::json!([true, "line-through", 0, true]), "forbidden term shown apart, inert");
    let debian = c.find_all(Locator::Css("#seg-1 .source mark.term")).await.unwrap();
    assert!(!debian.is_empty(), "the sample glossary's terms are marked in the second segment too");
    c.find(Locator::Css("#seg-0 textarea")).await.unwrap().click().await.unwrap();
    shot(&c, "06b-release-terms").await;
    let box0 = c.find(Locator::Css("#seg-0 textarea")).await.unwrap();
    let filled = box0.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(filled, "Public FTP services shut down", "the edited TU fills the first segment");
    box0.send_keys(&format!("{}{}", Key::Control, Key::Enter)).await.unwrap();
    url_with(&c, "focus=1").await;
    let progress = text_of(&c, "#progress").await;
    assert!(progress.starts_with("1 of "), "{progress}");
    let focused = c.execute("return document.activeElement.closest('form').id", vec![]).await.unwrap();
    assert_eq!(focused, "seg-1", "the next segment has the focus");
    shot(&c, "07-release-segment-confirmed").await;

    // 6. A TU holding markup renders inert.
    c.goto(&format!("{base}/tm/tu/1")).await.unwrap();
    let es = c.find(Locator::Css("#t-es")).await.unwrap().prop("value").await.unwrap().unwrap();
    assert_eq!(es, "Prueba <script>window.__xss = 1</script> de escape");
    c.goto(&format!("{base}/tm/concordance?q=escape&lang=es&to=en")).await.unwrap();
    let row = text_of(&c, "#hits tbody tr").await;
    assert!(
        row.contains("<script>window.__xss = 1</script>") && row.contains("\" onerror=\"window.__xss = 2\" <img src=x"),
        "{row}"
    );
    let ran = c
        .execute(
            "return [window.__xss === undefined, document.querySelectorAll('main script, main img').length]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ran, serde_json::json!([true, 0]), "injected markup ran or became elements");
    shot(&c, "08-xss-inert").await;

    // 7. A wrong pair is flagged and discarded without touching the TM.
    let before = Tm::open(&db).unwrap().tu_count().unwrap();
    upload_pair(
        &c,
        &base,
        "releases/debian-2017-ftp-shutdown.es.txt",
        "releases/debian-2012-debconf13-switzerland.en.txt",
    )
    .await;
    let warning = text_of(&c, "#suspect").await;
    assert!(warning.contains("probably not translations of each other"), "{warning}");
    shot(&c, "09-wrong-pair-flagged").await;
    c.find(Locator::Css("#discard")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("form.card")).await.unwrap();
    assert_eq!(Tm::open(&db).unwrap().tu_count().unwrap(), before);
    c.close().await.unwrap();
}

/// The current URL once it contains `part` (polled).
async fn url_with(c: &Client, part: &str) -> String {
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let u = c.current_url().await.unwrap();
        if u.as_str().contains(part) {
            return u.to_string();
        }
        assert!(Instant::now() < until, "the page did not move on: {u}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

//! The pages over HTTP (the router driven in-process with tower's
//! `oneshot`): the alignment review from upload to approval on the sample
//! releases, a wrong pair flagged and discarded without touching the TM,
//! the release review, the TM pages, and the security rules — CSRF on every
//! state change, TM text escaped, the access token, the bind address.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_serve::{router, App, Config};
use memoria_store::{Author, Provenance, TargetEdit, Tm};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

fn sample(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(rel)
}

struct Site {
    _dir: tempfile::TempDir,
    db: PathBuf,
    app: Arc<App>,
}

impl Site {
    fn new() -> Site {
        Site::with_token(None)
    }

    fn with_token(token: Option<&str>) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tm.db");
        let mut config = Config::new(db.clone(), "127.0.0.1:0".parse().unwrap());
        config.token = token.map(str::to_string);
        let app = App::open(&config).unwrap();
        Site { _dir: dir, db, app }
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, String, axum::http::HeaderMap) {
        let res = router(self.app.clone()).oneshot(req).await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        let body = res.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned(), headers)
    }

    async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (s, b, _) = self.send(Request::get(uri).body(Body::empty()).unwrap()).await;
        (s, b)
    }

    /// POSTs a urlencoded form, with this server's CSRF token unless `csrf` is false.
    async fn post_form(&self, path: &str, form: &str, csrf: bool) -> (StatusCode, String, axum::http::HeaderMap) {
        let uri = if csrf { format!("{path}?csrf={}", self.app.csrf) } else { path.to_string() };
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .unwrap();
        self.send(req).await
    }

    async fn upload(
        &self,
        path: &str,
        files: &[(&str, &str, Vec<u8>)],
        texts: &[(&str, &str)],
    ) -> (StatusCode, String, axum::http::HeaderMap) {
        let boundary = "memoriaTestBoundary7MA4YWxk";
        let mut body = Vec::new();
        for (field, name, bytes) in files {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n").bytes());
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        for (field, value) in texts {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n").bytes(),
            );
        }
        body.extend(format!("--{boundary}--\r\n").bytes());
        let req = Request::post(format!("{path}?csrf={}", self.app.csrf))
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    fn tm(&self) -> Tm {
        Tm::open(&self.db).unwrap()
    }
}

fn release(slug: &str, lang: &str) -> (String, Vec<u8>) {
    let name = format!("{slug}.{lang}.txt");
    (name.clone(), std::fs::read(sample(&format!("releases/{name}"))).unwrap())
}

fn location(h: &axum::http::HeaderMap) -> String {
    h.get(header::LOCATION).unwrap().to_str().unwrap().to_string()
}

async fn align(site: &Site, es: &str, en: &str) -> String {
    let (sn, sb) = release(es, "es");
    let (tn, tb) = release(en, "en");
    let (status, body, h) =
        site.upload("/align", &[("source", &sn, sb), ("target", &tn, tb)], &[("from", "es"), ("to", "en")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    location(&h)
}

#[tokio::test]
async fn an_alignment_is_reviewed_fixed_and_approved_into_the_tm_in_one_go() {
    let site = Site::new();
    let page = align(&site, "debian-2017-ftp-shutdown", "debian-2017-ftp-shutdown").await;
    let (status, body) = site.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Apagado de los servicios FTP públicos"), "{body}");
    assert!(body.contains("Public FTP services shutdown") || body.contains("FTP"), "{body}");
    assert!(!body.contains("id=\"suspect\""), "a right pair is not flagged");
    assert_eq!(site.tm().tu_count().unwrap(), 0, "nothing stored before approval");
    // Fix bead 1: correct its translation; skip bead 2.
    let (s, _, h) =
        site.post_form(&format!("{page}/bead/0"), "op=edit&text=Shutdown+of+the+public+FTP+services", true).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(location(&h), format!("{page}#bead-0"));
    site.post_form(&format!("{page}/bead/1"), "op=skip", true).await;
    // Re-pair beads 3 and 4 twice: back as they were, scores gone (edited).
    let (_, before) = site.get(&page).await;
    let cell = |body: &str, i: usize| {
        body.split(&format!("id=\"bead-{i}\"")).nth(1).unwrap().split("<details>").next().unwrap().to_string()
    };
    site.post_form(&format!("{page}/bead/2"), "op=swap", true).await;
    let (_, swapped) = site.get(&page).await;
    let target = |cell: &str| cell.rsplit("<td class=\"text\">").next().unwrap().to_string();
    assert_eq!(target(&cell(&swapped, 2)), target(&cell(&before, 3)));
    assert_eq!(target(&cell(&swapped, 3)), target(&cell(&before, 2)));
    site.post_form(&format!("{page}/bead/2"), "op=swap", true).await;
    // A restart: a new App over the same TM and review folder keeps it.
    let again = App::open(&Config::new(site.db.clone(), "127.0.0.1:0".parse().unwrap())).unwrap();
    let res = router(again).oneshot(Request::get(&page).body(Body::empty()).unwrap()).await.unwrap();
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    assert!(body.contains("<ins>Shutdown of the public FTP services</ins>"), "{body}");
    assert!(body.contains("class=\"skipped\""), "{body}");
    let kept: usize = body.split("store ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let (s, body, _) = site.post_form(&format!("{page}/approve"), "", true).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let tm = site.tm();
    assert_eq!(tm.tu_count().unwrap() as usize, kept);
    let es = LangTag::new("es").unwrap();
    let hit = &tm.concordance("Apagado de los servicios", &es, Some(&LangTag::new("en").unwrap()), 5).unwrap()[0];
    assert_eq!(hit.target.as_ref().unwrap().plain_text(), "Shutdown of the public FTP services");
    assert_eq!(site.get(&page).await.0, StatusCode::NOT_FOUND, "approved: no longer pending");
}

#[tokio::test]
async fn the_wrong_release_is_flagged_and_discarded_without_touching_the_tm() {
    let site = Site::new();
    let page = align(&site, "debian-2017-ftp-shutdown", "debian-2012-debconf13-switzerland").await;
    let (_, body) = site.get(&page).await;
    assert!(body.contains("id=\"suspect\""), "{body}");
    assert!(body.contains("probably not translations of each other"), "{body}");
    let (s, _, h) = site.post_form(&format!("{page}/discard"), "", true).await;
    assert_eq!((s, location(&h).as_str()), (StatusCode::SEE_OTHER, "/align"));
    assert_eq!(site.tm().tu_count().unwrap(), 0);
    assert_eq!(site.get(&page).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_state_change_without_the_csrf_token_is_refused_and_changes_nothing() {
    let site = Site::new();
    let page = align(&site, "debian-2017-ftp-shutdown", "debian-2017-ftp-shutdown").await;
    for path in [format!("{page}/approve"), format!("{page}/discard"), format!("{page}/bead/0")] {
        let (s, body, _) = site.post_form(&path, "op=skip", false).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}: {body}");
        assert!(body.contains("CSRF"), "{body}");
        // A wrong token is no better.
        let (s, ..) = site.post_form(&format!("{path}?csrf=0000"), "op=skip", false).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    assert_eq!(site.get(&page).await.0, StatusCode::OK, "still pending");
    assert_eq!(site.tm().tu_count().unwrap(), 0);
    let mut tm = site.tm();
    let mut imp = tm.import().unwrap();
    imp.add(&tu("Hola.", "Hello."), &Provenance::default()).unwrap();
    imp.commit().unwrap();
    let (s, ..) = site.post_form("/tm/tu/1/delete", "author=x", false).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, ..) = site.post_form("/tm/tu/1/edit", "lang=en&text=Hi.&author=x", false).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(site.tm().load_tu(1).unwrap(), tu("Hola.", "Hello."));
    // The page's own forms carry the token.
    let (_, body) = site.get("/tm/tu/1").await;
    assert!(body.contains(&format!("/tm/tu/1/edit?csrf={}", site.app.csrf)), "{body}");
}

fn tu(es: &str, en: &str) -> Tu {
    Tu {
        tuvs: vec![Tuv::plain(LangTag::new("es").unwrap(), es), Tuv::plain(LangTag::new("en").unwrap(), en)],
        ..Tu::default()
    }
}

#[tokio::test]
async fn tm_text_is_escaped_on_every_page_that_shows_it() {
    let site = Site::new();
    let evil_es = "Hola <script>alert(1)</script> mundo";
    let evil_en = "\" onerror=\"alert(2)\" <img src=x onerror=alert(3)>";
    {
        let mut tm = site.tm();
        let mut imp = tm.import().unwrap();
        imp.add(&tu(evil_es, evil_en), &Provenance::default()).unwrap();
        imp.add(&tu(evil_es, "Hello world"), &Provenance::default()).unwrap();
        imp.commit().unwrap();
        tm.edit_target(
            &TargetEdit { tu_id: 2, lang: LangTag::new("en").unwrap(), target: Content::from_text("<b>x</b>") },
            &Author::now("<i>me</i>"),
            false,
        )
        .unwrap();
    }
    for page in [
        "/tm/concordance?q=mundo&lang=es&to=en",
        "/tm/browse",
        "/tm/tu/1",
        "/tm/tu/2",
        "/tm/inconsistencies?from=es&to=en",
    ] {
        let (s, body) = site.get(page).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert!(!body.contains("<script>alert"), "{page}: {body}");
        assert!(!body.contains("<img src=x"), "{page}: {body}");
        assert!(!body.contains("<i>me</i>") && !body.contains("<b>x</b>"), "{page}: {body}");
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page == "/tm/tu/2", "{page}: {body}");
    }
    let (_, body) = site.get("/tm/tu/1").await;
    assert!(body.contains("&quot; onerror=&quot;alert(2)&quot; &lt;img src=x onerror=alert(3)&gt;"), "{body}");
    let (_, body) = site.get("/tm/tu/2").await;
    assert!(body.contains("&lt;i&gt;me&lt;/i&gt;") && body.contains("&lt;b&gt;x&lt;/b&gt;"), "{body}");
    // And the headers forbid inline script should anything get through.
    let (_, _, h) = site.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert!(h.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap().contains("script-src 'self'"));
}

#[tokio::test]
async fn with_an_access_token_every_request_needs_it_and_the_first_visit_sets_a_cookie() {
    let site = Site::with_token(Some("s3cret-token"));
    assert_eq!(site.get("/").await.0, StatusCode::FORBIDDEN);
    assert_eq!(site.get("/tm/concordance?q=x").await.0, StatusCode::FORBIDDEN);
    assert_eq!(site.get("/?token=wrong").await.0, StatusCode::FORBIDDEN);
    let (s, _, h) = site.send(Request::get("/?token=s3cret-token").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let cookie = h.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("memoria_token=s3cret-token;")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
    let (s, ..) = site
        .send(
            Request::get("/tm/browse")
                .header(header::COOKIE, "memoria_token=s3cret-token")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, ..) = site
        .send(
            Request::get("/tm/browse")
                .header(header::AUTHORIZATION, "Bearer s3cret-token")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[test]
fn a_non_loopback_address_without_a_token_is_refused() {
    let mut config = Config::new("unused.db".into(), "0.0.0.0:8080".parse().unwrap());
    let err = memoria_serve::security::check_bind(&config).unwrap_err();
    assert!(err.to_string().contains("not a loopback address"), "{err}");
    config.addr = "192.0.2.7:8080".parse().unwrap();
    assert!(memoria_serve::security::check_bind(&config).is_err());
    config.token = Some("t".into());
    assert!(memoria_serve::security::check_bind(&config).is_ok());
    for ok in ["127.0.0.1:8080", "127.0.0.2:9", "[::1]:8080"] {
        let c = Config::new("unused.db".into(), ok.parse().unwrap());
        assert!(memoria_serve::security::check_bind(&c).is_ok(), "{ok}");
    }
}

#[tokio::test]
async fn a_release_is_pretranslated_confirmed_into_the_tm_and_downloaded() {
    let site = Site::new();
    // The TM from one release; its sibling release reuses its boilerplate.
    let page = align(&site, "debian-2012-debconf13-switzerland", "debian-2012-debconf13-switzerland").await;
    site.post_form(&format!("{page}/approve"), "", true).await;
    let before = site.tm().tu_count().unwrap();
    let (n, b) = (String::from("new.es.txt"), std::fs::read(sample("new/debian-2016-squeeze-lts-eol.es.txt")).unwrap());
    let (s, body, h) = site.upload("/release", &[("release", &n, b)], &[("from", "es"), ("to", "en")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let page = location(&h);
    let (_, body) = site.get(&page).await;
    assert!(body.contains("0 of "), "{body}");
    assert!(body.contains("<mark class=\"ph\""), "placeables marked: {body}");
    assert!(body.contains(" %</span>"), "matches shown: {body}");
    let (s, _, h) = site.post_form(&format!("{page}/seg/0"), "text=Debian+LTS+ends&author=ana", true).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(location(&h), format!("{page}?focus=1"));
    assert_eq!(site.tm().tu_count().unwrap(), before + 1);
    let en = LangTag::new("en").unwrap();
    let id = site.tm().concordance("Debian LTS ends", &en, None, 1).unwrap()[0].tu_id;
    let stored = site.tm().load_tu(id).unwrap();
    assert_eq!(stored.attr("creationid"), Some("ana"), "{stored:?}");
    assert_eq!(stored.variant(&LangTag::new("en").unwrap()).unwrap().seg.plain_text(), "Debian LTS ends");
    let (_, body) = site.get(&format!("{page}?focus=1")).await;
    assert!(body.contains("1 of "), "{body}");
    let (s, tmx) = site.get(&format!("{page}/tmx")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(tmx.contains("<seg>Debian LTS ends</seg>"), "{tmx}");
    let (s, xlf) = site.get(&format!("{page}/xliff")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(xlf.contains("Debian LTS ends"), "{xlf}");
    let (s, doc) = site.get(&format!("{page}/document")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc.starts_with("Debian LTS ends"), "{doc}");
}

#[tokio::test]
async fn an_upload_that_is_not_a_release_is_refused_with_the_filters_words() {
    let site = Site::new();
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00junkjunkjunk".to_vec();
    let (s, body, _) = site.upload("/release", &[("release", "x.zip", zip)], &[("from", "es"), ("to", "en")]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("x.zip"), "{body}");
    assert!(site.app.csrf.len() == 64);
}

/// Imports the sample glossary (samples/terms/migration.tbx) and one entry
/// of our own with a forbidden, markup-holding target into the site's TM.
fn import_glossary(site: &Site) {
    use memoria_core::term::{Status, Term, TermEntry};
    let mut tm = site.tm();
    let mut s = tm.import_terms().unwrap();
    let mut tbx = memoria_formats::tbx::TbxReader::open(&sample("terms/migration.tbx")).unwrap();
    while let Some(e) = tbx.next_entry().unwrap() {
        s.add("migration.tbx", &e).unwrap();
    }
    let term = |lang: &str, text: &str, status: Status| Term {
        status: Some(status),
        ..Term::new(LangTag::new(lang).unwrap(), text)
    };
    let own = TermEntry {
        id: Some("ciclo".into()),
        terms: vec![
            term("es", "ciclo de vida", Status::Preferred),
            term("en", "life cycle", Status::Preferred),
            term("en", "<b>life-time</b>", Status::Forbidden),
            term("en", "lifespan", Status::Deprecated),
        ],
        ..TermEntry::default()
    };
    s.add("own.csv", &own).unwrap();
    s.commit().unwrap();
}

#[tokio::test]
async fn the_release_review_marks_the_glossary_terms_with_their_targets_and_status() {
    let site = Site::new();
    import_glossary(&site);
    let (n, b) = (String::from("new.es.txt"), std::fs::read(sample("new/debian-2016-squeeze-lts-eol.es.txt")).unwrap());
    let (s, body, h) = site.upload("/release", &[("release", &n, b)], &[("from", "es"), ("to", "en")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let page = location(&h);
    let (_, body) = site.get(&page).await;
    let seg = |i: usize| body.split(&format!("id=\"seg-{i}\"")).nth(1).unwrap().split("<textarea").next().unwrap();
    // Segment 1: "El soporte a largo plazo para Debian 6.0 llega al final de su ciclo de vida".
    let s0 = seg(0);
    assert!(
        s0.contains("<mark class=\"term term-ok\" title=\"soporte a largo plazo → Long Term Support (preferred)\">soporte a largo plazo</mark>"),
        "{s0}"
    );
    assert!(s0.contains(">Debian</mark>"), "{s0}");
    assert!(s0.contains("<mark class=\"ph\""), "the version is still a placeable: {s0}");
    // Our entry: the preferred target as it is, the forbidden one struck through in its
    // own class and escaped, the deprecated one struck through in another.
    assert!(s0.contains(">ciclo de vida</mark>"), "{s0}");
    assert!(
        s0.contains("<span class=\"tt term-ok\">life cycle</span> <span class=\"status\">preferred</span>"),
        "{s0}"
    );
    assert!(
        s0.contains("<del class=\"tt term-forbidden\">&lt;b&gt;life-time&lt;/b&gt;</del> <span class=\"status\">forbidden</span>"),
        "{s0}"
    );
    assert!(
        s0.contains("<del class=\"tt term-deprecated\">lifespan</del> <span class=\"status\">deprecated</span>"),
        "{s0}"
    );
    assert!(!body.contains("<b>life-time"), "TM text is escaped");
    assert!(s0.contains("[own.csv ciclo]"), "{s0}");
    // "… relevando al equipo de seguridad …", and a do-not-translate name.
    let i = (0..40).find(|&i| seg(i).contains("equipo de seguridad")).unwrap();
    assert!(seg(i).contains(">equipo de seguridad</mark>"), "{}", seg(i));
    assert!(seg(i).contains("<span class=\"tt term-ok\">Security Team</span>"), "{}", seg(i));
    assert!(
        s0.contains("<span class=\"src term-ok\">Debian</span> → <span class=\"tt term-ok\">Debian</span> <span class=\"status\">do not translate</span>"),
        "{s0}"
    );
    // The XLIFF download carries them too (1.2: a note per unit), allowed targets only.
    let (_, xlf) = site.get(&format!("{page}/xliff")).await;
    assert!(xlf.contains("<note from=\"memoria-terms\">ciclo de vida → life cycle (preferred); &lt;b&gt;life-time&lt;/b&gt; (forbidden); lifespan (deprecated) [entry ciclo]</note>"), "{xlf}");
}

#[tokio::test]
async fn a_concordance_page_shows_fifty_hits_and_says_when_there_are_more() {
    let site = Site::new();
    {
        let mut tm = site.tm();
        let mut imp = tm.import().unwrap();
        for i in 0..60 {
            imp.add(
                &tu(&format!("El proyecto Debian, nota {i}."), &format!("The Debian project, note {i}.")),
                &Provenance::default(),
            )
            .unwrap();
        }
        imp.commit().unwrap();
    }
    let (_, body) = site.get("/tm/concordance?q=proyecto+debian&lang=es&to=en").await;
    assert!(body.contains("More than 50 segments in es contain “proyecto debian”"), "{body}");
    assert_eq!(body.matches("<a href=\"/tm/tu/").count(), 50);
    assert!(body.contains("The Debian project, note 0.</td>"), "the shortest and oldest first: {body}");
    let (_, body) = site.get("/tm/concordance?q=nota+5&lang=es&to=en").await;
    // Whole words: "nota 5" is not in "nota 50"…"nota 59".
    assert!(body.contains(">1 segment(s) in es contain “nota 5”."), "{body}");
    assert!(body.contains("The Debian project, note 5.</td>") && !body.contains("note 50."), "{body}");
}

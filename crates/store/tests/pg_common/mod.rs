//! What the PostgreSQL tests share: a database of its own per test, on the
//! server of MEMORIA_TEST_DB_URL (scripts/test.sh starts a throwaway
//! cluster and sets it; without it these tests fail, they never skip).

use memoria_store::postgres::PgTm;
use memoria_store::Tm;
use std::time::Duration;

/// A database made for one test, dropped at the end.
pub struct Db {
    pub admin: String,
    pub name: String,
    pub url: String,
}

pub fn admin_url() -> String {
    std::env::var("MEMORIA_TEST_DB_URL").expect(
        "MEMORIA_TEST_DB_URL is not set: run scripts/test.sh, or `source scripts/pg-cluster.sh && pg_cluster_start` first",
    )
}

/// `url` with its database name replaced by `name`.
pub fn with_db(url: &str, name: &str) -> String {
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let cut = head.rfind('/').expect("a database in the URL");
    let mut out = format!("{}/{name}", &head[..cut]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl Db {
    pub fn new(test: &str) -> Db {
        let admin = admin_url();
        let name = format!("memoria_s_{test}_{}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("the test server answers");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = with_db(&admin, &name);
        Db { admin, name, url }
    }

    pub fn open(&self) -> Tm {
        Tm::new(Box::new(PgTm::open(&self.url, Duration::from_secs(30)).unwrap()))
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

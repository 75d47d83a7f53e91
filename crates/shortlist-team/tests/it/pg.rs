//! A real PostgreSQL (Debian's package) for the tests: a throw-away
//! cluster in a temp dir, on loopback, on a free port; stopped by Drop.
//!
//! As root, `initdb`/`pg_ctl` run as the `postgres` user through `runuser`
//! (initdb refuses root) and the temp dir is handed to that user. As any
//! other user they run directly. Binaries: `$SHORTLIST_PG_BIN`, else the
//! newest `/usr/lib/postgresql/*/bin`, else `initdb` on `PATH`.

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const ADMIN: &str = "postgres";

pub struct PgServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    pub admin_password: String,
    as_postgres: bool,
    started: bool,
}

fn find_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("SHORTLIST_PG_BIN") {
        return PathBuf::from(p);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
                return dir;
            }
        }
    }
    panic!(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb, none on PATH): \
         install them (Debian: apt-get install postgresql) or set SHORTLIST_PG_BIN"
    );
}

fn id_of(flag: &str) -> u32 {
    let out = Command::new("id")
        .args([flag, "postgres"])
        .output()
        .expect("running `id`");
    assert!(
        out.status.success(),
        "running as root needs a `postgres` user (Debian's postgresql package creates it)"
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("numeric id")
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("running openssl (Debian: apt-get install openssl) to make the test certificates");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A test CA, a server certificate for `localhost` signed by it, and an
/// unrelated CA, all P-256.
fn make_certs(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    for (key, pem, cn) in [
        ("ca.key", "ca.pem", "Shortlist test CA"),
        ("other-ca.key", "other-ca.pem", "Unrelated CA"),
    ] {
        let subj = format!("/CN={cn}");
        let mut args = vec!["req", "-x509"];
        args.extend(ec);
        args.extend([
            "-keyout",
            key,
            "-out",
            pem,
            "-days",
            "2",
            "-subj",
            &subj,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(dir, &args);
    }
    let mut args = vec!["req"];
    args.extend(ec);
    args.extend([
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    openssl(dir, &args);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ],
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        dir.join("server.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl PgServer {
    pub fn start() -> PgServer {
        let bin = find_bin();
        let as_postgres = std::fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let dir = tempfile::Builder::new()
            .prefix("shortlist-team-pg")
            .tempdir()
            .expect("temp dir");
        let admin_password = format!("adm-{}", uuid::Uuid::new_v4().simple());
        let pwfile = dir.path().join("pwfile");
        std::fs::write(&pwfile, format!("{admin_password}\n")).unwrap();
        std::fs::create_dir(dir.path().join("sock")).unwrap();
        if as_postgres {
            let (uid, gid) = (id_of("-u"), id_of("-g"));
            for p in [
                dir.path().to_path_buf(),
                pwfile.clone(),
                dir.path().join("sock"),
            ] {
                std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
            }
        }
        let tls = dir.path().join("tls");
        std::fs::create_dir(&tls).unwrap();
        make_certs(&tls);
        if as_postgres {
            let (uid, gid) = (id_of("-u"), id_of("-g"));
            for f in ["server.crt", "server.key"] {
                std::os::unix::fs::chown(tls.join(f), Some(uid), Some(gid)).unwrap();
            }
            std::os::unix::fs::chown(&tls, Some(uid), Some(gid)).unwrap();
        }
        let mut server = PgServer {
            dir,
            bin,
            port: 0,
            admin_password,
            as_postgres,
            started: false,
        };
        let data = server.data();
        let out = server.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                ADMIN,
                "--pwfile",
                pwfile.to_str().unwrap(),
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale",
                "-N",
            ],
        );
        assert!(
            out.status.success(),
            "initdb failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // A port found free can be taken before the server binds it: retry.
        let mut last_err = String::new();
        for _ in 0..5 {
            let port = free_port();
            let opts = format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement=all \
                 -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                server.dir.path().join("sock").display(),
                tls.join("server.crt").display(),
                tls.join("server.key").display(),
            );
            let log = server.log_path();
            let out = server.run(
                "pg_ctl",
                &[
                    "-D",
                    data.to_str().unwrap(),
                    "-l",
                    log.to_str().unwrap(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    &opts,
                    "start",
                ],
            );
            if out.status.success() {
                server.port = port;
                server.started = true;
                break;
            }
            last_err = format!(
                "{}{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                server.log()
            );
        }
        assert!(server.started, "pg_ctl start failed:\n{last_err}");
        server.wait_accepting(Duration::from_secs(30));
        server
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// The server's log (for failure messages and the no-password check).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args).current_dir(self.dir.path());
        cmd.output()
            .unwrap_or_else(|e| panic!("running {}: {e}", exe.display()))
    }

    /// Polls until a login succeeds, up to `timeout`.
    fn wait_accepting(&self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            match shortlist_team::Remote::connect(&self.admin_url("postgres")) {
                Ok(_) => return,
                Err(e) if Instant::now() > deadline => panic!(
                    "PostgreSQL did not accept connections within {timeout:?}: {e}\n{}",
                    self.log()
                ),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    pub fn url(&self, login: &str, password: &str, db: &str) -> String {
        let enc = |s: &str| {
            s.replace('%', "%25")
                .replace('@', "%40")
                .replace(':', "%3A")
                .replace('/', "%2F")
        };
        format!(
            "postgres://{}:{}@127.0.0.1:{}/{db}",
            enc(login),
            enc(password),
            self.port
        )
    }

    pub fn admin_url(&self, db: &str) -> String {
        self.url(ADMIN, &self.admin_password, db)
    }

    /// A fresh database for one test.
    pub fn create_db(&self, name: &str) -> String {
        let mut admin = shortlist_team::Remote::connect(&self.admin_url("postgres")).unwrap();
        admin
            .client()
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap();
        name.to_string()
    }

    /// PEM of the CA that signed the server's certificate (for `localhost`).
    pub fn ca_pem(&self) -> PathBuf {
        self.dir.path().join("tls/ca.pem")
    }

    /// PEM of a CA that signed nothing this server uses.
    pub fn other_ca_pem(&self) -> PathBuf {
        self.dir.path().join("tls/other-ca.pem")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        if self.started {
            let data = self.data();
            let out = self.run(
                "pg_ctl",
                &[
                    "-D",
                    data.to_str().unwrap(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "60",
                    "stop",
                ],
            );
            if !out.status.success() {
                eprintln!(
                    "pg_ctl stop failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
}

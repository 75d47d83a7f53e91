//! A small real SMTP server on loopback for tests (RFC 5321 subset: EHLO,
//! HELO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
//! QUIT). Every accepted message is stored before the final `250` is sent,
//! so a test can check it as soon as the client returns (no sleeps).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// Answer AUTH with `535 5.7.8`.
    AuthFail,
    /// Answer the end of DATA with `554 5.6.0`.
    RejectData,
    /// Answer RCPT with `451 4.3.0` (transient).
    TempFailRcpt,
}

#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: String,
    pub authenticated: bool,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    v.push_str(line);
                    continue;
                }
                return value;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_string());
                }
            }
        }
        value
    }

    /// The body with its Content-Transfer-Encoding (quoted-printable) undone.
    pub fn body(&self) -> String {
        let raw = self.raw_body();
        let cte = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if cte != "quoted-printable" {
            return raw;
        }
        let joined = raw.replace("=\r\n", "");
        let b = joined.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' && i + 2 < b.len() {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz");
                if let Ok(v) = u8::from_str_radix(hex, 16) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(b[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The raw body as sent (transfer-encoded).
    pub fn raw_body(&self) -> String {
        self.data
            .split_once("\r\n\r\n")
            .map(|x| x.1)
            .unwrap_or("")
            .to_string()
    }
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    pub messages: Arc<Mutex<Vec<Received>>>,
    pub mode: Arc<Mutex<Mode>>,
    pub connections: Arc<Mutex<usize>>,
}

impl SmtpSink {
    pub fn start(mode: Mode) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(Mutex::new(mode));
        let connections = Arc::new(Mutex::new(0));
        let (m, md, c) = (messages.clone(), mode.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                *c.lock().unwrap() += 1;
                let (m, md) = (m.clone(), md.clone());
                std::thread::spawn(move || {
                    let _ = session(stream, &m, *md.lock().unwrap());
                });
            }
        });
        SmtpSink {
            addr,
            messages,
            mode,
            connections,
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn received(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }
}

/// A loopback port with nothing listening on it.
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let p = l.local_addr().unwrap().port();
    drop(l);
    p
}

fn session(stream: TcpStream, store: &Mutex<Vec<Received>>, mode: Mode) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut rd = BufReader::new(stream);
    let mut say = |s: &str| -> std::io::Result<()> {
        out.write_all(s.as_bytes())?;
        out.write_all(b"\r\n")?;
        out.flush()
    };
    say("220 sink.test ESMTP ready")?;
    let mut from = String::new();
    let mut rcpt = Vec::new();
    let mut authenticated = false;
    let mut line = String::new();
    loop {
        line.clear();
        if rd.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end_matches(['\r', '\n']).to_string();
        let upper = cmd.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            say("250-sink.test")?;
            say("250-8BITMIME")?;
            say("250-SMTPUTF8")?;
            say("250 AUTH PLAIN LOGIN")?;
        } else if upper.starts_with("HELO") {
            say("250 sink.test")?;
        } else if upper.starts_with("AUTH") {
            if upper.starts_with("AUTH LOGIN") {
                say("334 VXNlcm5hbWU6")?;
                line.clear();
                rd.read_line(&mut line)?;
                say("334 UGFzc3dvcmQ6")?;
                line.clear();
                rd.read_line(&mut line)?;
            } else if upper.trim() == "AUTH PLAIN" {
                say("334 ")?;
                line.clear();
                rd.read_line(&mut line)?;
            }
            if mode == Mode::AuthFail {
                say("535 5.7.8 Authentication credentials invalid")?;
            } else {
                authenticated = true;
                say("235 2.7.0 Authentication successful")?;
            }
        } else if upper.starts_with("MAIL FROM:") {
            from = cmd[10..].trim().to_string();
            rcpt.clear();
            say("250 2.1.0 OK")?;
        } else if upper.starts_with("RCPT TO:") {
            if mode == Mode::TempFailRcpt {
                say("451 4.3.0 Try again later")?;
            } else {
                rcpt.push(cmd[8..].trim().trim_matches(['<', '>']).to_string());
                say("250 2.1.5 OK")?;
            }
        } else if upper == "DATA" {
            say("354 End data with <CR><LF>.<CR><LF>")?;
            let mut data = String::new();
            loop {
                line.clear();
                if rd.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                let l = line.trim_end_matches(['\r', '\n']);
                if l == "." {
                    break;
                }
                data.push_str(
                    l.strip_prefix('.')
                        .filter(|_| l.starts_with(".."))
                        .unwrap_or(l),
                );
                data.push_str("\r\n");
            }
            if mode == Mode::RejectData {
                say("554 5.6.0 Message rejected by policy")?;
            } else {
                store.lock().unwrap().push(Received {
                    mail_from: from.clone(),
                    rcpt_to: rcpt.clone(),
                    data,
                    authenticated,
                });
                say("250 2.0.0 Queued")?;
            }
        } else if upper == "RSET" || upper == "NOOP" {
            say("250 OK")?;
        } else if upper == "QUIT" {
            say("221 Bye")?;
            return Ok(());
        } else {
            say("502 5.5.2 Command not implemented")?;
        }
    }
}

//! Outputs of an encrypted workspace (SPEC F54): the candidate report PDF
//! and the package ZIP hold the decrypted media (an explicit export), equal
//! byte for byte to the bundle's files; the workspace's own files are
//! ciphertext.
mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{check_pdf, tool};
use shortlist_core::store::crypt::{self, KdfParams, NewKey};
use shortlist_core::Workspace;
use shortlist_report::package::{original_file, save_original, write_package, PackageOptions};
use shortlist_report::{source, ReportOptions};

const PASS: &str = "report passphrase";

fn good_bundle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle")
}

#[test]
fn report_and_package_of_an_encrypted_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    drop(Workspace::open(&root).unwrap());
    crypt::encrypt_workspace(
        &root,
        NewKey::Passphrase(
            PASS,
            KdfParams {
                memory_kib: KdfParams::MIN_MEMORY_KIB,
                iterations: 1,
                parallelism: 1,
            },
        ),
    )
    .unwrap();
    let ws = Workspace::open_with_passphrase(&root, Some(PASS)).unwrap();
    shortlist_core::import::import_path(&ws, &good_bundle(), &|_| {}).unwrap();

    let pdf = source::candidate_pdf(&ws, "I001", &ReportOptions::default()).unwrap();
    let p = dir.path().join("r.pdf");
    std::fs::write(&p, pdf).unwrap();
    let (text, _) = check_pdf(&p);
    assert!(text.contains("Álvarez"), "{text}");

    let dest = dir.path().join("package.zip");
    write_package(
        &ws,
        &["I001".to_string()],
        &PackageOptions::default(),
        &dest,
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let x = dir.path().join("x");
    let (ok, out) = tool(
        "unzip",
        &["-q", dest.to_str().unwrap(), "-d", x.to_str().unwrap()],
    );
    assert!(ok, "{out}");
    let originals = good_bundle().join("media/I001");
    let mut compared = 0;
    for e in std::fs::read_dir(&x).unwrap() {
        let folder = e.unwrap().path();
        for (name, original) in [
            ("resume.pdf", "resume.pdf"),
            ("video.webm", "video.webm"),
            ("audio.ogg", "audio.ogg"),
        ] {
            let got = folder.join(name);
            if got.exists() {
                assert_eq!(
                    std::fs::read(&got).unwrap(),
                    std::fs::read(originals.join(original)).unwrap(),
                    "{name} in the package differs from the bundle's"
                );
                compared += 1;
            }
        }
    }
    assert!(
        compared >= 2,
        "the package holds the media ({compared} compared)"
    );
    // "Save file…" of the résumé viewer: the bare PDF, decrypted.
    let f = original_file(&ws, "I001", "resume").unwrap().unwrap();
    let bare = dir.path().join("resume.pdf");
    let n = save_original(&ws, &f, &bare).unwrap();
    let original = std::fs::read(originals.join("resume.pdf")).unwrap();
    assert_eq!(n as usize, original.len());
    assert_eq!(std::fs::read(&bare).unwrap(), original);
    // While in the workspace the same files are ciphertext.
    let resume = std::fs::read(originals.join("resume.pdf")).unwrap();
    let window = &resume[resume.len() / 2..][..32];
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let b = std::fs::read(&p).unwrap();
                assert!(
                    !b.windows(window.len()).any(|w| w == window),
                    "résumé bytes in clear in {}",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn resume_saves_as_the_bare_file_not_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    shortlist_core::import::import_path(&ws, &good_bundle(), &|_| {}).unwrap();
    let f = original_file(&ws, "I001", "resume").unwrap().unwrap();
    assert_eq!(f.ext, "pdf");
    let dest = dir.path().join("out").join("José résumé.pdf");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    save_original(&ws, &f, &dest).unwrap();
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF, not a ZIP");
    assert_eq!(
        bytes,
        std::fs::read(good_bundle().join("media/I001/resume.pdf")).unwrap()
    );
    // Nothing else left beside it (the temporary file was renamed).
    assert_eq!(
        std::fs::read_dir(dest.parent().unwrap()).unwrap().count(),
        1
    );
    // A candidate without a stored résumé has none to save.
    assert_eq!(original_file(&ws, "I002", "resume").unwrap(), None);
    assert!(original_file(&ws, "nope", "resume").is_err());
}

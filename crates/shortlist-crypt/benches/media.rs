//! MediaCipher throughput (encrypt / decrypt MB/s on a 64 MiB buffer),
//! random-seek read latency, and the cost of unlocking a key file with the
//! default Argon2id parameters.
//!
//! `cargo bench -p shortlist-crypt --bench media`

use std::hint::black_box;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shortlist_crypt::{KdfParams, KeyFile, MediaCipher, WorkspaceKey};

const SIZE: usize = 64 * 1024 * 1024;

/// Deterministic bytes (SplitMix64), so runs compare.
fn data(n: usize) -> Vec<u8> {
    let mut s = 0x5EED_u64;
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(n);
    out
}

fn media(c: &mut Criterion) {
    let key = WorkspaceKey::from_bytes([9; 32]);
    let cipher = MediaCipher::new(&key);
    let plain = data(SIZE);
    let mut enc = Vec::with_capacity(SIZE + SIZE / 1024 + 64);
    cipher.encrypt(&plain[..], &mut enc).unwrap();

    let mut g = c.benchmark_group("media_64MiB");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(SIZE as u64));
    g.bench_function("encrypt", |b| {
        let mut out = Vec::with_capacity(enc.len());
        b.iter(|| {
            out.clear();
            cipher.encrypt(black_box(&plain[..]), &mut out).unwrap();
        })
    });
    g.bench_function("decrypt_sequential", |b| {
        let mut out = Vec::with_capacity(SIZE);
        b.iter(|| {
            out.clear();
            let mut r = cipher
                .decrypting_reader(Cursor::new(black_box(&enc[..])))
                .unwrap();
            r.read_to_end(&mut out).unwrap();
            assert_eq!(out.len(), SIZE);
        })
    });
    g.finish();

    // A player seeking: jump to a random offset, read 4 KiB (one chunk
    // decrypted unless the jump stays inside the cached chunk).
    let mut g = c.benchmark_group("media_seek");
    g.sample_size(50);
    let mut r = cipher.decrypting_reader(Cursor::new(&enc[..])).unwrap();
    let mut s = 1u64;
    let mut buf = vec![0u8; 4096];
    g.bench_function("random_seek_read_4KiB", |b| {
        b.iter(|| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (s >> 11) % (SIZE as u64 - 4096);
            r.seek(SeekFrom::Start(at)).unwrap();
            r.read_exact(&mut buf).unwrap();
            black_box(&buf);
        })
    });
    g.bench_function("open_reader", |b| {
        b.iter(|| {
            black_box(
                cipher
                    .decrypting_reader(Cursor::new(&enc[..]))
                    .unwrap()
                    .plaintext_len(),
            )
        })
    });
    g.finish();
}

fn key_file(c: &mut Criterion) {
    let key = WorkspaceKey::from_bytes([3; 32]);
    let kf = KeyFile::create(&key, "a passphrase", KdfParams::default()).unwrap();
    let mut g = c.benchmark_group("key_file");
    g.sample_size(10);
    g.bench_function("unlock_argon2id_default", |b| {
        b.iter(|| kf.unlock(black_box("a passphrase")).unwrap())
    });
    g.finish();
}

criterion_group!(benches, media, key_file);
criterion_main!(benches);

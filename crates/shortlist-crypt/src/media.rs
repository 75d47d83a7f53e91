//! Streaming, seekable authenticated encryption of media files (F54).
//!
//! # Format (version 1)
//!
//! ```text
//! header (64 bytes)
//!   0..8    magic  "SLMEDIA\0"
//!   8       format version (1)
//!   9       algorithm (1 = XChaCha20-Poly1305)
//!   10..12  reserved (0)
//!   12..16  chunk size in bytes, u32 little-endian (default 65536)
//!   16..48  random salt, 32 bytes (also the file's id)
//!   48..64  key check: 16 bytes of HKDF(workspace key, salt, "check")
//! chunks, one after another
//!   ciphertext (chunk size bytes; the last chunk 0..=chunk size) + 16-byte tag
//! ```
//!
//! Each file has its own key, HKDF-SHA256(workspace key, salt). Chunk `i` is
//! sealed with nonce `i (u64 LE) ‖ last (1 byte) ‖ 0…` and associated data
//! `header ‖ i (u64 LE) ‖ last`, where `last` is 1 only on the final chunk
//! (the STREAM construction). So a chunk cannot be moved within the file or
//! to another file, the header cannot be changed, and a file cut at a chunk
//! boundary is detected (its new final chunk was sealed as not-last). The
//! plaintext length follows from the file length, so seeking needs no index:
//! a read decrypts only the chunk it lands in.

use std::io::{self, Read, Seek, SeekFrom, Write};

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Key, Tag, XChaCha20Poly1305, XNonce};

use crate::error::{CryptError, Result};
use crate::key::{ct_eq, fill_random, WorkspaceKey};

/// First bytes of every encrypted media file.
pub const MAGIC: [u8; 8] = *b"SLMEDIA\0";
/// Format version written and read by this build.
pub const FORMAT_VERSION: u8 = 1;
/// Header length in bytes.
pub const HEADER_LEN: usize = 64;
/// Authentication tag length per chunk.
pub const TAG_LEN: usize = 16;
/// Default plaintext chunk size (64 KiB).
pub const DEFAULT_CHUNK_SIZE: u32 = 64 * 1024;
/// Smallest chunk size accepted.
pub const MIN_CHUNK_SIZE: u32 = 256;
/// Largest chunk size accepted (bounds the memory a file can make a reader allocate).
pub const MAX_CHUNK_SIZE: u32 = 16 * 1024 * 1024;

const ALG_XCHACHA20POLY1305: u8 = 1;
const SALT_LEN: usize = 32;
const INFO_KEY: &[u8] = b"shortlist media v1 file key";
const INFO_CHECK: &[u8] = b"shortlist media v1 key check";

/// Encrypts media with one workspace key and a chosen chunk size.
#[derive(Clone)]
pub struct MediaCipher {
    key: WorkspaceKey,
    chunk_size: u32,
}

impl std::fmt::Debug for MediaCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaCipher")
            .field("chunk_size", &self.chunk_size)
            .finish_non_exhaustive()
    }
}

impl MediaCipher {
    /// A cipher with the default 64 KiB chunks.
    pub fn new(key: &WorkspaceKey) -> MediaCipher {
        MediaCipher {
            key: key.clone(),
            chunk_size: DEFAULT_CHUNK_SIZE,
        }
    }

    /// The same cipher with another chunk size
    /// ([`MIN_CHUNK_SIZE`]..=[`MAX_CHUNK_SIZE`]). Readers take the size from
    /// the file, so files of different chunk sizes read alike.
    pub fn with_chunk_size(mut self, chunk_size: u32) -> Result<MediaCipher> {
        check_chunk_size(chunk_size).map_err(|detail| CryptError::Invalid {
            what: "chunk size",
            detail,
        })?;
        self.chunk_size = chunk_size;
        Ok(self)
    }

    /// Reads `src` to its end and writes it encrypted to `dst`. Returns the
    /// number of plaintext bytes encrypted. `dst` needs no `Seek`.
    pub fn encrypt<R: Read, W: Write>(&self, mut src: R, mut dst: W) -> Result<u64> {
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt)?;
        let keys = FileKeys::derive(&self.key, &salt);
        let header = build_header(self.chunk_size, &salt, &keys.check);
        dst.write_all(&header)?;

        let cs = self.chunk_size as usize;
        let mut cur = vec![0u8; cs];
        let mut next = vec![0u8; cs];
        let mut cur_len = read_full(&mut src, &mut cur)?;
        let mut index = 0u64;
        let mut total = 0u64;
        loop {
            // A short chunk is the last; a full one is the last only if
            // nothing follows it.
            let mut next_len = 0;
            let last = cur_len < cs || {
                next_len = read_full(&mut src, &mut next)?;
                next_len == 0
            };
            let tag = keys.seal(&header, index, last, &mut cur[..cur_len]);
            dst.write_all(&cur[..cur_len])?;
            dst.write_all(&tag)?;
            total += cur_len as u64;
            if last {
                break;
            }
            std::mem::swap(&mut cur, &mut next);
            cur_len = next_len;
            index += 1;
        }
        dst.flush()?;
        Ok(total)
    }

    /// A reader of the plaintext of an encrypted file (see [`DecryptingReader::new`]).
    pub fn decrypting_reader<R: Read + Seek>(&self, inner: R) -> Result<DecryptingReader<R>> {
        DecryptingReader::new(inner, &self.key)
    }
}

/// Encrypts `src` into `dst` with 64 KiB chunks; returns the plaintext length.
pub fn encrypt_file(key: &WorkspaceKey, src: impl Read, dst: impl Write) -> Result<u64> {
    MediaCipher::new(key).encrypt(src, dst)
}

/// Whether `r` starts with the encrypted media magic (reads up to 8 bytes).
pub fn is_encrypted_media(mut r: impl Read) -> io::Result<bool> {
    let mut magic = [0u8; MAGIC.len()];
    Ok(read_full(&mut r, &mut magic)? == MAGIC.len() && magic == MAGIC)
}

fn check_chunk_size(cs: u32) -> Result<(), String> {
    if (MIN_CHUNK_SIZE..=MAX_CHUNK_SIZE).contains(&cs) {
        Ok(())
    } else {
        Err(format!(
            "{cs} bytes is outside {MIN_CHUNK_SIZE}..={MAX_CHUNK_SIZE}"
        ))
    }
}

fn build_header(chunk_size: u32, salt: &[u8; SALT_LEN], check: &[u8; 16]) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[0..8].copy_from_slice(&MAGIC);
    h[8] = FORMAT_VERSION;
    h[9] = ALG_XCHACHA20POLY1305;
    h[12..16].copy_from_slice(&chunk_size.to_le_bytes());
    h[16..48].copy_from_slice(salt);
    h[48..64].copy_from_slice(check);
    h
}

/// Reads until `buf` is full or the end; returns the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

struct FileKeys {
    cipher: XChaCha20Poly1305,
    check: [u8; 16],
}

impl FileKeys {
    fn derive(key: &WorkspaceKey, salt: &[u8]) -> FileKeys {
        let mut k = zeroize::Zeroizing::new([0u8; 32]);
        key.derive(salt, INFO_KEY, k.as_mut());
        let mut check = [0u8; 16];
        key.derive(salt, INFO_CHECK, &mut check);
        FileKeys {
            cipher: XChaCha20Poly1305::new(Key::from_slice(&k[..])),
            check,
        }
    }

    fn nonce_ad(
        header: &[u8; HEADER_LEN],
        index: u64,
        last: bool,
    ) -> (XNonce, [u8; HEADER_LEN + 9]) {
        let mut nonce = XNonce::default();
        nonce[0..8].copy_from_slice(&index.to_le_bytes());
        nonce[8] = last as u8;
        let mut ad = [0u8; HEADER_LEN + 9];
        ad[..HEADER_LEN].copy_from_slice(header);
        ad[HEADER_LEN..HEADER_LEN + 8].copy_from_slice(&index.to_le_bytes());
        ad[HEADER_LEN + 8] = last as u8;
        (nonce, ad)
    }

    fn seal(&self, header: &[u8; HEADER_LEN], index: u64, last: bool, buf: &mut [u8]) -> Tag {
        let (nonce, ad) = Self::nonce_ad(header, index, last);
        self.cipher
            .encrypt_in_place_detached(&nonce, &ad, buf)
            .expect("chunk sizes are far below XChaCha20-Poly1305's limit")
    }

    /// Decrypts in place; on failure `buf` is left as it was.
    fn open(
        &self,
        header: &[u8; HEADER_LEN],
        index: u64,
        last: bool,
        buf: &mut [u8],
        tag: &[u8],
    ) -> bool {
        let (nonce, ad) = Self::nonce_ad(header, index, last);
        self.cipher
            .decrypt_in_place_detached(&nonce, &ad, buf, Tag::from_slice(tag))
            .is_ok()
    }
}

/// `Read + Seek` over the plaintext of an encrypted media file.
///
/// Opening checks the header and the key, and decrypts the final chunk so
/// that truncation is found before any byte is served and
/// [`plaintext_len`](Self::plaintext_len) can be trusted. Afterwards a read
/// decrypts only the chunk it lands in (one chunk is cached), so seeking is
/// cheap. Errors from `Read`/`Seek` are `InvalidData` [`io::Error`]s carrying
/// a [`CryptError`] ([`CryptError::from_io`]).
pub struct DecryptingReader<R> {
    inner: R,
    keys: FileKeys,
    header: [u8; HEADER_LEN],
    chunk_size: u64,
    chunks: u64,
    last_ct_len: usize,
    plaintext_len: u64,
    pos: u64,
    buf: Vec<u8>,
    buf_chunk: Option<u64>,
    buf_len: usize,
}

impl<R: Read + Seek> DecryptingReader<R> {
    /// Opens the encrypted file in `inner` (read from its start) with `key`.
    ///
    /// Errors: [`CryptError::NotEncryptedMedia`],
    /// [`CryptError::UnsupportedMediaVersion`], [`CryptError::WrongMediaKey`],
    /// [`CryptError::Truncated`], [`CryptError::Tampered`] (final chunk).
    pub fn new(mut inner: R, key: &WorkspaceKey) -> Result<DecryptingReader<R>> {
        inner.seek(SeekFrom::Start(0))?;
        let mut header = [0u8; HEADER_LEN];
        let got = read_full(&mut inner, &mut header)?;
        if got < MAGIC.len() || header[0..8] != MAGIC {
            return Err(CryptError::NotEncryptedMedia {
                detail: "it does not start with the SLMEDIA header".into(),
            });
        }
        if header[8] != FORMAT_VERSION {
            return Err(CryptError::UnsupportedMediaVersion {
                found: header[8],
                supported: FORMAT_VERSION,
            });
        }
        if got < HEADER_LEN {
            return Err(CryptError::Truncated {
                detail: format!("the file ends inside its {HEADER_LEN}-byte header ({got} bytes)"),
            });
        }
        if header[9] != ALG_XCHACHA20POLY1305 || header[10..12] != [0, 0] {
            return Err(CryptError::NotEncryptedMedia {
                detail: format!("unknown algorithm {} or flags in the header", header[9]),
            });
        }
        let cs = u32::from_le_bytes(header[12..16].try_into().expect("4 bytes"));
        check_chunk_size(cs).map_err(|d| CryptError::NotEncryptedMedia {
            detail: format!("the header's chunk size {d}"),
        })?;
        let keys = FileKeys::derive(key, &header[16..48]);
        if !ct_eq(&keys.check, &header[48..64]) {
            return Err(CryptError::WrongMediaKey);
        }

        let len = inner.seek(SeekFrom::End(0))?;
        let body = len - HEADER_LEN as u64;
        let stride = cs as u64 + TAG_LEN as u64;
        let (full, rem) = (body / stride, body % stride);
        let (chunks, last_ct_len) = match rem {
            0 if full == 0 => {
                return Err(CryptError::Truncated {
                    detail: "the file holds a header but no chunk".into(),
                })
            }
            0 => (full, stride as usize),
            r if r < TAG_LEN as u64 => {
                return Err(CryptError::Truncated {
                    detail: format!("the file ends inside chunk {full}, {r} bytes after its start"),
                })
            }
            r => (full + 1, r as usize),
        };
        let plaintext_len = (chunks - 1) * cs as u64 + (last_ct_len - TAG_LEN) as u64;
        let mut reader = DecryptingReader {
            inner,
            keys,
            header,
            chunk_size: cs as u64,
            chunks,
            last_ct_len,
            plaintext_len,
            pos: 0,
            buf: vec![0u8; stride as usize],
            buf_chunk: None,
            buf_len: 0,
        };
        reader.load_chunk(chunks - 1)?;
        Ok(reader)
    }

    /// Length of the plaintext in bytes.
    pub fn plaintext_len(&self) -> u64 {
        self.plaintext_len
    }

    /// Plaintext chunk size of this file.
    pub fn chunk_size(&self) -> u32 {
        self.chunk_size as u32
    }

    /// The underlying reader.
    pub fn into_inner(self) -> R {
        self.inner
    }

    fn load_chunk(&mut self, index: u64) -> Result<()> {
        if self.buf_chunk == Some(index) {
            return Ok(());
        }
        self.buf_chunk = None;
        let stride = self.chunk_size + TAG_LEN as u64;
        let is_last = index == self.chunks - 1;
        let ct_len = if is_last {
            self.last_ct_len
        } else {
            stride as usize
        };
        self.inner
            .seek(SeekFrom::Start(HEADER_LEN as u64 + index * stride))?;
        let got = read_full(&mut self.inner, &mut self.buf[..ct_len])?;
        if got < ct_len {
            return Err(CryptError::Truncated {
                detail: format!("the file became shorter while being read (chunk {index})"),
            });
        }
        let (body, tag) = self.buf[..ct_len].split_at_mut(ct_len - TAG_LEN);
        if !self.keys.open(&self.header, index, is_last, body, tag) {
            // The final chunk authenticates as a not-last chunk: the chunks
            // after it were cut off.
            if is_last && self.keys.open(&self.header, index, false, body, tag) {
                return Err(CryptError::Truncated {
                    detail: format!(
                        "it ends after chunk {index} (plaintext byte {}) but that chunk is not the last",
                        index * self.chunk_size + body.len() as u64
                    ),
                });
            }
            return Err(CryptError::Tampered {
                chunk: index,
                offset: index * self.chunk_size,
            });
        }
        self.buf_len = ct_len - TAG_LEN;
        self.buf_chunk = Some(index);
        Ok(())
    }
}

impl<R: Read + Seek> Read for DecryptingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.pos >= self.plaintext_len {
            return Ok(0);
        }
        let index = self.pos / self.chunk_size;
        self.load_chunk(index)?;
        let off = (self.pos % self.chunk_size) as usize;
        let n = out.len().min(self.buf_len - off);
        out[..n].copy_from_slice(&self.buf[off..off + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read + Seek> Seek for DecryptingReader<R> {
    /// Moves within the plaintext; touches the file only on the next read.
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.plaintext_len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match target {
            Some(p) => {
                self.pos = p;
                Ok(p)
            }
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("seek to {to:?} lands before the start of the plaintext"),
            )),
        }
    }

    fn stream_position(&mut self) -> io::Result<u64> {
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// Deterministic test data and offsets (SplitMix64).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn bytes(&mut self, n: usize) -> Vec<u8> {
            (0..n).map(|_| self.next() as u8).collect()
        }
    }

    fn key() -> WorkspaceKey {
        WorkspaceKey::from_bytes([7; 32])
    }

    fn encrypt(cipher: &MediaCipher, plain: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        assert_eq!(cipher.encrypt(plain, &mut out).unwrap(), plain.len() as u64);
        out
    }

    fn decrypt_all(key: &WorkspaceKey, enc: &[u8]) -> Result<Vec<u8>> {
        let mut r = DecryptingReader::new(Cursor::new(enc), key)?;
        let mut out = Vec::new();
        r.read_to_end(&mut out).map_err(|e| {
            if CryptError::from_io(&e).is_some() {
                *e.into_inner().unwrap().downcast::<CryptError>().unwrap()
            } else {
                CryptError::Io(e)
            }
        })?;
        assert_eq!(out.len() as u64, r.plaintext_len());
        Ok(out)
    }

    #[test]
    fn round_trips_at_chunk_boundaries() {
        let k = key();
        let cs = DEFAULT_CHUNK_SIZE as usize;
        let mut rng = Rng(1);
        for len in [0, 1, cs - 1, cs, cs + 1, 2 * cs, 3 * 1024 * 1024 + 17] {
            let plain = rng.bytes(len);
            let enc = encrypt(&MediaCipher::new(&k), &plain);
            let chunks = len.max(1).div_ceil(cs);
            assert_eq!(enc.len(), HEADER_LEN + len + chunks * TAG_LEN, "len {len}");
            assert_eq!(decrypt_all(&k, &enc).unwrap(), plain, "len {len}");
            assert!(is_encrypted_media(&enc[..]).unwrap());
        }
        assert!(!is_encrypted_media(&b"ID3\x04rest"[..]).unwrap());
    }

    #[test]
    fn encrypt_file_uses_default_chunks_and_fresh_salt() {
        let k = key();
        let plain = Rng(2).bytes(1000);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        assert_eq!(encrypt_file(&k, &plain[..], &mut a).unwrap(), 1000);
        encrypt_file(&k, &plain[..], &mut b).unwrap();
        assert_ne!(
            a, b,
            "two encryptions of one file must differ (random salt)"
        );
        let r = DecryptingReader::new(Cursor::new(&a), &k).unwrap();
        assert_eq!(r.chunk_size(), DEFAULT_CHUNK_SIZE);
        assert_eq!(r.plaintext_len(), 1000);
    }

    #[test]
    fn random_seeks_match_plaintext() {
        let k = key();
        let mut rng = Rng(3);
        let plain = rng.bytes(2 * 1024 * 1024 + 333);
        for cipher in [
            MediaCipher::new(&k),
            MediaCipher::new(&k).with_chunk_size(4096).unwrap(),
        ] {
            let enc = encrypt(&cipher, &plain);
            let mut r = cipher.decrypting_reader(Cursor::new(&enc)).unwrap();
            for _ in 0..500 {
                let at = rng.below(plain.len() as u64 + 10);
                let want = rng.below(200_000) as usize;
                let how = rng.below(3);
                let got_pos = match how {
                    0 => r.seek(SeekFrom::Start(at)).unwrap(),
                    1 => r
                        .seek(SeekFrom::End(at as i64 - plain.len() as i64))
                        .unwrap(),
                    _ => {
                        let cur = r.stream_position().unwrap() as i64;
                        r.seek(SeekFrom::Current(at as i64 - cur)).unwrap()
                    }
                };
                assert_eq!(got_pos, at);
                let mut buf = vec![0u8; want];
                let mut n = 0;
                while n < want {
                    match r.read(&mut buf[n..]).unwrap() {
                        0 => break,
                        k => n += k,
                    }
                }
                let start = (at as usize).min(plain.len());
                let end = (start + want).min(plain.len());
                assert_eq!(&buf[..n], &plain[start..end], "seek {at} read {want}");
            }
            assert!(r
                .seek(SeekFrom::Current(-(plain.len() as i64) - 1_000_000))
                .is_err());
        }
    }

    #[test]
    fn tampered_byte_names_its_chunk() {
        let k = key();
        let cipher = MediaCipher::new(&k).with_chunk_size(1024).unwrap();
        let plain = Rng(4).bytes(10_000);
        let enc = encrypt(&cipher, &plain);
        let stride = 1024 + TAG_LEN;
        // A byte of chunk 3's ciphertext, then of chunk 5's tag.
        for (pos, chunk) in [
            (HEADER_LEN + 3 * stride + 100, 3u64),
            (HEADER_LEN + 6 * stride - 1, 5),
        ] {
            let mut bad = enc.clone();
            bad[pos] ^= 0x40;
            let mut r = DecryptingReader::new(Cursor::new(&bad), &k).unwrap();
            let mut out = vec![0u8; 10];
            // Chunks before the damaged one read fine.
            r.read_exact(&mut out).unwrap();
            r.seek(SeekFrom::Start(chunk * 1024 + 5)).unwrap();
            let e = r.read(&mut out).unwrap_err();
            match CryptError::from_io(&e) {
                Some(CryptError::Tampered { chunk: c, offset }) => {
                    assert_eq!((*c, *offset), (chunk, chunk * 1024));
                    assert!(e.to_string().contains(&format!("chunk {chunk}")), "{e}");
                }
                other => panic!("want Tampered for chunk {chunk}, got {other:?} ({e})"),
            }
        }
        // A changed header byte (chunk size) fails every chunk: found at open.
        let mut bad = enc.clone();
        bad[13] = 0x08; // chunk size 1024 (00 04 00 00) -> 2048
        assert!(DecryptingReader::new(Cursor::new(&bad), &k).is_err());
        // A chunk swapped with another of the same file is refused.
        let mut swapped = enc.clone();
        let (c1, c2) = (HEADER_LEN + stride, HEADER_LEN + 2 * stride);
        let tmp: Vec<u8> = swapped[c1..c1 + stride].to_vec();
        swapped.copy_within(c2..c2 + stride, c1);
        swapped[c2..c2 + stride].copy_from_slice(&tmp);
        let e = decrypt_all(&k, &swapped).unwrap_err();
        assert!(matches!(e, CryptError::Tampered { chunk: 1, .. }), "{e:?}");
    }

    #[test]
    fn chunk_from_another_file_is_refused() {
        let k = key();
        let cipher = MediaCipher::new(&k).with_chunk_size(1024).unwrap();
        let plain = Rng(5).bytes(5000);
        let a = encrypt(&cipher, &plain);
        let mut b = encrypt(&cipher, &plain);
        let stride = 1024 + TAG_LEN;
        b[HEADER_LEN + stride..HEADER_LEN + 2 * stride]
            .copy_from_slice(&a[HEADER_LEN + stride..HEADER_LEN + 2 * stride]);
        let e = decrypt_all(&k, &b).unwrap_err();
        assert!(matches!(e, CryptError::Tampered { chunk: 1, .. }), "{e:?}");
    }

    #[test]
    fn truncation_is_detected() {
        let k = key();
        let cipher = MediaCipher::new(&k).with_chunk_size(1024).unwrap();
        let plain = Rng(6).bytes(5000);
        let enc = encrypt(&cipher, &plain);
        let stride = 1024 + TAG_LEN;
        // Cut at a chunk boundary: the remaining final chunk was sealed as not-last.
        for chunks_left in [1, 3, 4] {
            let cut = &enc[..HEADER_LEN + chunks_left * stride];
            let e = DecryptingReader::new(Cursor::new(cut), &k)
                .err()
                .expect("truncated file opened");
            assert!(
                matches!(e, CryptError::Truncated { .. }),
                "{chunks_left} chunks: {e:?}"
            );
            assert!(e.to_string().contains("truncated"), "{e}");
        }
        // Cut inside a tag, inside a chunk, inside the header, right after it.
        for cut_at in [
            HEADER_LEN + 2 * stride + 5,
            HEADER_LEN + 2 * stride + 500,
            40,
            HEADER_LEN,
        ] {
            let e = DecryptingReader::new(Cursor::new(&enc[..cut_at]), &k)
                .err()
                .expect("truncated file opened");
            assert!(
                matches!(
                    e,
                    CryptError::Truncated { .. } | CryptError::Tampered { .. }
                ),
                "cut at {cut_at}: {e:?}"
            );
        }
        // Data appended after the end is refused too.
        let mut longer = enc.clone();
        longer.extend_from_slice(&[0u8; 1040]);
        assert!(DecryptingReader::new(Cursor::new(&longer), &k).is_err());
    }

    #[test]
    fn wrong_key_and_foreign_files_are_refused() {
        let k = key();
        let enc = encrypt(&MediaCipher::new(&k), b"some audio");
        let other = WorkspaceKey::from_bytes([8; 32]);
        let e = DecryptingReader::new(Cursor::new(&enc), &other)
            .err()
            .unwrap();
        assert!(matches!(e, CryptError::WrongMediaKey), "{e:?}");
        assert!(e.to_string().contains("wrong key"), "{e}");

        let e = DecryptingReader::new(Cursor::new(b"RIFF....WAVEfmt plain audio"), &k)
            .err()
            .unwrap();
        assert!(matches!(e, CryptError::NotEncryptedMedia { .. }), "{e:?}");
        let e = DecryptingReader::new(Cursor::new(b""), &k).err().unwrap();
        assert!(matches!(e, CryptError::NotEncryptedMedia { .. }), "{e:?}");
        let mut newer = enc.clone();
        newer[8] = 9;
        let e = DecryptingReader::new(Cursor::new(&newer), &k)
            .err()
            .unwrap();
        assert!(
            matches!(
                e,
                CryptError::UnsupportedMediaVersion {
                    found: 9,
                    supported: 1
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn chunk_size_is_bounded() {
        let k = key();
        for bad in [0, 255, MAX_CHUNK_SIZE + 1] {
            let e = MediaCipher::new(&k).with_chunk_size(bad).unwrap_err();
            assert!(e.to_string().contains("chunk size"), "{e}");
        }
        MediaCipher::new(&k)
            .with_chunk_size(MIN_CHUNK_SIZE)
            .unwrap();
    }

    #[test]
    fn io_errors_of_the_source_pass_through() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::PermissionDenied, "no access"))
            }
        }
        let e = encrypt_file(&key(), Failing, Vec::new()).unwrap_err();
        assert!(
            matches!(&e, CryptError::Io(io) if io.kind() == io::ErrorKind::PermissionDenied),
            "{e:?}"
        );
    }
}

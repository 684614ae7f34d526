//! ChaCha20-Poly1305 STREAM (as in age): fixed-size chunks, nonce = prefix ‖ counter (u32 BE) ‖ last flag.
//!
//! The sealer and the opener each hold one chunk buffer, whatever the payload's size. The opener
//! releases a chunk's plaintext only after its tag verified.

use crate::error::{BackupError, damaged};
use crate::format::{Key, PREFIX_LEN, read_full};
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key as AeadKey, Nonce, Tag};
use std::io::{Read, Write};
use zeroize::Zeroizing;

/// Length of a Poly1305 tag.
pub(crate) const TAG_LEN: usize = 16;

fn nonce(prefix: &[u8; PREFIX_LEN], counter: u32, last: bool) -> Nonce {
    let mut n = [0u8; 12];
    n[..PREFIX_LEN].copy_from_slice(prefix);
    n[PREFIX_LEN..PREFIX_LEN + 4].copy_from_slice(&counter.to_be_bytes());
    n[11] = u8::from(last);
    Nonce::from(n)
}

/// Bytes on disk of a payload of `payload_len` bytes sealed in chunks of `chunk_size`; `None` if
/// such a payload cannot be sealed (more than 2³² chunks).
pub(crate) fn sealed_len(payload_len: u64, chunk_size: u32) -> Option<u64> {
    let cs = u64::from(chunk_size.max(1));
    let chunks = payload_len.div_ceil(cs).max(1);
    if chunks > u64::from(u32::MAX) + 1 {
        return None;
    }
    payload_len.checked_add(chunks * TAG_LEN as u64)
}

/// Seals a payload into chunks written to `W`.
pub(crate) struct Sealer<W: Write> {
    out: W,
    cipher: ChaCha20Poly1305,
    prefix: [u8; PREFIX_LEN],
    ad: [u8; 32],
    chunk_size: usize,
    buf: Zeroizing<Vec<u8>>,
    counter: u32,
    exhausted: bool,
}

impl<W: Write> std::fmt::Debug for Sealer<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer").finish_non_exhaustive()
    }
}

impl<W: Write> Sealer<W> {
    pub fn new(out: W, key: &Key, prefix: [u8; PREFIX_LEN], ad: [u8; 32], chunk_size: u32) -> Self {
        let chunk_size = chunk_size as usize;
        Sealer {
            out,
            cipher: ChaCha20Poly1305::new(AeadKey::from_slice(key.expose())),
            prefix,
            ad,
            chunk_size,
            buf: Zeroizing::new(Vec::with_capacity(chunk_size + TAG_LEN)),
            counter: 0,
            exhausted: false,
        }
    }

    /// Seals the buffered (non-final, hence full) chunk, making room for more.
    fn flush_full(&mut self) -> std::io::Result<()> {
        if self.buf.len() == self.chunk_size {
            self.seal(false)?;
        }
        Ok(())
    }

    fn seal(&mut self, last: bool) -> std::io::Result<()> {
        if self.exhausted {
            return Err(std::io::Error::other(
                "the payload is too large for this chunk size",
            ));
        }
        let tag = self
            .cipher
            .encrypt_in_place_detached(
                &nonce(&self.prefix, self.counter, last),
                &self.ad,
                &mut self.buf[..],
            )
            .map_err(|_| std::io::Error::other("sealing a chunk failed"))?;
        self.buf.extend_from_slice(&tag);
        // The buffer now holds ciphertext only (sealed in place): no need to wipe it before reuse.
        let written = self.out.write_all(&self.buf);
        self.buf.clear();
        written?;
        match self.counter.checked_add(1) {
            Some(c) => self.counter = c,
            None => self.exhausted = true,
        }
        Ok(())
    }

    /// Appends plaintext.
    pub fn write_all(&mut self, mut data: &[u8]) -> std::io::Result<()> {
        while !data.is_empty() {
            self.flush_full()?;
            let room = self.chunk_size - self.buf.len();
            let n = room.min(data.len());
            self.buf.extend_from_slice(&data[..n]);
            data = &data[n..];
        }
        Ok(())
    }

    /// Appends exactly `len` plaintext bytes read from `src`, straight into the chunk buffer
    /// (no second copy); `on_progress` gets the count copied so far.
    pub fn copy_from<R: Read>(
        &mut self,
        src: &mut R,
        len: u64,
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<(), BackupError> {
        let mut left = len;
        while left > 0 {
            self.flush_full()?;
            let start = self.buf.len();
            let room = (self.chunk_size - start) as u64;
            let n = room.min(left) as usize;
            self.buf.resize(start + n, 0);
            let got = read_full(src, &mut self.buf[start..])?;
            if got < n {
                self.buf.truncate(start + got);
                return Err(BackupError::Io(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the snapshot ended early",
                )));
            }
            left -= n as u64;
            on_progress(len - left);
        }
        Ok(())
    }

    /// Seals the final chunk and returns the writer (not flushed to disk: the caller syncs it).
    pub fn finish(mut self) -> std::io::Result<W> {
        self.seal(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Opens a sealed payload read from `R`, chunk by chunk, in order.
pub(crate) struct Opener<R: Read> {
    src: R,
    cipher: ChaCha20Poly1305,
    prefix: [u8; PREFIX_LEN],
    ad: [u8; 32],
    chunk_size: usize,
    payload_len: u64,
    /// Holds one sealed chunk; after authentication, `buf[pos..len]` is released plaintext.
    buf: Zeroizing<Vec<u8>>,
    pos: usize,
    len: usize,
    lookahead: Option<u8>,
    counter: u32,
    done: bool,
    opened: u64,
}

impl<R: Read> std::fmt::Debug for Opener<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opener")
            .field("counter", &self.counter)
            .finish_non_exhaustive()
    }
}

impl<R: Read> Opener<R> {
    pub fn new(
        src: R,
        key: &Key,
        prefix: [u8; PREFIX_LEN],
        ad: [u8; 32],
        chunk_size: u32,
        payload_len: u64,
    ) -> Self {
        let chunk_size = chunk_size as usize;
        Opener {
            src,
            cipher: ChaCha20Poly1305::new(AeadKey::from_slice(key.expose())),
            prefix,
            ad,
            chunk_size,
            payload_len,
            buf: Zeroizing::new(vec![0u8; chunk_size + TAG_LEN]),
            pos: 0,
            len: 0,
            lookahead: None,
            counter: 0,
            done: false,
            opened: 0,
        }
    }

    /// Plaintext bytes handed out so far: what was authenticated minus what still waits in the buffer.
    pub fn consumed(&self) -> u64 {
        self.opened - (self.len - self.pos) as u64
    }

    /// Reads and authenticates the next chunk. `Ok(false)` once the final chunk has been consumed.
    fn next_chunk(&mut self) -> Result<bool, BackupError> {
        if self.done {
            return Ok(false);
        }
        let want = self.chunk_size + TAG_LEN;
        let mut n = 0;
        if let Some(b) = self.lookahead.take() {
            self.buf[0] = b;
            n = 1;
        }
        n += read_full(&mut self.src, &mut self.buf[n..want])?;
        let mut one = [0u8; 1];
        let last = read_full(&mut self.src, &mut one)? == 0;
        if !last {
            self.lookahead = Some(one[0]);
        }
        let index = self.counter;
        if n < TAG_LEN || (!last && n != want) {
            return Err(damaged(format!(
                "the file is truncated (chunk {index} is incomplete)"
            )));
        }
        let ct_len = n - TAG_LEN;
        let tag = Tag::clone_from_slice(&self.buf[ct_len..n]);
        let opened = self.cipher.decrypt_in_place_detached(
            &nonce(&self.prefix, index, last),
            &self.ad,
            &mut self.buf[..ct_len],
            &tag,
        );
        if opened.is_err() {
            self.buf.iter_mut().for_each(|b| *b = 0);
            return Err(damaged(if last {
                format!(
                    "chunk {index} failed authentication (the file is truncated, has bytes appended, or was altered)"
                )
            } else {
                format!(
                    "chunk {index} failed authentication (chunks were altered, reordered, or taken from another backup)"
                )
            }));
        }
        if last && ct_len == 0 && index > 0 {
            return Err(damaged("the final chunk is empty (not a canonical backup)"));
        }
        self.opened += ct_len as u64;
        if self.opened > self.payload_len {
            return Err(damaged("the payload is longer than its header says"));
        }
        if last {
            self.done = true;
            if self.opened != self.payload_len {
                return Err(damaged("the payload is shorter than its header says"));
            }
        } else {
            self.counter = self
                .counter
                .checked_add(1)
                .ok_or_else(|| damaged("the file has more chunks than the format allows"))?;
        }
        self.pos = 0;
        self.len = ct_len;
        Ok(true)
    }

    /// Fills `out` with authenticated plaintext; `Damaged` if the payload ends first.
    pub fn read_exact(&mut self, out: &mut [u8]) -> Result<(), BackupError> {
        let mut filled = 0;
        while filled < out.len() {
            if self.pos == self.len && !self.next_chunk()? {
                return Err(damaged("the archive inside the backup is truncated"));
            }
            let n = (self.len - self.pos).min(out.len() - filled);
            out[filled..filled + n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            filled += n;
        }
        Ok(())
    }

    /// Copies `len` authenticated plaintext bytes to `dst`; `on_progress` gets the count so far.
    pub fn copy_to(
        &mut self,
        dst: &mut dyn Write,
        len: u64,
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<(), BackupError> {
        let mut left = len;
        while left > 0 {
            if self.pos == self.len && !self.next_chunk()? {
                return Err(damaged("the archive inside the backup is truncated"));
            }
            let n = ((self.len - self.pos) as u64).min(left) as usize;
            dst.write_all(&self.buf[self.pos..self.pos + n])?;
            self.pos += n;
            left -= n as u64;
            on_progress(len - left);
        }
        Ok(())
    }

    /// Appends all remaining authenticated plaintext to `out` (test and fuzz use: memory grows with it).
    #[cfg(feature = "test-support")]
    pub fn read_rest(&mut self, out: &mut Vec<u8>) -> Result<(), BackupError> {
        loop {
            out.extend_from_slice(&self.buf[self.pos..self.len]);
            self.pos = self.len;
            if !self.next_chunk()? {
                return Ok(());
            }
        }
    }

    /// Checks that the payload ends here: no plaintext left and the final chunk consumed (and
    /// therefore nothing after it in the file).
    pub fn finish(mut self) -> Result<u64, BackupError> {
        if self.pos != self.len {
            return Err(damaged("there is data after the end of the archive"));
        }
        while self.next_chunk()? {
            if self.len > 0 {
                return Err(damaged("there is data after the end of the archive"));
            }
        }
        Ok(self.opened)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use sigilo_vault::Secret;

    fn seal(payload: &[u8], cs: u32) -> Vec<u8> {
        let key = Secret::new([3u8; 32]);
        let mut s = Sealer::new(Vec::new(), &key, [1; PREFIX_LEN], [2; 32], cs);
        // Feed in odd pieces to exercise buffering.
        for piece in payload.chunks(777) {
            s.write_all(piece).unwrap();
        }
        s.finish().unwrap()
    }

    fn open(file: &[u8], cs: u32, len: u64) -> Result<Vec<u8>, BackupError> {
        let key = Secret::new([3u8; 32]);
        let mut o = Opener::new(file, &key, [1; PREFIX_LEN], [2; 32], cs, len);
        let mut out = vec![0u8; len as usize];
        o.read_exact(&mut out)?;
        o.finish()?;
        Ok(out)
    }

    #[test]
    fn sizes_round_trip_and_lengths_are_as_documented() {
        let cs = 4096u32;
        for len in [0usize, 1, 4095, 4096, 4097, 8192, 3 * 4096 + 5] {
            let p: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let f = seal(&p, cs);
            assert_eq!(
                Some(f.len() as u64),
                sealed_len(len as u64, cs),
                "len {len}"
            );
            assert_eq!(open(&f, cs, len as u64).unwrap(), p);
        }
    }
}

#[cfg(test)]
mod speed {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]
    use super::*;
    use sigilo_vault::Secret;
    use std::time::Instant;

    /// Sealing through `Sealer` against raw ChaCha20-Poly1305 on the same data (release builds:
    /// `cargo test --release -p sigilo-backup --lib -- --ignored --nocapture speed`).
    #[test]
    #[ignore = "a measurement, not a check"]
    fn sealer_against_raw_aead() {
        let key = Secret::new([5u8; 32]);
        let cs = 1024 * 1024;
        let data = vec![0xA5u8; 64 * cs];
        let cipher = ChaCha20Poly1305::new(AeadKey::from_slice(key.expose()));
        let mut buf = vec![0u8; cs];
        let mut raw = 0.0;
        for _warm_up_then_measure in 0..2 {
            let t = Instant::now();
            for (i, c) in data.chunks(cs).enumerate() {
                buf.copy_from_slice(c);
                let _ = cipher
                    .encrypt_in_place_detached(&nonce(&[0; 7], i as u32, false), b"", &mut buf)
                    .unwrap();
            }
            raw = data.len() as f64 / t.elapsed().as_secs_f64() / 1e6;
        }
        let t = Instant::now();
        let mut s = Sealer::new(std::io::sink(), &key, [0; 7], [0; 32], cs as u32);
        s.copy_from(&mut &data[..], data.len() as u64, &mut |_| {})
            .unwrap();
        s.finish().unwrap();
        let sealed = data.len() as f64 / t.elapsed().as_secs_f64() / 1e6;
        println!(
            "raw AEAD {raw:.0} MB/s, sealer {sealed:.0} MB/s, ratio {:.2}",
            sealed / raw
        );
    }
}

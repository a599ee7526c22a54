//! A fast hash for the builder's maps: keys are case and report ids and short terms, none chosen
//! by an attacker, so the standard library's DoS-resistant hash would only cost time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc (FxHash), eight bytes at a time.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keep_ids_and_byte_keys_apart() {
        let mut map: FastMap<u64, u32> = FastMap::default();
        for id in 0..10_000u64 {
            map.insert(id * 100 + 1, id as u32);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get(&(4242 * 100 + 1)), Some(&4242));
        assert_eq!(map.get(&4242), None);

        let mut set: FastSet<Box<[u8]>> = FastSet::default();
        set.insert(b"depression".to_vec().into_boxed_slice());
        set.insert(b"depressed mood".to_vec().into_boxed_slice());
        assert!(set.contains(&b"depression"[..]));
        assert!(!set.contains(&b"depressio"[..]));
        assert!(!set.contains(&b"depression\0"[..]));
    }
}

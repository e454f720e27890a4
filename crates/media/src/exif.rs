//! Just enough TIFF/EXIF to read the Orientation tag and the presence of a GPS IFD, and to
//! write a minimal EXIF block that holds Orientation and nothing else.

use crate::{be16, be32, le16, le32};

const TAG_ORIENTATION: u16 = 0x0112;
const TAG_GPS_IFD: u16 = 0x8825;
const TYPE_SHORT: u16 = 3;

/// The TIFF header at the start of an EXIF payload ("Exif\0\0" already skipped).
struct Tiff<'a> {
    b: &'a [u8],
    little: bool,
}

impl<'a> Tiff<'a> {
    fn parse(b: &'a [u8]) -> Option<Tiff<'a>> {
        let little = match b.get(..4)? {
            b"II*\0" => true,
            b"MM\0*" => false,
            _ => return None,
        };
        Some(Tiff { b, little })
    }

    fn u16(&self, at: usize) -> Option<u16> {
        if self.little {
            le16(self.b, at)
        } else {
            be16(self.b, at)
        }
    }

    fn u32(&self, at: usize) -> Option<u32> {
        if self.little {
            le32(self.b, at)
        } else {
            be32(self.b, at)
        }
    }

    /// IFD0's entries as (tag, type, offset of the entry).
    fn ifd0(&self) -> impl Iterator<Item = (u16, u16, usize)> + '_ {
        let start = self.u32(4).map(|o| o as usize);
        let count = start.and_then(|s| self.u16(s)).unwrap_or(0) as usize;
        (0..count).map_while(move |i| {
            let at = start? + 2 + i * 12;
            Some((self.u16(at)?, self.u16(at + 2)?, at))
        })
    }
}

/// The Orientation tag of IFD0, if present and valid (1..=8).
pub(crate) fn orientation(tiff: &[u8]) -> Option<u16> {
    let t = Tiff::parse(tiff)?;
    let (_, ty, at) = t.ifd0().find(|&(tag, _, _)| tag == TAG_ORIENTATION)?;
    if ty != TYPE_SHORT {
        return None;
    }
    // A single SHORT sits left-justified in the entry's 4-byte value field.
    let v = t.u16(at + 8)?;
    (1..=8).contains(&v).then_some(v)
}

/// The audit label for an EXIF payload: says so when it held a GPS IFD, which is what makes
/// EXIF dangerous for patients (it locates the home or the ward).
pub(crate) fn label(tiff: &[u8]) -> &'static str {
    let gps = Tiff::parse(tiff).is_some_and(|t| t.ifd0().any(|(tag, _, _)| tag == TAG_GPS_IFD));
    if gps {
        "EXIF (including GPS)"
    } else {
        "EXIF"
    }
}

/// A complete big-endian TIFF structure with one IFD holding only Orientation.
pub(crate) fn minimal_tiff(orientation: u16) -> Vec<u8> {
    let mut t = Vec::with_capacity(26);
    t.extend_from_slice(b"MM\0*");
    t.extend_from_slice(&8u32.to_be_bytes()); // IFD0 right after the header
    t.extend_from_slice(&1u16.to_be_bytes()); // one entry
    t.extend_from_slice(&TAG_ORIENTATION.to_be_bytes());
    t.extend_from_slice(&TYPE_SHORT.to_be_bytes());
    t.extend_from_slice(&1u32.to_be_bytes()); // count
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]); // value field padding
    t.extend_from_slice(&0u32.to_be_bytes()); // no next IFD (so no thumbnail)
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_tiff_round_trips() {
        for o in 1..=8 {
            let t = minimal_tiff(o);
            assert_eq!(orientation(&t), Some(o));
            assert_eq!(label(&t), "EXIF");
        }
    }

    #[test]
    fn little_endian_and_garbage() {
        let mut t = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
        assert_eq!(orientation(&t), Some(6));
        t[18] = 9; // out of range
        assert_eq!(orientation(&t), None);
        assert_eq!(orientation(b"II*\0\xff\xff\xff\xff"), None);
        assert_eq!(orientation(b""), None);
    }
}

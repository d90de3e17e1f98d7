//! nomo's process allocator: the system allocator for ordinary blocks, and 2 MiB-aligned
//! anonymous mappings on transparent huge pages for large ones. The `nomo` binary installs it
//! (`#[global_allocator]`), and so does the ROC benchmark's in-process timing
//! (`nomo-roc`'s `sort_vs_delong` example), so that it measures memory as `nomo` gets it.
//!
//! A million-row analysis touches a few hundred megabytes of fresh buffers (the file, its
//! columns, sort buffers). Each 4 KiB page costs a page fault on first touch, and in a virtual
//! machine a fault costs microseconds: on `nomo roc` over 1e6 rows the faults were a third of the
//! run. Linux backs a range with 2 MiB pages when asked (`madvise(MADV_HUGEPAGE)`; `madvise` is
//! the usual setting of `/sys/kernel/mm/transparent_hugepage/enabled`), one fault per 2 MiB, but
//! only over whole 2 MiB-aligned pages, and the system allocator's large blocks start 16 bytes
//! into a 4 KiB-aligned mapping. So a block of at least [`LARGE`] bytes is mapped here directly:
//! its length rounded up to whole huge pages, its start aligned to 2 MiB (a mapping one huge page
//! longer, trimmed at both ends), and advised. A reallocation within the same mapped length stays
//! in place. Everything else goes to [`System`].
//!
//! Costs, accepted: a block takes up to 2 MiB more than asked (its length rounded up); and freed
//! blocks are unmapped, not reused, so code that allocates and frees large blocks in a loop pays
//! a fresh mapping and its zeroing each time where glibc would reuse its heap (a review measured
//! 2.5–4x on an allocate-and-free loop of 4 MB vectors with no work between). nomo's large
//! buffers are mostly made once per run; a cache of freed blocks gave `nomo roc` nothing
//! measurable. The advice is a hint: a kernel that ignores it still gives zeroed memory of the
//! same layout. On systems other than Linux this is the plain system allocator.

use std::alloc::{GlobalAlloc, Layout, System};

/// [`System`] with large blocks on huge pages (see the module docs).
pub struct HugePages;

#[cfg(target_os = "linux")]
mod large {
    /// The huge-page size: alignment and length unit of a large block.
    pub const PAGE_2M: usize = 2 << 20;
    /// Blocks at least this large are mapped on huge pages.
    pub const LARGE: usize = PAGE_2M;

    /// `true` when a block of this layout is a large one (both allocation and release decide by
    /// the layout alone, so they always agree).
    pub fn is_large(size: usize, align: usize) -> bool {
        size >= LARGE && align <= PAGE_2M
    }

    /// The mapped length of a large block.
    pub fn mapped(size: usize) -> usize {
        size.next_multiple_of(PAGE_2M)
    }

    /// Maps a zeroed, 2 MiB-aligned block of `size` bytes advised onto huge pages; null when
    /// the system refuses the mapping.
    pub fn map(size: usize) -> *mut u8 {
        let len = mapped(size);
        let Some(total) = len.checked_add(PAGE_2M) else {
            return std::ptr::null_mut();
        };
        // SAFETY: an anonymous private mapping at an address the kernel chooses; no existing
        // memory is touched.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                total,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return std::ptr::null_mut();
        }
        let raw = raw as usize;
        let start = raw.next_multiple_of(PAGE_2M);
        let end = start + len;
        // SAFETY: the head [raw, start) and the tail [end, raw + total) are page-aligned parts of
        // the mapping just made, outside the block returned; unmapping them releases nothing else.
        unsafe {
            if start > raw {
                libc::munmap(raw as *mut libc::c_void, start - raw);
            }
            if raw + total > end {
                libc::munmap(end as *mut libc::c_void, raw + total - end);
            }
            libc::madvise(start as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
        start as *mut u8
    }

    /// Unmaps a block made by [`map`] with the same `size`.
    ///
    /// # Safety
    /// `ptr` must come from `map(size)` and not be used afterwards.
    pub unsafe fn unmap(ptr: *mut u8, size: usize) {
        // SAFETY: per the contract, [ptr, ptr + mapped(size)) is exactly one block from `map`.
        unsafe {
            libc::munmap(ptr.cast(), mapped(size));
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod large {
    pub fn is_large(_size: usize, _align: usize) -> bool {
        false
    }
    pub fn map(_size: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub unsafe fn unmap(_ptr: *mut u8, _size: usize) {}
    pub fn mapped(size: usize) -> usize {
        size
    }
}

// SAFETY: ordinary blocks are `System`'s, which upholds the `GlobalAlloc` contract; large blocks
// are fresh private mappings of at least the requested size, aligned to 2 MiB (which satisfies
// any alignment `is_large` admits), zeroed by the kernel, and released exactly once by `dealloc`,
// which recognises them by the same layout test.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if large::is_large(layout.size(), layout.align()) {
            return large::map(layout.size());
        }
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if large::is_large(layout.size(), layout.align()) {
            // anonymous mappings are zeroed
            return large::map(layout.size());
        }
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if large::is_large(layout.size(), layout.align()) {
            // SAFETY: a large layout means `ptr` came from `large::map` with this size.
            return unsafe { large::unmap(ptr, layout.size()) };
        }
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_large = large::is_large(layout.size(), layout.align());
        let new_large = large::is_large(new_size, layout.align());
        if !old_large && !new_large {
            // SAFETY: forwarded with the caller's pointer, layout and size.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        if old_large && new_large && large::mapped(layout.size()) == large::mapped(new_size) {
            // the mapping already holds the new size, and `dealloc` will unmap the same length
            return ptr;
        }
        // SAFETY: the caller guarantees `new_size`, rounded up to the alignment, fits `isize`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a non-zero size (at least one side is large, the other was a valid block).
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are valid for the smaller size and do not overlap; the old one
            // is released once, with its own layout.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    /// Allocates through [`HugePages`], checks zeroing and alignment, grows and shrinks across
    /// the large-block threshold (contents kept) and frees.
    #[test]
    fn large_blocks_are_aligned_zeroed_and_keep_their_contents() {
        let a = HugePages;
        let layout = Layout::from_size_align(3 * MIB, 8).expect("layout");
        // SAFETY: a valid non-zero layout; every block is freed once with its current layout.
        unsafe {
            let p = a.alloc_zeroed(layout);
            assert!(!p.is_null());
            if cfg!(target_os = "linux") {
                assert_eq!(p as usize % (2 * MIB), 0, "2 MiB-aligned");
            }
            assert!((0..layout.size()).step_by(4096).all(|i| *p.add(i) == 0));
            for i in 0..1000 {
                *p.add(i) = (i % 251) as u8;
            }
            // within the same mapped length: in place
            let q = a.realloc(p, layout, 3 * MIB + 100);
            assert_eq!(q, p);
            let layout = Layout::from_size_align(3 * MIB + 100, 8).expect("layout");
            // larger mapping, then small, then large again
            let r = a.realloc(q, layout, 9 * MIB);
            let layout = Layout::from_size_align(9 * MIB, 8).expect("layout");
            let s = a.realloc(r, layout, 1000);
            let layout = Layout::from_size_align(1000, 8).expect("layout");
            assert!((0..1000).all(|i| *s.add(i) == (i % 251) as u8));
            let t = a.realloc(s, layout, 5 * MIB);
            assert!((0..1000).all(|i| *t.add(i) == (i % 251) as u8));
            a.dealloc(t, Layout::from_size_align(5 * MIB, 8).expect("layout"));
        }
    }
}

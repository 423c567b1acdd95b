//! Tree-sitter's grammars for TypeScript, TSX, JavaScript and Python, a parser per
//! thread and language, and field ids by name.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use tree_sitter::{Language, Parser, Tree};

use super::Lang;

/// The tree-sitter grammar of a language, if it has one.
pub fn language(lang: Lang) -> Option<Language> {
    Some(match lang {
        Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        Lang::Python => tree_sitter_python::LANGUAGE.into(),
        _ => return None,
    })
}

/// Makes tree-sitter allocate with mimalloc, the allocator the `shipsafe` binary gives
/// Rust: trees are most of a scan's allocations, and glibc's allocator, shared by the
/// worker threads, spends more time on them than mimalloc does (about 4% of a scan).
///
/// # Safety
///
/// Call it before any parser, query or tree exists (first thing in `main`) and only
/// once: memory tree-sitter allocated with one allocator must not be freed by the other.
pub unsafe fn allocate_with_mimalloc() {
    // SAFETY: the caller guarantees that tree-sitter holds no memory yet; mimalloc's
    // functions have the C signatures tree-sitter asks for
    unsafe {
        tree_sitter::set_allocator(
            Some(libmimalloc_sys::mi_malloc),
            Some(libmimalloc_sys::mi_calloc),
            Some(libmimalloc_sys::mi_realloc),
            Some(libmimalloc_sys::mi_free),
        );
    }
}

thread_local! {
    static PARSERS: RefCell<HashMap<Lang, Parser>> = RefCell::new(HashMap::new());
}

/// Parses a file with a parser kept per thread and language.
pub fn parse(lang: Lang, text: &str) -> Result<Tree, String> {
    let grammar = language(lang).ok_or_else(|| format!("no tree-sitter grammar for {lang}"))?;
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let parser = match parsers.entry(lang) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let mut p = Parser::new();
                p.set_language(&grammar)
                    .map_err(|e| format!("cannot load the {lang} grammar: {e}"))?;
                v.insert(p)
            }
        };
        parser
            .parse(text, None)
            .ok_or_else(|| "the parser gave up on this file".to_string())
    })
}

/// Slots of the per-thread field id cache (a power of two).
const FIELD_SLOTS: usize = 512;

/// One cached lookup: grammar address, name address, name length, field id (0: the
/// grammar has no such field). Names are `&'static str`s, so their address names them.
type FieldSlot = (usize, usize, usize, u16);

thread_local! {
    /// A direct-mapped cache: each (grammar, name) has one slot, and a collision only
    /// costs a lookup by name. There are a few grammars and a few hundred field names in
    /// the code, so nearly every lookup is a hit.
    static FIELD_IDS: [Cell<FieldSlot>; FIELD_SLOTS] =
        const { [const { Cell::new((0, 0, 0, 0)) }; FIELD_SLOTS] };
}

/// A field's id by name in a grammar, cached per thread: tree-sitter finds it by
/// comparing the name with every field name of the grammar (`strncmp` in a loop).
/// `key` names the grammar (the address of a value that lives as long as it).
pub fn field_id(grammar: &Language, key: usize, name: &'static str) -> Option<u16> {
    let (ptr, len) = (name.as_ptr() as usize, name.len());
    // Fibonacci hashing: the product's high bits mix every bit of the key
    let hash = (ptr as u64) ^ ((key as u64) << 7) ^ ((len as u64) << 17);
    let slot =
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FIELD_SLOTS.trailing_zeros())) as usize;
    let id = FIELD_IDS.with(|cells| {
        let cached = cells[slot].get();
        if cached.0 == key && cached.1 == ptr && cached.2 == len {
            return cached.3;
        }
        let id = grammar.field_id_for_name(name).map_or(0, |id| id.get());
        cells[slot].set((key, ptr, len, id));
        id
    });
    (id != 0).then_some(id)
}

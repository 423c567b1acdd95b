// The flat node table of `syntax.rs`, filled in one walk over tree-sitter's subtrees.
//
// Tree-sitter's public cursor climbs in and out of hidden nodes on every step, looks
// up aliases and field maps again for each node, and scans a node's remaining siblings
// twice when it leaves it; building the table through it cost about a fifth of the
// parse. This walk reads the same subtrees once, with the same rules the cursor applies
// (tree_cursor.c and node.c of the tree-sitter version the crate is built with): a child
// is visible if its symbol is or an alias makes it so, hidden nodes pass their visible
// children up, a field comes from the parent's field map or from a hidden ancestor's,
// and an extra node has no alias and no field. `syntax.rs` checks the result against
// the cursor's walk in its tests, and falls back to the cursor if this walk does not
// fill exactly the number of nodes tree-sitter counts.

#include <stdint.h>
#include <stdlib.h>

#include "tree_sitter/api.h"
#include "language.h"
#include "subtree.h"
#include "tree.h"

// Must match `Data` in syntax.rs (repr(C)).
typedef struct {
  uint16_t kind;
  uint16_t field;
  uint8_t flags;
  uint32_t start;
  uint32_t end;
  uint32_t parent;
  uint32_t last;
} ShipsafeNode;

enum { NAMED = 1, EXTRA = 2, MISSING = 4, HAS_ERROR = 8 };
#define NONE UINT32_MAX

// A subtree whose children are being visited.
typedef struct {
  Subtree subtree;
  uint32_t child_index;
  uint32_t structural_child_index;
  uint32_t position;  // bytes: where the next child starts
  const TSSymbol *alias_sequence;
  uint32_t visible_parent;  // the table index of the node the children belong to
  uint16_t field;           // a hidden subtree's own field, inherited by its children
  uint8_t visible;          // the subtree is a node of the table (else hidden)
} Frame;

static uint16_t field_of(const TSLanguage *lang, const Frame *parent, uint32_t structural_index) {
  const TSFieldMapEntry *map, *end;
  ts_language_field_map(lang, parent->subtree.ptr->production_id, &map, &end);
  for (; map < end; map++) {
    if (!map->inherited && map->child_index == structural_index) return map->field_id;
  }
  // a hidden parent passes on the field it fills itself
  return parent->visible ? 0 : parent->field;
}

// Fills `out` (room for `capacity` nodes) with the visible nodes of the tree whose root
// node is `root`, in pre-order; returns the number of nodes, or UINT32_MAX if they do
// not fit or memory runs out.
uint32_t shipsafe_flatten(TSNode root, ShipsafeNode *out, uint32_t capacity) {
  const TSTree *tree = root.tree;
  const TSLanguage *lang = tree->language;
  Subtree top = *(const Subtree *)root.id;
  if (capacity == 0) return UINT32_MAX;
  uint32_t start = ts_node_start_byte(root);
  uint8_t flags = 0;
  if (ts_subtree_named(top)) flags |= NAMED;
  if (ts_subtree_extra(top)) flags |= EXTRA;
  if (ts_subtree_missing(top)) flags |= MISSING;
  if (ts_subtree_error_cost(top) > 0) flags |= HAS_ERROR;
  out[0] = (ShipsafeNode){
    .kind = ts_language_public_symbol(lang, ts_subtree_symbol(top)),
    .field = 0,
    .flags = flags,
    .start = start,
    .end = start + ts_subtree_size(top).bytes,
    .parent = NONE,
    .last = 0,
  };
  uint32_t len = 1;
  if (ts_subtree_child_count(top) == 0) return len;

  uint32_t depth = 0, room = 64;
  Frame *stack = malloc(room * sizeof(Frame));
  if (!stack) return UINT32_MAX;
  stack[0] = (Frame){
    .subtree = top,
    .position = start,
    .alias_sequence = ts_language_alias_sequence(lang, top.ptr->production_id),
    .visible_parent = 0,
    .visible = 1,
  };
  depth = 1;
  while (depth > 0) {
    Frame *f = &stack[depth - 1];
    if (f->child_index == f->subtree.ptr->child_count) {
      if (f->visible) out[f->visible_parent].last = len - 1;
      depth--;
      continue;
    }
    const Subtree *children = ts_subtree_children(f->subtree);
    Subtree child = children[f->child_index];
    uint32_t structural_index = f->structural_child_index;
    uint32_t position = f->position;
    bool extra = ts_subtree_extra(child);
    TSSymbol alias = 0;
    if (!extra) {
      if (f->alias_sequence) alias = f->alias_sequence[structural_index];
      f->structural_child_index++;
    }
    f->position += ts_subtree_size(child).bytes;
    f->child_index++;
    if (f->child_index < f->subtree.ptr->child_count) {
      f->position += ts_subtree_padding(children[f->child_index]).bytes;
    }
    bool visible = ts_subtree_visible(child) || alias;
    uint32_t count = ts_subtree_child_count(child);
    if (!visible && (count == 0 || ts_subtree_visible_child_count(child) == 0)) continue;
    uint16_t field = extra ? 0 : field_of(lang, f, structural_index);
    uint32_t parent = f->visible_parent;
    uint32_t index = NONE;
    if (visible) {
      if (len == capacity) {
        free(stack);
        return UINT32_MAX;
      }
      uint8_t node_flags = 0;
      if (alias ? ts_language_symbol_metadata(lang, alias).named : ts_subtree_named(child)) {
        node_flags |= NAMED;
      }
      if (extra) node_flags |= EXTRA;
      if (ts_subtree_missing(child)) node_flags |= MISSING;
      if (ts_subtree_error_cost(child) > 0) node_flags |= HAS_ERROR;
      index = len++;
      out[index] = (ShipsafeNode){
        .kind = ts_language_public_symbol(lang, alias ? alias : ts_subtree_symbol(child)),
        .field = field,
        .flags = node_flags,
        .start = position,
        .end = position + ts_subtree_size(child).bytes,
        .parent = parent,
        .last = index,
      };
    }
    if (count == 0) continue;
    if (depth == room) {
      room *= 2;
      Frame *grown = realloc(stack, room * sizeof(Frame));
      if (!grown) {
        free(stack);
        return UINT32_MAX;
      }
      stack = grown;
    }
    stack[depth++] = (Frame){
      .subtree = child,
      .position = position,
      .alias_sequence = ts_language_alias_sequence(lang, child.ptr->production_id),
      .visible_parent = visible ? index : parent,
      .field = field,
      .visible = visible,
    };
  }
  free(stack);
  return len;
}

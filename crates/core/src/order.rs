//! Stable orders by an integer key, through one unstable sort of `(key, index)` pairs.
//!
//! Several places need items in key order with ties in their original order (diagnostics by line,
//! turns by start). The standard library's stable sort would do, but it is compiled anew for each
//! element type and key, a few KB of the browser build each time; this is one sort, compiled once.

/// The indices of `keys` in order of key, equal keys in the order they come.
pub fn stable_order(keys: impl IntoIterator<Item = u64>) -> Vec<u32> {
    let mut pairs: Vec<(u64, u32)> = keys.into_iter().zip(0u32..).collect();
    // Each index is unique, so there are no ties for an unstable sort to reorder.
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, index)| index).collect()
}

/// `keys` in order, each once: the same compiled sort as [`stable_order`]'s (its pairs' second
/// halves all equal), rather than another copy of the standard library's for `u64`.
pub fn sorted_unique(keys: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut pairs: Vec<(u64, u32)> = keys.into_iter().map(|key| (key, 0)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs.into_iter().map(|(key, _)| key).collect()
}

/// Reorders `items` stably by `key`.
pub fn sort_stably_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let order = stable_order(items.iter().map(key));
    if order.iter().zip(0u32..).all(|(&at, i)| at == i) {
        return;
    }
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at as usize].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_their_order() {
        assert_eq!(stable_order([3, 1, 3, 0, 1]), [3, 1, 4, 0, 2]);
        let mut items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_stably_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sorted_unique_keeps_each_key_once_in_order() {
        assert_eq!(sorted_unique([5, 1, 5, 0, 1, 9]), [0, 1, 5, 9]);
        assert!(sorted_unique([]).is_empty());
    }
}

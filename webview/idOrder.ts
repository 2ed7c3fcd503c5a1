// Binary search in a list of events kept in id order (the panel store's, the filter's matches).

interface HasId {
  readonly id: number;
}

/**
 * The first index from `start` whose event's id is `id` or beyond it in the list's order (ascending,
 * or descending with `newestFirst`); `events.length` when there is none.
 */
export function firstIndexFrom(events: readonly HasId[], id: number, start = 0, newestFirst = false): number {
  let low = start;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = events[middle].id;
    if (newestFirst ? candidate > id : candidate < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the event with this id from `start` on, or -1. */
export function indexOfId(events: readonly HasId[], id: number, start = 0, newestFirst = false): number {
  const index = firstIndexFrom(events, id, start, newestFirst);
  return index < events.length && events[index].id === id ? index : -1;
}

// Which part of a session id tells it apart from the others shown: ids share a prefix (`c-`,
// `conn-`), and a narrow panel shows each id from where the shown ones start to differ.

const SEPARATORS = new Set(['-', '_', ':', '.', '/']);

/** The index where the distinguishing part of these ids begins, always at a separator's end. */
export function distinguishingStart(ids: readonly string[]): number {
  if (ids.length === 0) return 0;
  let shared: string;
  if (ids.length === 1) {
    // a lone id: only its leading word (the kind of id) is shared with whatever comes next
    const [id] = ids;
    const first = [...id].findIndex((char) => SEPARATORS.has(char));
    shared = first >= 0 ? id.slice(0, first + 1) : '';
  } else {
    shared = ids[0];
    for (const id of ids) {
      let length = 0;
      while (length < shared.length && length < id.length && shared[length] === id[length]) length++;
      shared = shared.slice(0, length);
    }
  }
  for (let index = shared.length - 1; index >= 0; index--) {
    // never the whole of an id: one that is a prefix of another keeps its last word
    if (SEPARATORS.has(shared[index]) && ids.every((id) => id.length > index + 1)) return index + 1;
  }
  return 0;
}

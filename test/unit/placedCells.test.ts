import { strict as assert } from 'node:assert';
import { placedCellRules } from '../../webview/placedCells';

describe('placedCellRules', () => {
  it('places each cell after the tracks and gaps before it; the flexible one takes what the rest leave, never under its minimum', () => {
    const rules = placedCellRules('.log .row', [
      { key: 'time', track: '11ch' }, { key: 'what', track: 'minmax(8ch, 1fr)' }, { key: 'total', track: '8ch' }, { key: 'status', track: '3ch' },
    ], 'var(--gap)');
    const flexible = 'max(8ch, 100% - 2 * var(--gap) - 11ch - 8ch - 3ch - 3 * var(--gap))';
    assert.equal(rules, [
      '.log .row > .col-time { display: block; left: calc(var(--gap)); width: 11ch; }',
      `.log .row > .col-what { display: block; left: calc(var(--gap) + 11ch + var(--gap)); width: ${flexible}; }`,
      `.log .row > .col-total { display: block; left: calc(var(--gap) + 11ch + var(--gap) + ${flexible} + var(--gap)); width: 8ch; }`,
      `.log .row > .col-status { display: block; left: calc(var(--gap) + 11ch + var(--gap) + ${flexible} + var(--gap) + 8ch + var(--gap)); width: 3ch; }`,
    ].join('\n'));
  });

  it('leaves tracks with two flexible ones to the grid', () => {
    assert.equal(placedCellRules('.row', [{ key: 'a', track: 'minmax(8ch, 1.2fr)' }, { key: 'b', track: 'minmax(8ch, 0.8fr)' }], '8px'), undefined);
  });
});

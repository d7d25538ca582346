// The text edits behind the suppression quick fixes.
import * as assert from 'node:assert/strict';
import { disableFileEdit, disableNextLineEdit, removeCommentEdit } from '../../server/src/engine/suppression-edits';

describe('suppression edits', () => {
  it('inserts a next-line directive at the flagged line indentation', () => {
    assert.deepEqual(disableNextLineEdit('func f() {\n\t  call()\n}', 1, 'nw-x'), {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '\t  // netadvisor-disable-next-line nw-x -- \n',
    });
  });

  it('extends a directive already on the line above instead of stacking another', () => {
    assert.deepEqual(disableNextLineEdit('  // netadvisor-disable-next-line a-rule -- why\n  call()', 1, 'b-rule'), {
      range: { start: { line: 0, character: 40 }, end: { line: 0, character: 40 } },
      newText: ', b-rule',
    });
  });

  it('keeps the file line endings', () => {
    assert.equal(disableNextLineEdit('a\r\nb', 1, 'r').newText, '// netadvisor-disable-next-line r -- \r\n');
    assert.equal(disableFileEdit('a\r\nb', 'r').newText, '/* netadvisor-disable-file r */\r\n');
  });

  it('removes a directive line entirely, or only a trailing comment', () => {
    const whole = 'x\n  // netadvisor-disable-next-line r\ny';
    assert.deepEqual(removeCommentEdit(whole, 4, whole.indexOf('\ny')), {
      range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '',
    });
    const trailing = 'call() // netadvisor-disable-line r';
    assert.deepEqual(removeCommentEdit(trailing, 7, trailing.length), {
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: trailing.length } }, newText: '',
    });
  });
});

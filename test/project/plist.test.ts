// Property lists: XML with exact positions (and clear errors for malformed files), binary through bplist-parser,
// and the text edits the quick fixes make.
import * as assert from 'node:assert/strict';
import { readPlistBytes, readPlistText, plainValue } from '../../server/src/engine/project/plist';
import { parseXmlPlist } from '../../server/src/engine/project/plist-xml';
import type { PlistDict, PlistDocument } from '../../server/src/rules/project-file-rule';
import { addArrayItemEdit, addDictEntryEdit, applyEdits, dictEntry, removeEntryEdit } from '../../server/src/rules/syntax/plist';
import { writeBinaryPlist } from '../helpers/bplist-writer';

const INFO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<!-- a comment between entries -->
	<key>CFBundleName</key>
	<string>Caf&#233; &amp; Bar</string>
	<key>NSBonjourServices</key>
	<array>
		<string>_printer._tcp</string>
	</array>
	<key>Count</key>
	<integer>-42</integer>
	<key>Ratio</key>
	<real>0.5</real>
	<key>Flag</key>
	<true/>
	<key>Empty</key>
	<string/>
	<key>Raw</key>
	<string><![CDATA[<not a tag>]]></string>
</dict>
</plist>
`;

function doc(text: string, file = '/p/Info.plist'): PlistDocument {
  const read = readPlistText(file, text);
  assert.ok(read.ok, read.ok ? '' : read.message);
  return read.document;
}

describe('XML property lists', () => {
  it('reads every value type, entities and CDATA', () => {
    assert.deepEqual(plainValue(doc(INFO).root), {
      CFBundleName: 'Café & Bar', NSBonjourServices: ['_printer._tcp'], Count: -42, Ratio: 0.5, Flag: true, Empty: '', Raw: '<not a tag>',
    });
  });

  it('records exact ranges of keys and values', () => {
    const root = doc(INFO).root as PlistDict;
    const entry = dictEntry(root, 'NSBonjourServices')!;
    assert.equal(INFO.slice(entry.keyRange!.startIndex, entry.keyRange!.endIndex), '<key>NSBonjourServices</key>');
    assert.equal(INFO.slice(entry.value.range!.startIndex, entry.value.range!.endIndex), '<array>\n\t\t<string>_printer._tcp</string>\n\t</array>');
    const flag = dictEntry(root, 'Flag')!;
    assert.equal(INFO.slice(flag.value.range!.startIndex, flag.value.range!.endIndex), '<true/>');
  });

  it('keeps comments for suppression directives', () => {
    const parsed = parseXmlPlist(INFO);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.comments.map((c) => c.inner), [' a comment between entries ']);
  });

  it('reads a byte-order mark and UTF-16', () => {
    assert.ok(readPlistText('/p/a.plist', `\uFEFF${INFO}`).ok);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(INFO.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    const read = readPlistBytes('/p/a.plist', utf16);
    assert.ok(read.ok && (plainValue(read.document.root) as Record<string, unknown>).Flag === true);
  });

  const malformed: [string, string, RegExp][] = [
    ['an unclosed string', '<plist version="1.0"><dict><key>A</key><string>x</dict></plist>', /expected <\/string> but found <\/dict> at line 1, column 49/],
    ['a key without value', '<plist version="1.0"><dict><key>A</key></dict></plist>', /<key>A<\/key> has no value/],
    ['a value without key', '<plist version="1.0"><dict><string>x</string></dict></plist>', /expected <key> in <dict> but found <string>/],
    ['a truncated file', '<plist version="1.0"><dict><key>A</key><array>', /unexpected end of file|never closed/],
    ['an unknown element', '<plist version="1.0"><dict><key>A</key><yes/></dict></plist>', /<yes> is not a property list element/],
    ['an unknown entity', '<plist version="1.0"><string>a &nbsp; b</string></plist>', /unknown entity "&nbsp"/],
    ['a bad number', '<plist version="1.0"><integer>12x</integer></plist>', /not a number/],
    ['JSON', '{ "a": 1 }', /not a valid XML property list/],
    ['an old-style plist', '{ A = B; }', /old-style ASCII property lists are not read/],
    ['an empty file', '', /unexpected end of file/],
  ];
  for (const [name, text, message] of malformed) {
    it(`reports ${name} with a clear message instead of throwing`, () => {
      const read = readPlistText('/p/Info.plist', text);
      assert.equal(read.ok, false);
      assert.match((read as { message: string }).message, message);
    });
  }

  it('survives hostile nesting without exhausting the stack', () => {
    const deep = `<plist version="1.0">${'<array>'.repeat(20000)}${'</array>'.repeat(20000)}</plist>`;
    const read = readPlistText('/p/deep.plist', deep);
    assert.equal(read.ok, false);
    assert.match((read as { message: string }).message, /nests too deeply/);
  });
});

describe('binary property lists', () => {
  it('are read with bplist-parser into the same model (without positions)', () => {
    const bytes = writeBinaryPlist({ CFBundleName: 'Demo', NSBonjourServices: ['_a._tcp', '_b._udp'], Flag: false, Count: 7, Name: 'Café' });
    const read = readPlistBytes('/p/Info.plist', bytes);
    assert.ok(read.ok);
    assert.equal(read.document.format, 'binary');
    assert.equal(read.document.text, undefined);
    assert.deepEqual(plainValue(read.document.root), { CFBundleName: 'Demo', NSBonjourServices: ['_a._tcp', '_b._udp'], Flag: false, Count: 7, Name: 'Café' });
  });

  it('report a corrupt file instead of throwing', () => {
    const bytes = writeBinaryPlist({ A: 'b' }).subarray(0, 20);
    const read = readPlistBytes('/p/Info.plist', bytes);
    assert.equal(read.ok, false);
    assert.match((read as { message: string }).message, /not a valid binary property list/);
  });
});

describe('plist edits', () => {
  const ENT = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>A</key>\n\t<array>\n\t\t<string>x</string>\n\t</array>\n</dict>\n</plist>\n';

  it('adds a key at the end of a dictionary in its indentation', () => {
    const document = doc(ENT);
    const edit = addDictEntryEdit(document, document.root as PlistDict, 'NSLocalNetworkUsageDescription', 'Finds <printers>')!;
    const out = applyEdits(ENT, [edit]);
    assert.equal(out, ENT.replace('\t</array>\n</dict>', '\t</array>\n\t<key>NSLocalNetworkUsageDescription</key>\n\t<string>Finds &lt;printers&gt;</string>\n</dict>'));
    assert.ok(readPlistText('/p/Info.plist', out).ok);
  });

  it('adds an array value, and fills empty dictionaries and arrays', () => {
    const empty = '<plist version="1.0">\n<dict/>\n</plist>\n';
    const document = doc(empty);
    const out = applyEdits(empty, [addDictEntryEdit(document, document.root as PlistDict, 'NSBonjourServices', ['_a._tcp', '_a._udp'])!]);
    assert.equal(out, '<plist version="1.0">\n<dict>\n\t<key>NSBonjourServices</key>\n\t<array>\n\t\t<string>_a._tcp</string>\n\t\t<string>_a._udp</string>\n\t</array>\n</dict>\n</plist>\n');
    const withArray = doc(out);
    const array = dictEntry(withArray.root as PlistDict, 'NSBonjourServices')!.value;
    assert.ok(array.type === 'array');
    const appended = applyEdits(out, [addArrayItemEdit(withArray, array, ['_b._tcp'])!]);
    assert.match(appended, /<string>_a\._udp<\/string>\n\t\t<string>_b\._tcp<\/string>\n\t<\/array>/);
    const emptyArray = '<plist version="1.0">\n<dict>\n\t<key>K</key>\n\t<array/>\n</dict>\n</plist>\n';
    const d = doc(emptyArray);
    const a = dictEntry(d.root as PlistDict, 'K')!.value;
    assert.ok(a.type === 'array');
    assert.equal(applyEdits(emptyArray, [addArrayItemEdit(d, a, ['v'])!]), '<plist version="1.0">\n<dict>\n\t<key>K</key>\n\t<array>\n\t\t<string>v</string>\n\t</array>\n</dict>\n</plist>\n');
  });

  it('keeps CRLF line breaks and removes whole entries', () => {
    const crlf = ENT.replace(/\n/g, '\r\n');
    const document = doc(crlf);
    const root = document.root as PlistDict;
    const added = applyEdits(crlf, [addDictEntryEdit(document, root, 'B', true)!]);
    assert.ok(added.includes('\t</array>\r\n\t<key>B</key>\r\n\t<true/>\r\n</dict>'));
    assert.equal(applyEdits(crlf, [removeEntryEdit(document, dictEntry(root, 'A')!)!]), '<?xml version="1.0" encoding="UTF-8"?>\r\n<plist version="1.0">\r\n<dict>\r\n</dict>\r\n</plist>\r\n');
  });

  it('gives no text edit for binary plists', () => {
    const read = readPlistBytes('/p/Info.plist', writeBinaryPlist({ A: 'b' }));
    assert.ok(read.ok);
    assert.equal(addDictEntryEdit(read.document, read.document.root as PlistDict, 'K', 'v'), undefined);
  });
});

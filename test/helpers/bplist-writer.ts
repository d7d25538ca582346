// A tiny binary property list writer (bplist00) for tests: dictionaries, arrays, ASCII/UTF-16 strings, booleans
// and small integers. Enough to make the binary fixtures the project-file rules must read.
type Value = string | boolean | number | Value[] | { [key: string]: Value };

export function writeBinaryPlist(root: Value): Buffer {
  const objects: Buffer[] = [];
  const encode = (value: Value): number => {
    const index = objects.length;
    objects.push(Buffer.alloc(0));
    let bytes: Buffer;
    if (typeof value === 'boolean') bytes = Buffer.from([value ? 0x09 : 0x08]);
    else if (typeof value === 'number') bytes = Buffer.from([0x11, (value >> 8) & 0xff, value & 0xff]);
    else if (typeof value === 'string') {
      const ascii = /^[\x00-\x7f]*$/.test(value);
      const body = ascii ? Buffer.from(value, 'ascii') : Buffer.from(value, 'utf16le').swap16();
      bytes = Buffer.concat([header(ascii ? 0x5 : 0x6, value.length), body]);
    } else if (Array.isArray(value)) {
      const refs = value.map(encode);
      bytes = Buffer.concat([header(0xa, refs.length), Buffer.from(refs)]);
    } else {
      const keys = Object.keys(value).map((k) => encode(k));
      const values = Object.values(value).map(encode);
      bytes = Buffer.concat([header(0xd, keys.length), Buffer.from(keys), Buffer.from(values)]);
    }
    objects[index] = bytes;
    return index;
  };
  encode(root);
  if (objects.length > 255) throw new Error('this writer uses one-byte object references');
  const magic = Buffer.from('bplist00', 'ascii');
  const offsets: number[] = [];
  let position = magic.length;
  for (const object of objects) {
    offsets.push(position);
    position += object.length;
  }
  const offsetSize = position > 0xffff ? 4 : position > 0xff ? 2 : 1;
  const table = Buffer.alloc(offsets.length * offsetSize);
  offsets.forEach((o, i) => table.writeUIntBE(o, i * offsetSize, offsetSize));
  const trailer = Buffer.alloc(32);
  trailer[6] = offsetSize;
  trailer[7] = 1; // object reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16); // top object
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([magic, ...objects, table, trailer]);
}

function header(type: number, count: number): Buffer {
  if (count < 15) return Buffer.from([(type << 4) | count]);
  return Buffer.from([(type << 4) | 0xf, 0x11, (count >> 8) & 0xff, count & 0xff]);
}

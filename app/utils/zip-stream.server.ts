// A streaming ZIP writer: entries whose content is produced while the archive is read, deflated by
// Node's zlib (native code, in libuv's thread pool, so compression does not hold the event loop)
// and framed with data descriptors (the sizes and CRC follow each entry), so nothing is held
// whole. ZIP32 only: an archive or entry past 4 GiB is refused rather than written corrupt.
// Why our own and not a library: docs/decisions/0030-streaming-xlsx-writer.md.
import { once } from "node:events";
import { constants, crc32, createDeflateRaw } from "node:zlib";

export type ZipEntry = {
  /** Path inside the archive, forward slashes. */
  name: string;
  /** The content, piece by piece; strings are written as UTF-8. Pulled only as fast as the archive is read. */
  content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  modified: Date;
};

const LIMIT = 0xffffffff;
const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: names are UTF-8
const DEFLATE = 8;
const VERSION = 20;

/** MS-DOS date and time (UTC fields: a zip has no time zone). */
function dosDateTime(d: Date) {
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = (Math.max(d.getUTCFullYear() - 1980, 0) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

type Written = { name: Buffer; crc: number; compressed: number; size: number; offset: number; time: number; date: number };

function localHeader(name: Buffer, time: number, date: number) {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(DEFLATE, 8);
  b.writeUInt16LE(time, 10);
  b.writeUInt16LE(date, 12);
  // CRC and sizes (14-25) stay 0: they follow in the data descriptor.
  b.writeUInt16LE(name.length, 26);
  return Buffer.concat([b, name]);
}

function dataDescriptor(e: Written) {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(e.crc, 4);
  b.writeUInt32LE(e.compressed, 8);
  b.writeUInt32LE(e.size, 12);
  return b;
}

function centralHeader(e: Written) {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(DEFLATE, 10);
  b.writeUInt16LE(e.time, 12);
  b.writeUInt16LE(e.date, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.compressed, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  // extra, comment, disk, internal and external attributes: 0
  b.writeUInt32LE(e.offset, 42);
  return Buffer.concat([b, e.name]);
}

function endOfDirectory(count: number, size: number, offset: number) {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}

/**
 * One entry's compressed bytes. The content is fed to zlib by a second loop that waits whenever
 * zlib's input is full, so content is pulled only as fast as compressed bytes are taken.
 */
async function* deflated(entry: ZipEntry, level: number, sink: { crc: number; size: number; compressed: number }) {
  const deflate = createDeflateRaw({ level, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const stop = new AbortController();
  const feeding = (async () => {
    try {
      for await (const piece of entry.content) {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        sink.crc = crc32(bytes, sink.crc);
        sink.size += bytes.length;
        if (!deflate.write(bytes)) await once(deflate, "drain", { signal: stop.signal });
      }
      deflate.end();
    } catch (error) {
      // Stopped (the reader went away) or the content failed: either way the entry ends here.
      if (!stop.signal.aborted) deflate.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      sink.compressed += chunk.length;
      yield chunk;
    }
  } finally {
    stop.abort();
    deflate.destroy();
    await feeding;
  }
}

/**
 * The archive's bytes, entry after entry, each pulled only when the reader asks for more.
 * `level` is zlib's compression level (1 fastest … 9 smallest).
 */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, { level = 6 } = {}): AsyncGenerator<Uint8Array> {
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const { time, date } = dosDateTime(entry.modified);
    const header = localHeader(name, time, date);
    const at = offset;
    offset += header.length;
    yield header;
    const sums = { crc: 0, size: 0, compressed: 0 };
    for await (const chunk of deflated(entry, level, sums)) {
      offset += chunk.length;
      yield chunk;
    }
    if (sums.size > LIMIT || sums.compressed > LIMIT || offset > LIMIT)
      throw new Error(`zip: ${entry.name} is past the 4 GiB a ZIP32 archive can hold`);
    const done: Written = { name, ...sums, offset: at, time, date };
    written.push(done);
    const descriptor = dataDescriptor(done);
    offset += descriptor.length;
    yield descriptor;
  }
  if (written.length > 0xffff) throw new Error("zip: more than 65,535 entries");
  const directory = Buffer.concat(written.map(centralHeader));
  yield directory;
  yield endOfDirectory(written.length, directory.length, offset);
}

/**
 * The archive as a web byte stream for a Response: the next piece is made when the reader has
 * taken the last, and a reader that goes away stops the writer (and ends the entries' sources).
 */
export function zipReadableStream(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  { level, onCancel }: { level?: number; onCancel?: () => unknown } = {},
): ReadableStream<Uint8Array> {
  const bytes = zipStream(entries, { level });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await bytes.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await bytes.return(undefined);
        // Sources of entries not reached yet have not been started, so they are told here.
        await onCancel?.();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

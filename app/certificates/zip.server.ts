import { Zip, ZipPassThrough } from "fflate";
import type { Certificate } from "./issue.server";
import { certificateFileName, renderCertificatePdf } from "./pdf.server";
import { clockNow } from "~/utils/clock.server";

/**
 * The certificates as one ZIP, streamed: each PDF is built when the reader asks for more
 * (ReadableStream `pull`), added to the archive and dropped, so memory holds one PDF at a
 * time however many certificates match. PDFs are compressed already, so they are stored
 * (ZipPassThrough) rather than deflated again.
 */
export function certificatesZipStream(certs: AsyncIterable<Certificate> | Iterable<Certificate>, now = clockNow()): ReadableStream<Uint8Array> {
  const iterator: AsyncIterator<Certificate> | Iterator<Certificate> =
    Symbol.asyncIterator in certs ? certs[Symbol.asyncIterator]() : certs[Symbol.iterator]();
  const names = new Set<string>();
  let zip: Zip | undefined;
  let cancelled = false;

  const uniqueName = (name: string) => {
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = name.replace(/\.pdf$/, `-${n}.pdf`);
    names.add(candidate);
    return candidate;
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (cancelled) return;
          if (error) {
            controller.error(error);
            return;
          }
          controller.enqueue(chunk);
          if (final) controller.close();
        });
      },
      async pull() {
        if (cancelled || !zip) return;
        const next = await iterator.next();
        if (next.done) {
          zip.end();
          return;
        }
        const cert = next.value;
        const bytes = await renderCertificatePdf(cert, now);
        if (cancelled) return;
        const file = new ZipPassThrough(uniqueName(certificateFileName(cert)));
        file.mtime = cert.issuedAt;
        zip.add(file);
        file.push(bytes, true);
      },
      cancel() {
        // The browser went away: stop building PDFs.
        cancelled = true;
        void iterator.return?.();
        zip?.terminate();
      },
    },
    { highWaterMark: 1 },
  );
}

/// <reference types="vite/client" />
// pdf.js, loaded on first use (its code stays out of the start-up bundle),
// with its worker bundled by Vite and served from the app itself ('self').
// The PDF's bytes come from the loopback media server (CSP connect-src has
// its origin; the server answers the app's origin with CORS).

import type { PDFDocumentProxy } from "pdfjs-dist";
import { looksLikePdf } from "./pdfView";

type PdfJs = typeof import("pdfjs-dist");
let lib: Promise<PdfJs> | null = null;

export function pdfjs(): Promise<PdfJs> {
  lib ??= Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")])
    .then(([m, worker]) => {
      m.GlobalWorkerOptions.workerSrc = worker.default;
      return m;
    })
    .catch((e) => {
      lib = null; // a later attempt may load it
      throw e;
    });
  return lib;
}

/** The résumé's bytes, checked to be a PDF. */
export async function fetchPdf(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const r = await fetch(url, { signal, cache: "no-store", credentials: "omit" });
  if (!r.ok) throw new Error(`status ${r.status}`);
  const bytes = new Uint8Array(await r.arrayBuffer());
  if (!looksLikePdf(bytes)) throw Object.assign(new Error("not a PDF"), { name: "InvalidPDFException" });
  return bytes;
}

/** Open a PDF from bytes. No scripting, no wasm fetches, fonts from the file or the system. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const m = await pdfjs();
  return m.getDocument({ data: bytes, useWasm: false, enableXfa: false, stopAtErrors: false }).promise;
}

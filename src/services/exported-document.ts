import { createHash } from 'node:crypto';

/**
 * A file the service hands out through GraphQL (the decision history, the minutes, people and
 * seats): its name, media type and content — text as it is, bytes (a PDF) in base64 — with its
 * size and SHA-256, so that whoever keeps the file can later show it is the one they received.
 */
export interface ExportedDocument {
  fileName: string;
  mediaType: string;
  encoding: 'TEXT' | 'BASE64';
  content: string;
  sizeBytes: number;
  sha256: string;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A text file (UTF-8). */
export function textDocument(fileName: string, mediaType: string, text: string): ExportedDocument {
  const bytes = Buffer.from(text, 'utf8');
  return { fileName, mediaType, encoding: 'TEXT', content: text, sizeBytes: bytes.length, sha256: sha256(bytes) };
}

/** A binary file, carried as base64. */
export function binaryDocument(fileName: string, mediaType: string, bytes: Buffer): ExportedDocument {
  return { fileName, mediaType, encoding: 'BASE64', content: bytes.toString('base64'), sizeBytes: bytes.length, sha256: sha256(bytes) };
}

/** A name as a part of a file name: letters without diacritics, digits and dashes ("Řídící skupina" → "ridici-skupina"). */
export function fileNamePart(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'dokument'
  );
}

import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DecisionHistoryFormat {
  JSON = 'JSON',
  CSV = 'CSV',
}

registerEnumType(DecisionHistoryFormat, {
  name: 'DecisionHistoryFormat',
  description: 'Format of an exported decision history.',
  valuesConfig: {
    JSON: { description: 'JSON: every hashed field of every event, what `node scripts/verify-history.mjs <file>` verifies offline.' },
    CSV: { description: 'One table for a spreadsheet, as Czech Excel opens it (UTF-8 with a byte-order mark, `;` between cells).' },
  },
});

export enum MinutesFormat {
  MARKDOWN = 'MARKDOWN',
  PDF = 'PDF',
}

registerEnumType(MinutesFormat, {
  name: 'MinutesFormat',
  description: 'Format of exported minutes.',
  valuesConfig: {
    MARKDOWN: { description: 'A Markdown document (user text escaped; the minutes keep their own Markdown, HTML made text).' },
    PDF: { description: 'An A4 PDF, in base64.' },
  },
});

export enum DocumentEncoding {
  TEXT = 'TEXT',
  BASE64 = 'BASE64',
}

registerEnumType(DocumentEncoding, {
  name: 'DocumentEncoding',
  description: "How an exported document's `content` carries the file.",
  valuesConfig: {
    TEXT: { description: 'The file is text (UTF-8): `content` is the file as it is.' },
    BASE64: { description: 'The file is binary (a PDF): `content` is its bytes in base64.' },
  },
});

@ObjectType('ExportedDocument', {
  description: 'A file made for the viewer (the decision history, minutes, people and seats): save `content` under `fileName` (decoded from base64 when `encoding` is BASE64).',
})
export class ExportedDocumentType {
  @Field(() => String, { description: 'A file name to save it under, e.g. `orp-chomutov-historie-rozhodovani-2026-01-01-2026-12-31.json`.' })
  fileName!: string;

  @Field(() => String, { description: 'Its media type, e.g. `application/json`, `text/csv; charset=utf-8`, `application/pdf`.' })
  mediaType!: string;

  @Field(() => DocumentEncoding, { description: 'How `content` carries the file.' })
  encoding!: DocumentEncoding;

  @Field(() => String, { description: 'The file: its text, or its bytes in base64.' })
  content!: string;

  @Field(() => Int, { description: "The file's size in bytes (UTF-8 for text)." })
  sizeBytes!: number;

  @Field(() => String, { description: "SHA-256 of the file's bytes, hex: whoever keeps the file can show later it is the one they received." })
  sha256!: string;
}

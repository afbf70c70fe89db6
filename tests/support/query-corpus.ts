import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** A query document as a test or the benchmark sends it. */
export interface CorpusDocument {
  file: string;
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

const ROOT = path.resolve(__dirname, '..', '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

/**
 * Every query document written whole in a template literal of the tests and the benchmark (no
 * `${…}` inside), that parses and is valid against the schema: the documents the service is known
 * to be asked.
 */
export function queryCorpus(schema: GraphQLSchema): CorpusDocument[] {
  const files = [...filesUnder(path.join(ROOT, 'tests'), /\.ts$/), path.join(ROOT, 'bench', 'run.mjs')];
  const seen = new Set<string>();
  const corpus: CorpusDocument[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/`([^`]*)`/g)) {
      const source = match[1];
      if (source.includes('${') || !/^\s*(query\b|\{)/.test(source) || seen.has(source)) continue;
      seen.add(source);
      let document: DocumentNode;
      try {
        document = parse(source);
      } catch {
        continue;
      }
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (operations.length !== 1 || validate(schema, document).length > 0) continue;
      corpus.push({ file: path.relative(ROOT, file), source, document, operation: operations[0] });
    }
  }
  return corpus;
}

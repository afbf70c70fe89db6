import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildTriadaSchema } from '../schema/build-schema';

/** `npm run schema`: writes schema.graphql, the frontend developers' reference; CI fails when it is stale. */
export async function printTriadaSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildTriadaSchema()))}\n`;
}

if (require.main === module) {
  printTriadaSchema()
    .then((sdl) => {
      const target = path.resolve(process.argv[2] ?? 'schema.graphql');
      fs.writeFileSync(target, sdl);
      console.log(`wrote ${target}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}

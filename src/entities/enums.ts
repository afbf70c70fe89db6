/** The domain's enumerations live in src/domain/enums.ts; entities and the rest import them from here or there alike. */
export * from '../domain/enums';

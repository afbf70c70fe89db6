import { getMetadataStorage } from 'class-validator';
import type { Text } from '../i18n/locale';

/**
 * Input validation's words in Czech and English. class-validator says why a value is refused in
 * English only; each of its checks used by the schema's inputs is worded here in both languages,
 * with the check's own parameters (a length's bounds, a minimum) read from the input class's
 * validation metadata, so that the words follow the request's Accept-Language like every other
 * error's. A check not listed keeps its English words in both.
 */

/** A problem of one input field, as class-validator reports it. */
export interface ValidationErrorLike {
  property: string;
  target?: object;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** One refused field: its path in the input and why, in both languages. */
export interface FieldText {
  field: string;
  text: Text;
}

type Wording = (args: unknown[]) => Text;

/** A check's parameter as words (a number, a bound). */
const n = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');

const list = (value: unknown): string => (value && typeof value === 'object' ? Object.values(value as Record<string, string>).filter((v) => typeof v === 'string').join(', ') : '');

const WORDS: Record<string, Wording> = {
  isUuid: () => ({ cs: 'musí být identifikátor (UUID)', en: 'must be an id (UUID)' }),
  isLength: ([min, max]) =>
    max === undefined
      ? { cs: `musí mít alespoň ${n(min)} znaků`, en: `must be at least ${n(min)} characters long` }
      : { cs: `musí mít ${n(min)} až ${n(max)} znaků`, en: `must be ${n(min)} to ${n(max)} characters long` },
  min: ([min]) => ({ cs: `nesmí být menší než ${n(min)}`, en: `must not be less than ${n(min)}` }),
  max: ([max]) => ({ cs: `nesmí být větší než ${n(max)}`, en: `must not be greater than ${n(max)}` }),
  isInt: () => ({ cs: 'musí být celé číslo', en: 'must be a whole number' }),
  isNumber: () => ({ cs: 'musí být konečné číslo', en: 'must be a finite number' }),
  isEnum: ([values]) => ({ cs: `musí být jedna z hodnot ${list(values)}`, en: `must be one of ${list(values)}` }),
  isEmail: () => ({ cs: 'musí být e-mailová adresa', en: 'must be an e-mail address' }),
  isUrl: () => ({ cs: 'musí být adresa URL', en: 'must be a URL' }),
  isBoolean: () => ({ cs: 'musí být true, nebo false', en: 'must be true or false' }),
  isString: () => ({ cs: 'musí být text', en: 'must be text' }),
  isDate: () => ({ cs: 'musí být datum a čas', en: 'must be a date and time' }),
  arrayMaxSize: ([max]) => ({ cs: `smí mít nejvýše ${n(max)} položek`, en: `must have at most ${n(max)} items` }),
  arrayMinSize: ([min]) => ({ cs: `musí mít alespoň ${n(min)} položek`, en: `must have at least ${n(min)} items` }),
  isPlainText: () => ({ cs: 'musí být prostý text bez řídicích znaků, ne jen mezery', en: 'must be plain text without control characters, not only spaces' }),
  nestedValidation: () => ({ cs: 'musí být objekt, nebo seznam', en: 'must be an object or a list' }),
  whitelistValidation: () => ({ cs: 'není pole tohoto vstupu', en: 'is not a field of this input' }),
  unknownValue: () => ({ cs: 'není známá hodnota', en: 'is not a known value' }),
};

/** The schema's pattern checks, by the message each declares (`@Matches(…, { message })`). */
const PATTERN_WORDS: Record<string, Text> = {
  'phone must be a phone number such as +420 777 123 456': { cs: 'musí být telefonní číslo, např. +420 777 123 456', en: 'must be a phone number such as +420 777 123 456' },
  'event must be an event name such as RECOMMEND': { cs: 'musí být název události, např. RECOMMEND', en: 'must be an event name such as RECOMMEND' },
  'idempotencyKey may contain letters, digits and _-:. only': { cs: 'smí obsahovat jen písmena, číslice a _-:.', en: 'may contain letters, digits and _-:. only' },
  'state must be a stage name such as DRAFT': { cs: 'musí být název fáze, např. DRAFT', en: 'must be a stage name such as DRAFT' },
  'targetGroup must be a register code such as CilovaSkupinaOsoby/24': { cs: 'musí být kód registru, např. CilovaSkupinaOsoby/24', en: 'must be a register code such as CilovaSkupinaOsoby/24' },
};

/** The parameters of a check on a property of an input class (e.g. [1, 300] for a length). */
function parametersOf(target: object | undefined, property: string, check: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const found = metadata.find((m) => m.propertyName === property && (m.name === check || m.type === check));
  return Array.isArray(found?.constraints) ? (found.constraints as unknown[]) : [];
}

/** A check's words: ours for the checks and patterns above; else class-validator's English words in both. */
function wordsOf(e: ValidationErrorLike, check: string, english: string): Text {
  const wording = WORDS[check];
  if (wording) return wording(parametersOf(e.target, e.property, check));
  return PATTERN_WORDS[english] ?? { cs: english, en: english };
}

/** Every refused field of a class-validator report, nested ones by their dotted path (`stages.2.key`). */
export function validationTexts(errors: ValidationErrorLike[], prefix = ''): FieldText[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([check, english]) => ({ field, text: wordsOf(e, check, english) }));
    return [...own, ...validationTexts(e.children ?? [], field)];
  });
}

/** Whether a check is worded in both languages here: a pattern check by the message it declares. */
export function isWorded(check: string, message?: unknown): boolean {
  return check in WORDS || (check === 'matches' && typeof message === 'string' && message in PATTERN_WORDS);
}

import {
  type RegisterAddress,
  type ServiceFacility,
  type ServiceFormCapacity,
  type SocialServiceType,
} from '../entities/provider.entity';
import { isValidIco } from '../common/ico';
import type { Text } from '../i18n/locale';
import { CAPACITY_UNITS, DELIVERY_FORMS, serviceTypeFromRegister } from '../common/social-service-types';

/**
 * Reads the open-data file of the national register of social-service providers (Registr
 * poskytovatelů sociálních služeb, MPSV): https://data.mpsv.cz/od/soubory/rpss/rpss.json, described
 * at https://data.mpsv.cz/web/data/rpss with its JSON schema beside it (rpss.schema.json).
 *
 * The file is `{"polozky": [...]}` with one item per registered service; each item carries its
 * provider (`poskytovatel`) and refers to the register's code lists as `{"id": "<CodeList>/<code>"}`:
 *
 *   identifikator                 the service's register identifier (unique)
 *   druhSocialniSluzby.id         DruhSocialniSluzby/N, the kind of service (see social-service-types.ts)
 *   datumPoskytovaniOd/-Do        provided from / until (YYYY-MM-DD; Do null while open-ended)
 *   poskytovatel                  ico, nazev, pravniForma, adresa, emaily[].email, telefony[].telefon, weby[].web
 *   ciloveSkupiny[]               cilovaSkupina.id = CilovaSkupinaOsoby/N
 *   formy[]                       forma.id = FormaSocialniSluzby/pob|amb|ter, nepretrzitePoskytovani,
 *                                 kapacity[] {pocet, popis, typ.id = TypKapacitySocialniSluzby/klient|kontakt|interv|luzka|hovor}
 *   zarizeni[]                    the places of provision: nazev, adresa, utajenaAdresa, poskytujeOd, poskytujeDo
 *   emaily, telefony, weby        the service's own contacts
 *
 * An address is {ulice.nazev, cisloDomovni, cisloOrientacni, psc, obec.id = Obec/<kód obce>,
 * kodAdresnihoMista, kraj, okres, castObce, …}; municipalities appear only as their codes.
 * Other keys (portalId, id, kontaktniAdresy, vekoveSkupiny, rozsirenePusobnostiVKraji,
 * doplnkoveUdaje, statutarniOrgany, …) are not read: the catalogue shows no statutory
 * representatives (personal data) and nothing else of them. `poskytovatel.pravniForma` is read as
 * `{"id": "PravniForma/<ČSÚ code>"}` or a bare code when present.
 *
 * Sources: the dataset page above; the key list, contact and address shapes, capacity types and
 * code-list names as documented by github.com/zdenekpesicka/AutomatizaceKatalogu (CLAUDE.md §2.1,
 * checked against the real file) and by other published readers of rpss.json.
 */

export interface ParsedProvider {
  ico: string;
  name: string;
  legalFormCode: string | null;
  emails: string[];
  phones: string[];
  websites: string[];
  address: RegisterAddress | null;
}

export interface ParsedService {
  identifier: string;
  serviceType: SocialServiceType;
  providedFrom: string | null;
  providedTo: string | null;
  targetGroups: string[];
  forms: ServiceFormCapacity[];
  facilities: ServiceFacility[];
  municipalityCodes: number[];
  emails: string[];
  phones: string[];
  websites: string[];
  ico: string;
}

export interface ParsedRegister {
  providers: Map<string, ParsedProvider>;
  services: ParsedService[];
}

export interface RegisterProblem {
  field: string;
  text: Text;
}

/** The file is not a register file we can import; `problems` says where and why. */
export class RegisterFileError extends Error {
  constructor(readonly problems: RegisterProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.text.en}`).join('; '));
  }
}

const MAX_PROBLEMS = 20;
const DATE = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects every problem of the file (up to MAX_PROBLEMS), each with its path and record. */
class Reader {
  readonly problems: RegisterProblem[] = [];
  private record: { cs: string; en: string } = { cs: '', en: '' };

  constructor(private readonly today: string) {}

  enterRecord(index: number, identifier: string | null): void {
    const id = identifier ? { cs: ` (služba ${identifier})`, en: ` (service ${identifier})` } : { cs: '', en: '' };
    this.record = { cs: `Záznam ${index + 1}${id.cs}: `, en: `Record ${index + 1}${id.en}: ` };
  }

  problem(field: string, cs: string, en: string): null {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ field, text: { cs: this.record.cs + cs, en: this.record.en + en } });
    return null;
  }

  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  text(value: Json, field: string, maxLength = 500): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string' && typeof value !== 'number') return this.problem(field, 'má být text.', 'must be a text.');
    const text = String(value).trim();
    // PostgreSQL text cannot hold NUL.
    if (text.includes('\u0000') || text.length > maxLength) return this.problem(field, 'je příliš dlouhý nebo obsahuje neplatné znaky.', 'is too long or holds invalid characters.');
    return text === '' ? null : text;
  }

  integer(value: Json, field: string): number | null {
    if (value === null || value === undefined || value === '') return null;
    const n = typeof value === 'string' ? Number(value.trim()) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return this.problem(field, 'má být celé nezáporné číslo.', 'must be a whole non-negative number.');
    return n;
  }

  date(value: Json, field: string): string | null {
    if (value === null || value === undefined) return null;
    const match = typeof value === 'string' ? DATE.exec(value.trim()) : null;
    const day = match?.[1];
    if (!day || Number.isNaN(Date.parse(day))) return this.problem(field, 'má být datum RRRR-MM-DD.', 'must be a date YYYY-MM-DD.');
    return day;
  }

  list(value: Json, field: string): Json[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(field, 'má být seznam.', 'must be a list.');
      return [];
    }
    return value;
  }

  object(value: Json, field: string): Record<string, Json> | null {
    if (value === null || value === undefined) return null;
    return isObject(value) ? value : this.problem(field, 'má být objekt.', 'must be an object.');
  }

  /** `{"id": "Prefix/code"}` (or the bare string) → "Prefix/code". */
  reference(value: Json, field: string): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return this.text(value, field, 100);
    const ref = this.object(value, field);
    return ref ? this.text(ref.id, `${field}.id`, 100) : null;
  }

  /** The values of one key of a list of contact objects, e.g. emaily[].email. */
  contacts(value: Json, field: string, key: string): string[] {
    const out: string[] = [];
    this.list(value, field).forEach((item, i) => {
      const entry = this.object(item, `${field}[${i}]`);
      const text = entry ? this.text(entry[key], `${field}[${i}].${key}`, 300) : null;
      if (text && !out.includes(text)) out.push(text);
    });
    return out;
  }

  address(value: Json, field: string): RegisterAddress | null {
    const a = this.object(value, field);
    if (!a) return null;
    const obec = this.reference(a.obec, `${field}.obec`);
    let municipalityCode: number | null = null;
    if (obec !== null) {
      const match = /^(?:Obec\/)?(\d{6})$/.exec(obec);
      if (match) municipalityCode = Number(match[1]);
      else this.problem(`${field}.obec`, `neznámý kód obce „${obec}“ (čekáme Obec/<šestimístný kód>).`, `unknown municipality code "${obec}" (expected Obec/<six digits>).`);
    }
    const street = isObject(a.ulice) ? this.text(a.ulice.nazev, `${field}.ulice.nazev`) : this.text(a.ulice, `${field}.ulice`);
    return {
      street,
      houseNumber: this.integer(a.cisloDomovni, `${field}.cisloDomovni`),
      orientationNumber: this.text(a.cisloOrientacni, `${field}.cisloOrientacni`, 20),
      postcode: this.text(a.psc, `${field}.psc`, 10)?.replace(/\s+/g, '') ?? null,
      municipalityCode,
      addressPointCode: this.integer(a.kodAdresnihoMista, `${field}.kodAdresnihoMista`),
    };
  }

  provider(value: Json, field: string): ParsedProvider | null {
    const p = this.object(value, field);
    if (!p) return this.problem(field, 'chybí poskytovatel.', 'the provider is missing.');
    const rawIco = typeof p.ico === 'number' ? String(p.ico).padStart(8, '0') : p.ico;
    const ico = this.text(rawIco, `${field}.ico`, 20);
    if (ico === null) this.problem(`${field}.ico`, 'chybí IČO poskytovatele.', "the provider's company number (IČO) is missing.");
    else if (!isValidIco(ico)) this.problem(`${field}.ico`, `IČO „${ico}“ není platné.`, `company number (IČO) "${ico}" is not valid.`);
    const name = this.text(p.nazev, `${field}.nazev`);
    if (name === null) this.problem(`${field}.nazev`, 'chybí název poskytovatele.', "the provider's name is missing.");
    const legalForm = this.reference(p.pravniForma, `${field}.pravniForma`);
    const legalFormCode = legalForm === null ? null : (/^(?:PravniForma\/)?(\d{3})$/.exec(legalForm)?.[1] ?? this.problem(`${field}.pravniForma`, `neznámá právní forma „${legalForm}“.`, `unknown legal form "${legalForm}".`));
    const result = {
      ico: ico ?? '',
      name: name ?? '',
      legalFormCode,
      emails: this.contacts(p.emaily, `${field}.emaily`, 'email'),
      phones: this.contacts(p.telefony, `${field}.telefony`, 'telefon'),
      websites: this.contacts(p.weby, `${field}.weby`, 'web'),
      address: this.address(p.adresa, `${field}.adresa`),
    };
    return ico !== null && isValidIco(ico) && name !== null ? result : null;
  }

  forms(value: Json, field: string): ServiceFormCapacity[] {
    return this.list(value, field).flatMap((item, i): ServiceFormCapacity[] => {
      const at = `${field}[${i}]`;
      const f = this.object(item, at);
      if (!f) return [];
      const code = this.reference(f.forma, `${at}.forma`);
      const form = code ? DELIVERY_FORMS[code] : undefined;
      if (!form) {
        this.problem(`${at}.forma`, `neznámá forma poskytování „${code ?? ''}“.`, `unknown form of provision "${code ?? ''}".`);
        return [];
      }
      const capacities = this.list(f.kapacity, `${at}.kapacity`).flatMap((k, j) => {
        const kat = `${at}.kapacity[${j}]`;
        const c = this.object(k, kat);
        if (!c) return [];
        const unitCode = this.reference(c.typ, `${kat}.typ`);
        const unit = unitCode ? CAPACITY_UNITS[unitCode] : undefined;
        if (!unit) {
          this.problem(`${kat}.typ`, `neznámý typ kapacity „${unitCode ?? ''}“.`, `unknown capacity type "${unitCode ?? ''}".`);
          return [];
        }
        return [{ count: this.integer(c.pocet, `${kat}.pocet`), unit, description: this.text(c.popis, `${kat}.popis`, 2000) }];
      });
      const continuous = f.nepretrzitePoskytovani;
      return [{ form, continuous: typeof continuous === 'boolean' ? continuous : null, capacities }];
    });
  }

  facilities(value: Json, field: string): ServiceFacility[] {
    return this.list(value, field).flatMap((item, i): ServiceFacility[] => {
      const at = `${field}[${i}]`;
      const z = this.object(item, at);
      if (!z) return [];
      const withheld = z.utajenaAdresa === true;
      return [
        {
          name: this.text(z.nazev, `${at}.nazev`),
          // A withheld address (e.g. a shelter for victims of violence) is never kept, even if sent.
          address: withheld ? null : this.address(z.adresa, `${at}.adresa`),
          addressWithheld: withheld,
          from: this.date(z.poskytujeOd, `${at}.poskytujeOd`),
          to: this.date(z.poskytujeDo, `${at}.poskytujeDo`),
        },
      ];
    });
  }

  service(value: Json, index: number): { service: ParsedService; provider: ParsedProvider } | null {
    const at = `polozky[${index}]`;
    this.enterRecord(index, null);
    const s = this.object(value, at);
    if (!s) return this.problem(at, 'záznam služby má být objekt.', 'a service record must be an object.');
    const identifier = this.text(s.identifikator, `${at}.identifikator`, 20);
    this.enterRecord(index, identifier);
    if (identifier === null) this.problem(`${at}.identifikator`, 'chybí identifikátor služby.', 'the service identifier is missing.');
    else if (!/^\d{1,12}$/.test(identifier)) this.problem(`${at}.identifikator`, `identifikátor „${identifier}“ má být číslo.`, `identifier "${identifier}" must be a number.`);
    const kind = s.druhSocialniSluzby;
    const typeCode = isObject(kind) ? this.text(kind.id, `${at}.druhSocialniSluzby.id`, 100) : this.text(kind, `${at}.druhSocialniSluzby`, 100);
    const typeName = isObject(kind) ? this.text(isObject(kind.nazev) ? kind.nazev.cs : kind.nazev, `${at}.druhSocialniSluzby.nazev`) : null;
    const serviceType = serviceTypeFromRegister(typeCode, typeName);
    if (!serviceType) {
      const shown = typeCode ?? typeName;
      if (shown === null) this.problem(`${at}.druhSocialniSluzby`, 'chybí druh sociální služby.', 'the kind of social service is missing.');
      else this.problem(`${at}.druhSocialniSluzby`, `neznámý druh sociální služby „${shown}“.`, `unknown kind of social service "${shown}".`);
    }
    const provider = this.provider(s.poskytovatel, `${at}.poskytovatel`);
    const providedFrom = this.date(s.datumPoskytovaniOd, `${at}.datumPoskytovaniOd`);
    const providedTo = this.date(s.datumPoskytovaniDo, `${at}.datumPoskytovaniDo`);
    const targetGroups: string[] = [];
    this.list(s.ciloveSkupiny, `${at}.ciloveSkupiny`).forEach((item, i) => {
      const group = this.object(item, `${at}.ciloveSkupiny[${i}]`);
      const code = group ? this.reference(group.cilovaSkupina, `${at}.ciloveSkupiny[${i}].cilovaSkupina`) : null;
      if (code && !targetGroups.includes(code)) targetGroups.push(code);
    });
    const forms = this.forms(s.formy, `${at}.formy`);
    const facilities = this.facilities(s.zarizeni, `${at}.zarizeni`);
    const current = facilities.filter((f) => f.to === null || f.to >= this.today);
    const municipalityCodes = [...new Set(current.flatMap((f) => (f.address?.municipalityCode ? [f.address.municipalityCode] : [])))].sort((a, b) => a - b);
    const service: ParsedService = {
      identifier: identifier ?? '',
      serviceType: serviceType as SocialServiceType,
      providedFrom,
      providedTo,
      targetGroups: targetGroups.sort(),
      forms,
      facilities,
      municipalityCodes,
      emails: this.contacts(s.emaily, `${at}.emaily`, 'email'),
      phones: this.contacts(s.telefony, `${at}.telefony`, 'telefon'),
      websites: this.contacts(s.weby, `${at}.weby`, 'web'),
      ico: provider?.ico ?? '',
    };
    return identifier && serviceType && provider ? { service, provider } : null;
  }
}

/** Where a JSON syntax error is, as "line L, column C" when the engine tells the position. */
function syntaxLocation(content: string, error: unknown): { cs: string; en: string } {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  if (!position) return { cs: '', en: '' };
  const before = content.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { cs: ` na řádku ${line}, sloupci ${column}`, en: ` at line ${line}, column ${column}` };
}

/**
 * Parses and checks the whole file. Throws RegisterFileError listing the problems (JSON syntax
 * with its line, records without a valid IČO, unknown kinds of service, duplicates, …).
 */
export function parseProviderRegister(content: string, today: string): ParsedRegister {
  let root: Json;
  try {
    root = JSON.parse(content.replace(/^\uFEFF/, '')) as Json;
  } catch (err) {
    const where = syntaxLocation(content, err);
    throw new RegisterFileError([
      { field: 'content', text: { cs: `Soubor není platný JSON${where.cs}.`, en: `The file is not valid JSON${where.en}.` } },
    ]);
  }
  if (!isObject(root) || !Array.isArray(root.polozky)) {
    throw new RegisterFileError([
      {
        field: 'content',
        text: {
          cs: 'Soubor není ve formátu registru poskytovatelů (chybí seznam „polozky“).',
          en: 'The file is not in the format of the register of providers (no "polozky" list).',
        },
      },
    ]);
  }
  if (root.polozky.length === 0) {
    throw new RegisterFileError([{ field: 'content', text: { cs: 'Soubor neobsahuje žádnou službu.', en: 'The file lists no service.' } }]);
  }
  const reader = new Reader(today);
  const providers = new Map<string, ParsedProvider>();
  const services: ParsedService[] = [];
  const seen = new Map<string, number>();
  root.polozky.forEach((item, index) => {
    if (reader.full) return;
    const parsed = reader.service(item, index);
    if (!parsed) return;
    const { service, provider } = parsed;
    const first = seen.get(service.identifier);
    if (first !== undefined) {
      reader.problem(
        `polozky[${index}].identifikator`,
        `služba je v souboru podruhé (poprvé v záznamu ${first + 1}).`,
        `the service is in the file twice (first in record ${first + 1}).`,
      );
      return;
    }
    seen.set(service.identifier, index);
    services.push(service);
    // Every record repeats its provider; the first record of a provider gives its details.
    if (!providers.has(provider.ico)) providers.set(provider.ico, provider);
  });
  if (reader.problems.length > 0) throw new RegisterFileError(reader.problems);
  return { providers, services };
}

import { CapacityUnit, ServiceDeliveryForm, SocialServiceType } from '../entities/provider.entity';
import type { Text } from '../i18n/locale';

/** A kind of social service: its paragraph of zákon 108/2006 Sb., its register code and labels. */
export interface SocialServiceTypeInfo {
  type: SocialServiceType;
  paragraph: string;
  /** `id` of the item in the register's code list druhy-socialni-sluzby (DruhSocialniSluzby/N). */
  registerCode: string;
  label: Text;
}

/**
 * The register's code list of service kinds is published beside the register
 * (https://data.mpsv.cz/od/soubory/ciselniky/druhy-socialni-sluzby.json); the data refer to it as
 * `{"id": "DruhSocialniSluzby/N"}`. Codes 1, 3–6, 8–15, 18, 19, 23, 28–30, 32 and 33 are confirmed
 * by published code that reads the register (e.g. DruhSocialniSluzby/13 = domovy pro seniory,
 * /32 = terénní programy); the code list numbers the kinds in the order of the law, so the codes
 * in between follow that order (7, 16, 17, 20–22, 24–27, 31). Intervenční centra (§60a, added to
 * the law later) are numbered after the others (34). Code 2 is no kind of this list and is refused.
 */
const TYPES: Array<[SocialServiceType, string, number, string, string]> = [
  [SocialServiceType.PROFESSIONAL_SOCIAL_COUNSELLING, '§37', 1, 'odborné sociální poradenství', 'professional social counselling'],
  [SocialServiceType.PERSONAL_ASSISTANCE, '§39', 3, 'osobní asistence', 'personal assistance'],
  [SocialServiceType.HOME_CARE, '§40', 4, 'pečovatelská služba', 'home care service'],
  [SocialServiceType.EMERGENCY_CARE, '§41', 5, 'tísňová péče', 'emergency care (personal alarm)'],
  [SocialServiceType.GUIDE_AND_READING_SERVICES, '§42', 6, 'průvodcovské a předčitatelské služby', 'guide and reading services'],
  [SocialServiceType.SUPPORTED_INDEPENDENT_LIVING, '§43', 7, 'podpora samostatného bydlení', 'support for independent living'],
  [SocialServiceType.RESPITE_CARE, '§44', 8, 'odlehčovací služby', 'respite care'],
  [SocialServiceType.DAY_SERVICE_CENTRES, '§45', 9, 'centra denních služeb', 'day service centres'],
  [SocialServiceType.DAY_CARE_CENTRES, '§46', 10, 'denní stacionáře', 'day care centres'],
  [SocialServiceType.WEEKLY_CARE_CENTRES, '§47', 11, 'týdenní stacionáře', 'weekly care centres'],
  [SocialServiceType.HOMES_FOR_PEOPLE_WITH_DISABILITIES, '§48', 12, 'domovy pro osoby se zdravotním postižením', 'homes for people with disabilities'],
  [SocialServiceType.HOMES_FOR_SENIORS, '§49', 13, 'domovy pro seniory', 'homes for seniors'],
  [SocialServiceType.SPECIAL_REGIME_HOMES, '§50', 14, 'domovy se zvláštním režimem', 'homes with a special regime'],
  [SocialServiceType.SHELTERED_HOUSING, '§51', 15, 'chráněné bydlení', 'sheltered housing'],
  [
    SocialServiceType.SOCIAL_SERVICES_IN_INPATIENT_HEALTH_CARE,
    '§52',
    16,
    'sociální služby poskytované ve zdravotnických zařízeních lůžkové péče',
    'social services in inpatient health-care facilities',
  ],
  [SocialServiceType.EARLY_INTERVENTION, '§54', 17, 'raná péče', 'early intervention'],
  [SocialServiceType.CRISIS_HELPLINE, '§55', 18, 'telefonická krizová pomoc', 'crisis helpline'],
  [SocialServiceType.INTERPRETING_SERVICES, '§56', 19, 'tlumočnické služby', 'interpreting services'],
  [SocialServiceType.SHELTERS, '§57', 20, 'azylové domy', 'shelters'],
  [SocialServiceType.HALFWAY_HOUSES, '§58', 21, 'domy na půl cesty', 'halfway houses'],
  [SocialServiceType.CONTACT_CENTRES, '§59', 22, 'kontaktní centra', 'contact centres'],
  [SocialServiceType.CRISIS_ASSISTANCE, '§60', 23, 'krizová pomoc', 'crisis assistance'],
  [SocialServiceType.INTERVENTION_CENTRES, '§60a', 34, 'intervenční centra', 'intervention centres (domestic violence)'],
  [SocialServiceType.LOW_THRESHOLD_DAY_CENTRES, '§61', 24, 'nízkoprahová denní centra', 'low-threshold day centres'],
  [
    SocialServiceType.LOW_THRESHOLD_FACILITIES_FOR_CHILDREN_AND_YOUTH,
    '§62',
    25,
    'nízkoprahová zařízení pro děti a mládež',
    'low-threshold facilities for children and youth',
  ],
  [SocialServiceType.NIGHT_SHELTERS, '§63', 26, 'noclehárny', 'night shelters'],
  [SocialServiceType.AFTERCARE_SERVICES, '§64', 27, 'služby následné péče', 'aftercare services'],
  [
    SocialServiceType.SOCIAL_ACTIVATION_FOR_FAMILIES_WITH_CHILDREN,
    '§65',
    28,
    'sociálně aktivizační služby pro rodiny s dětmi',
    'social activation services for families with children',
  ],
  [
    SocialServiceType.SOCIAL_ACTIVATION_FOR_SENIORS_AND_PEOPLE_WITH_DISABILITIES,
    '§66',
    29,
    'sociálně aktivizační služby pro seniory a osoby se zdravotním postižením',
    'social activation services for seniors and people with disabilities',
  ],
  [SocialServiceType.SOCIAL_THERAPEUTIC_WORKSHOPS, '§67', 30, 'sociálně terapeutické dílny', 'social therapeutic workshops'],
  [SocialServiceType.THERAPEUTIC_COMMUNITIES, '§68', 31, 'terapeutické komunity', 'therapeutic communities'],
  [SocialServiceType.OUTREACH_PROGRAMMES, '§69', 32, 'terénní programy', 'outreach programmes'],
  [SocialServiceType.SOCIAL_REHABILITATION, '§70', 33, 'sociální rehabilitace', 'social rehabilitation'],
];

/** Every kind, in the order of the law. */
export const SOCIAL_SERVICE_TYPES: readonly SocialServiceTypeInfo[] = TYPES.map(([type, paragraph, code, cs, en]) => ({
  type,
  paragraph,
  registerCode: `DruhSocialniSluzby/${code}`,
  label: { cs, en },
}));

const byType = new Map(SOCIAL_SERVICE_TYPES.map((t) => [t.type, t]));
const byCode = new Map(SOCIAL_SERVICE_TYPES.map((t) => [t.registerCode, t]));
const byCzechName = new Map(SOCIAL_SERVICE_TYPES.map((t) => [t.label.cs, t]));

export function serviceTypeInfo(type: SocialServiceType): SocialServiceTypeInfo {
  const info = byType.get(type);
  if (!info) throw new Error(`unknown social service type ${type}`);
  return info;
}

/** The kind of a register code ("DruhSocialniSluzby/13") or Czech name ("domovy pro seniory"). */
export function serviceTypeFromRegister(code: string | null, czechName: string | null): SocialServiceType | null {
  const found = (code ? byCode.get(code) : undefined) ?? (czechName ? byCzechName.get(czechName.trim().toLocaleLowerCase('cs')) : undefined);
  return found?.type ?? null;
}

/** Register codes of the forms of provision (FormaSocialniSluzby). */
export const DELIVERY_FORMS: Record<string, ServiceDeliveryForm> = {
  'FormaSocialniSluzby/pob': ServiceDeliveryForm.RESIDENTIAL,
  'FormaSocialniSluzby/amb': ServiceDeliveryForm.OUTPATIENT,
  'FormaSocialniSluzby/ter': ServiceDeliveryForm.FIELD,
};

/** Register codes of what a capacity counts (TypKapacitySocialniSluzby). */
export const CAPACITY_UNITS: Record<string, CapacityUnit> = {
  'TypKapacitySocialniSluzby/klient': CapacityUnit.CLIENTS,
  'TypKapacitySocialniSluzby/kontakt': CapacityUnit.CONTACTS,
  'TypKapacitySocialniSluzby/interv': CapacityUnit.INTERVENTIONS,
  'TypKapacitySocialniSluzby/luzka': CapacityUnit.BEDS,
  'TypKapacitySocialniSluzby/hovor': CapacityUnit.CALLS,
};

/**
 * Labels of the target-group codes (CilovaSkupinaOsoby) confirmed by published code that reads the
 * register. Other codes are kept and shown as they are: their names are in the register's code
 * list cilove-skupiny-osoby.json, which the register file itself does not carry.
 */
const TARGET_GROUP_LABELS: Record<string, Text> = {
  'CilovaSkupinaOsoby/24': { cs: 'senioři', en: 'seniors' },
  'CilovaSkupinaOsoby/26': { cs: 'pečující osoby', en: 'carers' },
  'CilovaSkupinaOsoby/27': { cs: 'osoby s potřebou paliativní péče', en: 'people in need of palliative care' },
  'CilovaSkupinaOsoby/30': { cs: 'osoby žijící s demencí', en: 'people living with dementia' },
};

export function targetGroupLabel(code: string): Text | null {
  return TARGET_GROUP_LABELS[code] ?? null;
}

/** "24" and "CilovaSkupinaOsoby/24" name the same target group. */
export function targetGroupCode(value: string): string {
  return /^\d+$/.test(value) ? `CilovaSkupinaOsoby/${value}` : value;
}

/**
 * Labels of common legal forms (ČSÚ číselník právních forem) of providers; other codes are shown as
 * they are.
 */
const LEGAL_FORMS: Record<string, Text> = {
  '112': { cs: 'společnost s ručením omezeným', en: 'limited liability company' },
  '121': { cs: 'akciová společnost', en: 'joint-stock company' },
  '141': { cs: 'obecně prospěšná společnost', en: 'public benefit company' },
  '161': { cs: 'ústav', en: 'institute (ústav)' },
  '331': { cs: 'příspěvková organizace', en: 'semi-budgetary organisation (příspěvková organizace)' },
  '706': { cs: 'spolek', en: 'association (spolek)' },
  '801': { cs: 'obec', en: 'municipality' },
};

export function legalFormLabel(code: string | null): Text | null {
  return code ? (LEGAL_FORMS[code] ?? null) : null;
}

import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  CapacityUnit,
  ServiceDeliveryForm,
  SocialServiceType,
  type Provider,
  type ProviderRegisterImport,
  type RegisterAddress,
  type SocialService,
} from '../entities/provider.entity';
import { localize, type Locale } from '../i18n/locale';
import { legalFormLabel, SOCIAL_SERVICE_TYPES, serviceTypeInfo, targetGroupLabel, type SocialServiceTypeInfo } from '../common/social-service-types';
import { PageInfo } from './page-info.type';

registerEnumType(SocialServiceType, {
  name: 'SocialServiceType',
  description: 'Kind of social service of zákon 108/2006 Sb., o sociálních službách (§37–§70), as the register of providers records it.',
  valuesConfig: Object.fromEntries(
    SOCIAL_SERVICE_TYPES.map((t) => [t.type, { description: `${t.label.en} (${t.label.cs}, ${t.paragraph}; register code ${t.registerCode}).` }]),
  ),
});

registerEnumType(ServiceDeliveryForm, {
  name: 'ServiceDeliveryForm',
  description: 'How a service is delivered (forma poskytování).',
  valuesConfig: {
    RESIDENTIAL: { description: 'Residential (pobytová): the client lives in the facility.' },
    OUTPATIENT: { description: 'Outpatient (ambulantní): the client comes to the facility.' },
    FIELD: { description: 'Field (terénní): the service comes to the client.' },
  },
});

registerEnumType(CapacityUnit, {
  name: 'CapacityUnit',
  description: 'What a registered capacity counts.',
  valuesConfig: {
    CLIENTS: { description: 'Clients (klienti).' },
    CONTACTS: { description: 'Contacts of 10 minutes (kontakty).' },
    INTERVENTIONS: { description: 'Interventions of 30 minutes (intervence).' },
    BEDS: { description: 'Beds (lůžka).' },
    CALLS: { description: 'Calls (hovory).' },
  },
});

@ObjectType('SocialServiceTypeInfo', { description: 'A kind of social service with its paragraph of the law, its register code and labels.' })
export class SocialServiceTypeInfoType {
  @Field(() => SocialServiceType, { description: 'The kind.' })
  type!: SocialServiceType;

  @Field(() => String, { description: 'Paragraph of zákon 108/2006 Sb., e.g. "§49".' })
  paragraph!: string;

  @Field(() => String, { description: 'Code in the register\'s code list, e.g. "DruhSocialniSluzby/13".' })
  registerCode!: string;

  @Field(() => String, { description: 'Label in the request language.' })
  label!: string;

  @Field(() => String, { description: 'Czech label, as the law names the kind.' })
  labelCs!: string;

  @Field(() => String, { description: 'English label.' })
  labelEn!: string;

  static from(this: void, t: SocialServiceTypeInfo, locale: Locale): SocialServiceTypeInfoType {
    return Object.assign(new SocialServiceTypeInfoType(), {
      type: t.type,
      paragraph: t.paragraph,
      registerCode: t.registerCode,
      label: localize(t.label, locale),
      labelCs: t.label.cs,
      labelEn: t.label.en,
    });
  }
}

@ObjectType('RegisterAddress', { description: 'An address as the register of providers gives it; the municipality comes only as its code.' })
export class RegisterAddressType {
  @Field(() => String, { nullable: true, description: 'Street (ulice).' })
  street!: string | null;

  @Field(() => Int, { nullable: true, description: 'House number (číslo domovní / popisné).' })
  houseNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'Orientation number (číslo orientační), e.g. "12a".' })
  orientationNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Postcode (PSČ), five digits.' })
  postcode!: string | null;

  @Field(() => Int, { nullable: true, description: 'Code of the municipality (kód obce), e.g. 562971 for Chomutov.' })
  municipalityCode!: number | null;

  @Field(() => Int, { nullable: true, description: 'Code of the RÚIAN address point (kód adresního místa).' })
  addressPointCode!: number | null;

  @Field(() => String, { description: 'The address on one line, e.g. "Palackého 1234/5, 430 01".' })
  text!: string;

  static from(this: void, a: RegisterAddress): RegisterAddressType {
    const number = [a.houseNumber, a.orientationNumber].filter((n) => n !== null && n !== '').join('/');
    const street = [a.street, number].filter(Boolean).join(' ');
    const postcode = a.postcode && /^\d{5}$/.test(a.postcode) ? `${a.postcode.slice(0, 3)} ${a.postcode.slice(3)}` : a.postcode;
    return Object.assign(new RegisterAddressType(), { ...a, text: [street, postcode].filter(Boolean).join(', ') });
  }
}

@ObjectType('ServiceTargetGroup', { description: 'A target group of a service (cílová skupina), as a code of the register.' })
export class ServiceTargetGroupType {
  @Field(() => String, { description: 'Register code, e.g. "CilovaSkupinaOsoby/24".' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Label in the request language, e.g. "senioři"; null for a code whose name is not known here.' })
  label!: string | null;
}

@ObjectType('ServiceCapacity', { description: 'A registered maximum capacity of a service (not free places).' })
export class ServiceCapacityType {
  @Field(() => Int, { nullable: true, description: 'How many.' })
  count!: number | null;

  @Field(() => CapacityUnit, { description: 'What is counted.' })
  unit!: CapacityUnit;

  @Field(() => String, { nullable: true, description: 'The register\'s note, e.g. the day the capacity took effect.' })
  description!: string | null;
}

@ObjectType('ServiceForm', { description: 'A form in which a service is delivered, with its capacities.' })
export class ServiceFormType {
  @Field(() => ServiceDeliveryForm, { description: 'The form.' })
  form!: ServiceDeliveryForm;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is provided round the clock (nepřetržitě).' })
  continuous!: boolean | null;

  @Field(() => [ServiceCapacityType], { description: 'Registered capacities in this form.' })
  capacities!: ServiceCapacityType[];
}

@ObjectType('ServiceFacility', { description: 'A place where a service is provided (zařízení, místo poskytování).' })
export class ServiceFacilityType {
  @Field(() => String, { nullable: true, description: 'Name of the facility.' })
  name!: string | null;

  @Field(() => RegisterAddressType, { nullable: true, description: 'Its address; null when withheld.' })
  address!: RegisterAddressType | null;

  @Field(() => Boolean, { description: 'Whether the register withholds the address (utajená adresa, e.g. a shelter for victims of violence).' })
  addressWithheld!: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Provided here from (YYYY-MM-DD).' })
  providedFrom!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Provided here until (YYYY-MM-DD); null while open-ended.' })
  providedTo!: string | null;
}

/** Public contacts of an organisation, as the register gives them for a provider and for each service. */
@ObjectType()
abstract class PublicContacts {
  @Field(() => [String], { description: 'E-mail addresses (public contacts of the organisation, as registered).' })
  emails!: string[];

  @Field(() => [String], { description: 'Phone numbers, as registered.' })
  phones!: string[];

  @Field(() => [String], { description: 'Web sites, as registered.' })
  websites!: string[];
}

@ObjectType('SocialService', { description: 'A registered social service of a provider (public), with its own contacts.' })
export class RegisteredServiceType extends PublicContacts {
  @Field(() => ID, { description: 'Identifier of the service in this catalogue.' })
  id!: string;

  @Field(() => String, { description: 'Identifier of the service in the register (identifikátor sociální služby).' })
  identifier!: string;

  @Field(() => SocialServiceType, { description: 'Kind of service.' })
  serviceType!: SocialServiceType;

  @Field(() => String, { description: 'Kind of service in the request language, e.g. "pečovatelská služba".' })
  serviceTypeLabel!: string;

  @Field(() => String, { nullable: true, description: 'Name of its first facility; the register gives a service no name of its own.' })
  name!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Provided since (YYYY-MM-DD).' })
  providedFrom!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day the register says it is provided (YYYY-MM-DD); null while open-ended.' })
  providedTo!: string | null;

  @Field(() => Boolean, { description: 'Whether it is in the register today: not removed by an import and not past its last day.' })
  active!: boolean;

  @Field(() => Date, { nullable: true, description: 'When an import found it no longer in the register; null while it is.' })
  removedAt!: Date | null;

  @Field(() => [ServiceTargetGroupType], { description: 'Target groups (cílové skupiny).' })
  targetGroups!: ServiceTargetGroupType[];

  @Field(() => [ServiceFormType], { description: 'Forms of delivery with their registered capacities.' })
  forms!: ServiceFormType[];

  @Field(() => [ServiceFacilityType], { description: 'Places of provision (zařízení).' })
  facilities!: ServiceFacilityType[];

  @Field(() => [Int], { description: 'Codes of the municipalities it serves (kód obce of its current facilities).' })
  municipalityCodes!: number[];

  providerId!: string;

  static from(this: void, s: SocialService, locale: Locale, today: string): RegisteredServiceType {
    return Object.assign(new RegisteredServiceType(), {
      id: s.id,
      identifier: s.identifier,
      serviceType: s.serviceType,
      serviceTypeLabel: localize(serviceTypeInfo(s.serviceType).label, locale),
      name: s.facilities.find((f) => f.name)?.name ?? null,
      providedFrom: s.providedFrom,
      providedTo: s.providedTo,
      active: s.removedAt === null && (s.providedTo === null || s.providedTo >= today),
      removedAt: s.removedAt,
      targetGroups: s.targetGroups.map((code) => {
        const label = targetGroupLabel(code);
        return Object.assign(new ServiceTargetGroupType(), { code, label: label ? localize(label, locale) : null });
      }),
      forms: s.forms.map((f) => Object.assign(new ServiceFormType(), { ...f, capacities: f.capacities.map((c) => Object.assign(new ServiceCapacityType(), c)) })),
      facilities: s.facilities.map((f) =>
        Object.assign(new ServiceFacilityType(), {
          name: f.name,
          address: f.address ? RegisterAddressType.from(f.address) : null,
          addressWithheld: f.addressWithheld,
          providedFrom: f.from,
          providedTo: f.to,
        }),
      ),
      municipalityCodes: s.municipalityCodes,
      emails: s.emails,
      phones: s.phones,
      websites: s.websites,
      providerId: s.provider.id,
    });
  }
}

@ObjectType('Provider', { description: 'A registered provider of social services (public, with the organisation\'s public contacts).' })
export class ProviderType extends PublicContacts {
  @Field(() => ID, { description: 'Identifier of the provider in this catalogue.' })
  id!: string;

  @Field(() => String, { description: 'Company number (IČO), eight digits.' })
  ico!: string;

  @Field(() => String, { description: 'Name of the provider.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Code of the legal form (ČSÚ), e.g. "706".' })
  legalFormCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Legal form in the request language, e.g. "spolek"; null when not known here.' })
  legalForm!: string | null;

  @Field(() => RegisterAddressType, { nullable: true, description: 'Registered office (sídlo), when the register gives it.' })
  address!: RegisterAddressType | null;

  @Field(() => Date, { description: 'When an import last changed it.' })
  updatedAt!: Date;

  static from(this: void, p: Provider, locale: Locale): ProviderType {
    const legalForm = legalFormLabel(p.legalFormCode);
    return Object.assign(new ProviderType(), {
      id: p.id,
      ico: p.ico,
      name: p.name,
      legalFormCode: p.legalFormCode,
      legalForm: legalForm ? localize(legalForm, locale) : null,
      emails: p.emails,
      phones: p.phones,
      websites: p.websites,
      address: p.address ? RegisterAddressType.from(p.address) : null,
      updatedAt: p.updatedAt,
    });
  }
}

@ObjectType('ProviderEdge', { description: 'A provider in a page of providers.' })
export class ProviderEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => ProviderType, { description: 'The provider.' })
  node!: ProviderType;
}

@ObjectType('ProviderConnection', { description: 'A page of providers, by name.' })
export class ProviderConnection {
  @Field(() => [ProviderEdge], { description: 'The providers on this page.' })
  edges!: ProviderEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many providers match, over all pages.' })
  totalCount!: number;
}

@ObjectType('ProviderRegisterImport', { description: 'What an import of the register of providers did.' })
export class ProviderRegisterImportType {
  @Field(() => ID, { description: 'Identifier of the import.' })
  id!: string;

  @Field(() => String, { description: 'SHA-256 of the file (hex).' })
  sha256!: string;

  @Field(() => Int, { description: 'Size of the file in bytes.' })
  sizeBytes!: number;

  @Field(() => Int, { description: 'Providers in the file.' })
  providersInFile!: number;

  @Field(() => Int, { description: 'Services in the file.' })
  servicesInFile!: number;

  @Field(() => Int, { description: 'Providers new to the catalogue.' })
  providersCreated!: number;

  @Field(() => Int, { description: 'Providers whose details changed.' })
  providersUpdated!: number;

  @Field(() => Int, { description: 'Providers already in the catalogue as the file has them.' })
  providersUnchanged!: number;

  @Field(() => Int, { description: 'Services new to the catalogue.' })
  servicesCreated!: number;

  @Field(() => Int, { description: 'Services whose details changed (or that came back to the register).' })
  servicesUpdated!: number;

  @Field(() => Int, { description: 'Services already in the catalogue as the file has them.' })
  servicesUnchanged!: number;

  @Field(() => Int, { description: 'Services of the file\'s providers that the file no longer lists: marked removed, not deleted.' })
  servicesEnded!: number;

  @Field(() => Date, { description: 'When the import ran.' })
  importedAt!: Date;

  static from(this: void, r: ProviderRegisterImport): ProviderRegisterImportType {
    return Object.assign(new ProviderRegisterImportType(), {
      id: r.id,
      sha256: r.sha256,
      sizeBytes: r.sizeBytes,
      providersInFile: r.providersInFile,
      servicesInFile: r.servicesInFile,
      providersCreated: r.providersCreated,
      providersUpdated: r.providersUpdated,
      providersUnchanged: r.providersUnchanged,
      servicesCreated: r.servicesCreated,
      servicesUpdated: r.servicesUpdated,
      servicesUnchanged: r.servicesUnchanged,
      servicesEnded: r.servicesEnded,
      importedAt: r.importedAt,
    });
  }
}

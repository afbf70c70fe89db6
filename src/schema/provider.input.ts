import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SocialServiceType } from '../entities/provider.entity';
import './provider.type';
import { IsPlainText } from './validators';

@InputType({ description: 'Which providers to list; every criterion given must hold, and the service criteria for one service in the register today.' })
export class ProviderFilter {
  @Field(() => String, { nullable: true, description: 'Words in the name, case-insensitive, or the beginning of the IČO.' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  search?: string | null;

  @Field(() => SocialServiceType, { nullable: true, description: 'Only providers of a service of this kind.' })
  @IsOptional()
  serviceType?: SocialServiceType | null;

  @Field(() => ID, { nullable: true, description: 'Only providers of a service in a municipality of this area (matched by `Municipality.code`).' })
  @IsOptional()
  @IsUUID('all')
  areaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only providers of a service in this municipality (matched by its `code`; none without one).' })
  @IsOptional()
  @IsUUID('all')
  municipalityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only providers of a service for this target group: its register code, "CilovaSkupinaOsoby/24" or just "24".' })
  @IsOptional()
  @Matches(/^(CilovaSkupinaOsoby\/)?\d{1,6}$/, { message: 'targetGroup must be a register code such as CilovaSkupinaOsoby/24' })
  targetGroup?: string | null;
}

@InputType({ description: 'A file of the national register of social-service providers to import.' })
export class ImportProviderRegisterInput {
  @Field(() => String, {
    description:
      'The file\'s content: the register\'s open-data JSON (https://data.mpsv.cz/od/soubory/rpss/rpss.json, `{"polozky": [...]}`), an extract of it (e.g. the providers of one region) of at most 100,000 characters, within the 100 kB request limit. The whole national file is imported by the operator with `npm run import-providers -- rpss.json`.',
  })
  @IsString()
  @Length(1, 100_000)
  content!: string;
}

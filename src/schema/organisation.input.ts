import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsPlainText } from './validators';

@InputType({ description: 'A new organisation of an area.' })
export class CreateOrganisationInput {
  @Field(() => ID, { description: 'The area the organisation belongs to.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { description: 'Name, e.g. "Diakonie ČCE – středisko Chomutov, z. s.".' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'IČO (company number), e.g. "25755277"; spaces are ignored. Eight digits with a valid check digit (weighted modulo 11), else BAD_USER_INPUT; another organisation of the area with the same IČO is CONFLICT (with its `organisationId`). With an IČO the organisation is linked to the provider of that IČO in the catalogue, when there is one.',
  })
  @IsOptional()
  @Length(1, 20)
  @IsPlainText()
  ico?: string | null;
}

@InputType({ description: 'Changes to an organisation; omitted fields stay, null clears the IČO.' })
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID('all')
  organisationId!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string;

  @Field(() => String, { nullable: true, description: 'New IČO (validated as on creation), or null to clear.' })
  @IsOptional()
  @Length(1, 20)
  @IsPlainText()
  ico?: string | null;
}

import { IsEmail, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsPlainText } from './validators';

const PHONE = /^\+?[0-9 ()\-/]{6,30}$/;

@InputType({ description: 'A new person of an area.' })
export class CreatePersonInput {
  @Field(() => ID, { description: 'The area the person belongs to.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { description: 'Full name.' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail.' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone, e.g. "+420 777 123 456".' })
  @IsOptional()
  @Length(1, 40)
  @Matches(PHONE, { message: 'phone must be a phone number such as +420 777 123 456' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the person works for, of the same area (see `createOrganisation`).' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Subject (`sub`) of the person\'s identity-provider account, unique in the area; omit for people who do not sign in.' })
  @IsOptional()
  @Length(1, 255)
  @IsPlainText()
  subject?: string | null;
}

@InputType({ description: 'Changes to a person; omitted fields stay, null clears an optional field. A person may change their own name and contacts; the organisation and the subject only admins and coordinators.' })
export class UpdatePersonInput {
  @Field(() => ID, { description: 'The person.' })
  @IsUUID('all')
  personId!: string;

  @Field(() => String, { nullable: true, description: 'New full name.' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string;

  @Field(() => String, { nullable: true, description: 'New e-mail, or null to clear.' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'New phone, or null to clear.' })
  @IsOptional()
  @Length(1, 40)
  @Matches(PHONE, { message: 'phone must be a phone number such as +420 777 123 456' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the person works for, of the same area, or null to clear. Admins and coordinators only: it decides conflicts of interest and who acts for a guarantor organisation.' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'New identity-provider subject, or null to clear.' })
  @IsOptional()
  @Length(1, 255)
  @IsPlainText()
  subject?: string | null;
}

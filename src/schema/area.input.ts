import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AreaKind } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({ description: 'A new planning area.' })
export class CreateAreaInput {
  @Field(() => String, { description: 'Name, unique among areas, e.g. "ORP Chomutov".' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => AreaKind, { description: 'Town or ORP district.' })
  @IsEnum(AreaKind)
  kind!: AreaKind;

  @Field(() => String, { defaultValue: 'standard', description: 'Key of the approval workflow template (see `workflowDefinitions`).' })
  @Length(1, 64)
  @IsPlainText()
  workflowKey!: string;
}

@InputType({ description: 'Changes to a planning area; omitted fields stay as they are.' })
export class UpdateAreaInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string;

  @Field(() => AreaKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  kind?: AreaKind;

  @Field(() => String, { nullable: true, description: 'New workflow key; proposals already started keep theirs.' })
  @IsOptional()
  @Length(1, 64)
  @IsPlainText()
  workflowKey?: string;
}

@InputType({ description: 'A member municipality to add to an area.' })
export class AddMunicipalityInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { description: 'Name of the municipality, unique in the area.' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => Int, { description: 'Number of inhabitants.' })
  @IsInt()
  @Min(0)
  @Max(2_000_000)
  population!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Code of the municipality (kód obce, six digits, e.g. 562971 for Chomutov), unique in the area; links it to the services of the provider catalogue.',
  })
  @IsOptional()
  @IsInt()
  @Min(500_000)
  @Max(599_999)
  code?: number | null;
}

import { IsUUID } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('PersonalDataExport', {
  description:
    'Everything the service holds about one person (GDPR access / portability): the person row and every row that refers to the person, as one JSON value. Documents are listed by their metadata, without content.',
})
export class PersonalDataExportType {
  @Field(() => ID, { description: 'The person exported.' })
  personId!: string;

  @Field(() => Date, { description: 'When the export was made.' })
  exportedAt!: Date;

  @Field(() => [String], {
    description: 'Every place searched for the person, as `table.column` (e.g. `minutes.verified_by_id`); `outbox.payload.recipients` is the notices addressed to them.',
  })
  coverage!: string[];

  @Field(() => GraphQLJSON, {
    description:
      'The export as one JSON value: `{ format, exportedAt, area, person, records: { <table>: [rows] }, coverage, notes }`; each row is the database row as it is (ids, dates as ISO text, texts). Save it as a `.json` file for the person.',
  })
  document!: unknown;
}

@InputType({ description: "A person whose personal data is to be erased." })
export class ErasePersonInput {
  @Field(() => ID, { description: 'The person.' })
  @IsUUID('all')
  personId!: string;
}

import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { PersonType } from '../schema/person.type';
import { ErasePersonInput, PersonalDataExportType } from '../schema/personal-data.type';

@Resolver(() => PersonalDataExportType)
export class PersonalDataResolver {
  @Query(() => PersonalDataExportType, {
    description:
      "Everything held about a person, as JSON (GDPR access). The person themselves and the area's admins (and global admins); others of the area get FORBIDDEN, anyone else NOT_FOUND.",
  })
  async personalDataExport(
    @Ctx() ctx: RequestContext,
    @Arg('personId', () => ID, { description: 'The person.' }) personId: string,
  ): Promise<PersonalDataExportType> {
    const result = await ctx.services.personalData.export(ctx, personId);
    return Object.assign(new PersonalDataExportType(), { ...result, coverage: [...result.coverage] });
  }

  @Mutation(() => PersonType, {
    description:
      "Erases a person's personal data (GDPR erasure), in one transaction: the name becomes \"Smazaná osoba\" / \"Deleted person\", e-mail, phone, organisation and login subject are removed (the person can no longer sign in), current area roles are revoked and seats end today, the person's notifications are deleted. Where the person acted, sat, voted, authored, guaranteed or recorded, the record stays under the person's id and shows a deleted person; the workflow history is untouched and still verifies. The erasure is recorded (who, whom, when). Repeating it returns the erased person and changes nothing. The area's admins and global admins; the last admin of an area is refused with CONFLICT (unless a global admin erases).",
  })
  async erasePerson(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ErasePersonInput, { description: 'What to do; see the input type.' }) input: ErasePersonInput,
  ): Promise<PersonType> {
    return PersonType.from(await ctx.services.personalData.erase(ctx, input.personId));
  }
}

import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { DecisionHistoryFormat, DocumentEncoding, ExportedDocumentType, MinutesFormat } from '../schema/export.type';
import type { ExportedDocument } from '../services/exported-document';

export const toDocument = (d: ExportedDocument): ExportedDocumentType => Object.assign(new ExportedDocumentType(), { ...d, encoding: DocumentEncoding[d.encoding] });

/** The record out as files: an area's decision history, a meeting's minutes, the people and seats. */
@Resolver(() => ExportedDocumentType)
export class ExportResolver {
  @Query(() => ExportedDocumentType, {
    description:
      "An area's decision history for a period, for an auditor: the proposals that moved in it, each with its whole hash-chained history up to the period's end (every hashed field, `prevHash`, `hash`), and the meetings held in it with their resolutions and votes. JSON is verified offline by `node scripts/verify-history.mjs <file>`. Whoever holds a role in the area; each record as its own read rule allows (the admins and coordinators get every one). At most 20,000 events a file: a period holding more is BAD_USER_INPUT (export it in parts).",
  })
  async exportDecisionHistory(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { description: 'The area.' }) areaId: string,
    @Arg('from', () => GraphQLLocalDate, { description: 'The first day of the period, YYYY-MM-DD (a calendar day in Prague).' }) from: string,
    @Arg('to', () => GraphQLLocalDate, { description: 'The last day of the period, YYYY-MM-DD, included.' }) to: string,
    @Arg('format', () => DecisionHistoryFormat, { defaultValue: DecisionHistoryFormat.JSON, description: 'JSON (verifiable offline) or CSV (for a spreadsheet).' }) format: DecisionHistoryFormat,
  ): Promise<ExportedDocumentType> {
    const query = { areaId, from, to };
    return toDocument(format === DecisionHistoryFormat.CSV ? await ctx.services.decisionHistory.csv(ctx, query) : await ctx.services.decisionHistory.json(ctx, query));
  }

  @Query(() => ExportedDocumentType, {
    description:
      "A meeting's minutes as a document: the body, time and place, attendance by side of the triad (present, excused, absent) with the quorum, the agenda, the resolutions with their votes, the minutes' text, who drafted and verified them and when, and the version. For whoever may read the minutes: verified ones with the meeting, a draft its body's members, minute-taker, chair and the managers; NOT_FOUND when there are none the viewer may read.",
  })
  async exportMinutes(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID, { description: 'The meeting.' }) meetingId: string,
    @Arg('format', () => MinutesFormat, { defaultValue: MinutesFormat.MARKDOWN, description: 'MARKDOWN or PDF.' }) format: MinutesFormat,
    @Arg('version', () => Int, { nullable: true, description: 'A version of the minutes; the latest the viewer may read when left out.' }) version: number | null | undefined,
  ): Promise<ExportedDocumentType> {
    const query = { meetingId, version: version ?? null };
    return toDocument(format === MinutesFormat.PDF ? await ctx.services.minutesExport.pdf(ctx, query) : await ctx.services.minutesExport.markdown(ctx, query));
  }

  @Query(() => ExportedDocumentType, {
    description:
      "The area's people and their seats as CSV for the coordinator (as Czech Excel opens it): name, organisation, e-mail and phone, roles in the area, and each seat's body, role, side of the triad, voting right, the organisation it represents and its term. The area's admins and coordinators; erased people are left out.",
  })
  async exportPeopleAndSeats(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { description: 'The area.' }) areaId: string,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only the seats held today (everyone is still listed).' }) activeOnly: boolean,
  ): Promise<ExportedDocumentType> {
    return toDocument(await ctx.services.peopleExport.csv(ctx, { areaId, activeOnly }));
  }
}

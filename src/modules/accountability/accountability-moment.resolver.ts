import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byCreatedAsc, byName } from '../../shared/order';
import { LocalDateScalar } from '../../shared/scalars';
import { badInput } from '../../shared/errors';
import { LIST_MAX, TEXT_MAX } from '../../shared/validation';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { EvidenceDocument } from './evidence-document.entity';
import { MomentService } from './moment.service';
import { momentStatus, MomentStatus } from './moment-status';
import { currentEvidence, isDocumented } from './evidence-status';
import { Obligation } from './obligation.entity';
import { momentOf, MomentRow } from './moment-row';
import { applicationsOf } from './obligation-applications';
import { EvidenceInput, MomentFilter, MomentSort, RecordMomentHeldInput } from './obligation.inputs';
import { clock } from '../../shared/clock';

registerEnumType(MomentSort, {
  name: 'MomentSort',
  description: 'Order of the moment list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    DUE_ASC: { description: 'Earliest due date first.' },
    DUE_DESC: { description: 'Latest due date first.' },
  },
});

const MomentConnection = Connection(AccountabilityMoment, 'AccountabilityMoment', 'accountability moment');

const asOfArg = { nullable: true, description: 'The day to judge on; today when left out.' } as const;

@Resolver(() => AccountabilityMoment)
export class AccountabilityMomentResolver {
  private readonly service = new MomentService();

  @Query(() => AccountabilityMoment, { description: 'One accountability moment (verantwoordingsmoment) by id; NOT_FOUND when there is none.' })
  accountabilityMoment(@Arg('id', () => ID, { description: 'Moment id.' }) id: string, @Ctx() ctx: RequestContext) {
    return findOrFail(ctx.em, AccountabilityMoment, id);
  }

  @Query(() => MomentConnection, {
    description: 'Accountability moments of obligations that are not archived, filtered (also by status on `asOf`) and paged.',
  })
  async accountabilityMoments(
    @Arg('filter', () => MomentFilter, { nullable: true, description: 'Filters; all must match.' }) filter: MomentFilter | null,
    @Arg('asOf', () => LocalDateScalar, { ...asOfArg, description: 'The day the status filter judges on; today when left out.' }) asOf: string | null,
    @Arg('sort', () => MomentSort, { defaultValue: MomentSort.DUE_ASC, description: 'Order of the list.' }) sort: MomentSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, asOf ?? clock.today(), sort, page, ctx.pageLimits);
  }

  @Mutation(() => AccountabilityMoment, {
    description: 'Records a moment as held (afgelegd), with participants, minutes, the interaction and evidence. Recording again corrects it; evidence is only ever added.',
  })
  recordMomentHeld(
    @Arg('id', () => ID, { description: 'Moment id.' }) id: string,
    @Arg('input', () => RecordMomentHeldInput, { description: 'What happened.' }) input: RecordMomentHeldInput,
    @Ctx() ctx: RequestContext,
  ) {
    const day = clock.today();
    return ctx.mutate((em) => this.service.recordHeld(em, id, input, day));
  }

  @Mutation(() => AccountabilityMoment, { description: 'Adds evidence documents (bewijsstukken) to a moment that was held; refused (CONFLICT) for a moment not held.' })
  addMomentEvidence(
    @Arg('momentId', () => ID, { description: 'Moment id.' }) momentId: string,
    @Arg('evidence', () => [EvidenceInput], { description: 'The documents to add.' }) evidence: EvidenceInput[],
    @Ctx() ctx: RequestContext,
  ) {
    if (evidence.length > LIST_MAX) throw badInput('evidence', `at most ${LIST_MAX} documents at once`);
    const day = clock.today();
    return ctx.mutate((em) => this.service.addEvidence(em, momentId, evidence, day));
  }

  @Mutation(() => AccountabilityMoment, { description: 'Waives a moment that was not held (vervallen verklaren), with the reason; its status becomes WAIVED from that day.' })
  waiveMoment(
    @Arg('id', () => ID, { description: 'Moment id.' }) id: string,
    @Arg('reason', () => String, { description: 'Why it is not needed this time.' }) reason: string,
    @Arg('waivedOn', () => LocalDateScalar, { nullable: true, description: 'The day it was waived; today when left out; not in the future.' }) waivedOn: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    if (!reason.trim()) throw badInput('reason', 'give the reason the moment is waived');
    if (reason.length > TEXT_MAX) throw badInput('reason', `at most ${TEXT_MAX} characters`);
    const day = clock.today();
    return ctx.mutate((em) => this.service.waive(em, id, reason, waivedOn ?? day, day));
  }

  @Mutation(() => AccountabilityMoment, { description: 'Takes back a waiver, so that the moment is due again.' })
  reopenMoment(@Arg('id', () => ID, { description: 'Moment id.' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.reopen(em, id));
  }

  @FieldResolver(() => Obligation, { description: 'The obligation it belongs to.' })
  obligation(@Root() m: AccountabilityMoment | MomentRow, @Ctx() ctx: RequestContext) {
    // A report's row comes with its obligation's row.
    return m instanceof MomentRow ? m.obligation : ctx.loaders.load(m, 'obligation');
  }

  @FieldResolver(() => MomentStatus, { description: 'Its status on `asOf`: only what had happened by the end of that day counts.' })
  async status(
    @Root() m: AccountabilityMoment | MomentRow,
    @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MomentStatus> {
    const obligation = m instanceof MomentRow ? m.obligation : await ctx.loaders.load(m, 'obligation');
    const applications = await applicationsOf(ctx, obligation.id);
    return momentStatus(m, { warningDays: obligation.warningDays, applications }, asOf ?? clock.today());
  }

  @FieldResolver(() => [Stakeholder], { description: 'Stakeholders that took part, by name.' })
  async participants(@Root() m: AccountabilityMoment | MomentRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(await momentOf(ctx, m), 'participants');
    return takeFirst([...all].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [ContactPerson], { description: 'Contact persons that took part, by name.' })
  async participantContacts(@Root() m: AccountabilityMoment | MomentRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(await momentOf(ctx, m), 'participantContacts');
    return takeFirst([...all].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [EvidenceDocument], {
    description: 'Evidence documents (bewijsstukken) in the order they were added: those that count on `asOf` (dated by then, not corrected by then), or every entry with `includeSuperseded`.',
  })
  async evidence(
    @Root() m: AccountabilityMoment | MomentRow,
    @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null,
    @Arg('includeSuperseded', () => Boolean, { defaultValue: false, description: 'true lists corrected entries (and later-dated ones) too: the full history.' }) includeSuperseded: boolean,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = [...(await ctx.loaders.load(await momentOf(ctx, m), 'evidence'))].sort(byCreatedAsc);
    const listed = includeSuperseded ? all : currentEvidence(all.map(evidenceFacts), asOf ?? clock.today()).map((f) => f.doc);
    return takeFirst(listed, first, ctx.pageLimits);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether evidence documents it on `asOf`: at least one entry dated by then and not corrected by then. A moment held but not documented is listed apart in the compliance report.',
  })
  async documented(@Root() m: AccountabilityMoment | MomentRow, @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null, @Ctx() ctx: RequestContext): Promise<boolean> {
    return isDocumented((await ctx.loaders.load(await momentOf(ctx, m), 'evidence')).map(evidenceFacts), asOf ?? clock.today());
  }

  @FieldResolver(() => Interaction, { nullable: true, description: 'The interaction (contactmoment) it took place in.' })
  async interaction(@Root() m: AccountabilityMoment | MomentRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(await momentOf(ctx, m), 'interaction');
  }
}

const evidenceFacts = (doc: EvidenceDocument) => ({ id: doc.id, documentDate: doc.documentDate, supersedesId: doc.supersedesId ?? null, doc });

@Resolver(() => EvidenceDocument)
export class EvidenceDocumentResolver {
  @FieldResolver(() => EvidenceDocument, { nullable: true, description: 'The earlier entry this one corrects; null for a first entry.' })
  supersedes(@Root() d: EvidenceDocument, @Ctx() ctx: RequestContext) {
    if (!d.supersedesId) return null;
    return ctx.loaders.batch('evidence.byId', async (ids: readonly string[]) => {
      const found = new Map((await ctx.em.find(EvidenceDocument, { id: { $in: [...ids] } })).map((e) => [e.id, e]));
      return ids.map((id) => found.get(id) ?? null);
    }, d.supersedesId);
  }

  @FieldResolver(() => EvidenceDocument, { nullable: true, description: 'The later entry that corrects this one; null while nothing does.' })
  supersededBy(@Root() d: EvidenceDocument, @Ctx() ctx: RequestContext) {
    return ctx.loaders.batch('evidence.supersededBy', async (ids: readonly string[]) => {
      const corrections = await ctx.em.find(EvidenceDocument, { supersedesId: { $in: [...ids] } });
      const byOld = new Map(corrections.map((c) => [c.supersedesId!, c]));
      return ids.map((id) => byOld.get(id) ?? null);
    }, d.id);
  }
}

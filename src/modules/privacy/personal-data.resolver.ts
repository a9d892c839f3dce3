import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { FirstArg, takeFirst } from '../../shared/pagination';
import { createLogger, currentLogger } from '../../logger';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { AuditChange } from '../audit/audit.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { PersonalDataService } from './personal-data.service';
import { clock } from '../../shared/clock';
import { isHidden } from '../../shared/visibility';

/** Outside a request there is no one to tell. */
const QUIET = createLogger('silent');

@ObjectType({ description: 'Everything the register holds about one contact person (inzageverzoek, AVG art. 15); `document` holds all of it, the lists take `first`.' })
export class PersonalDataExport {
  @Field({ description: 'When the export was made.' })
  exportedAt!: Date;

  @Field(() => ContactPerson, { description: 'The contact person.' })
  contact!: ContactPerson;

  @Field(() => [Interaction], { description: 'Interactions they took part in, oldest first.' })
  interactions!: Interaction[];

  @Field(() => [AccountabilityMoment], { description: 'Accountability moments they took part in.' })
  moments!: AccountabilityMoment[];

  @Field(() => [AuditChange], { description: 'Every recorded change of their data.' })
  auditChanges!: AuditChange[];

  @Field({ description: 'All of the above as one JSON document, to hand over.' })
  document!: string;
}

@Resolver()
export class PersonalDataResolver {
  private readonly service = new PersonalDataService();

  @Query(() => PersonalDataExport, { description: 'Exports all that is held about a contact person (administrators only).' })
  async personalDataExport(@Arg('contactPersonId', () => ID, { description: 'Contact person id.' }) id: string, @Ctx() ctx: RequestContext): Promise<PersonalDataExport> {
    const data = await this.service.collect(ctx.em, id);
    const exportedAt = clock.now();
    return { exportedAt, ...data, document: this.service.document(data, exportedAt, (field) => isHidden(ctx.em, ContactPerson, field)) };
  }

  @Mutation(() => ContactPerson, {
    description:
      'Erases a contact person on request (recht op vergetelheid, AVG art. 17): name, role, e-mail and phone are redacted everywhere, also in the audit trail, and the contact is archived. Their name, e-mail and phone, current and earlier, become [erased] (in any letter case) in the free text of interactions, follow-up actions, accountability moments and evidence that mention them, and in the audit values of that text. The erasure itself is recorded. Administrators only; cannot be undone.',
  })
  async eraseContactPerson(@Arg('id', () => ID, { description: 'Contact person id.' }) id: string, @Ctx() ctx: RequestContext) {
    const contact = await ctx.mutate((em) => this.service.erase(em, id));
    // After the commit: the old versions of the pages leave SQLite's WAL only now.
    if (!(await this.service.checkpoint(ctx.orm))) {
      currentLogger(QUIET).warn('erasure committed, but the WAL checkpoint was blocked by a reader: old values stay in the -wal file until the next checkpoint');
    }
    return contact;
  }
}

/** The export's lists are bounded like every nested list; `document` is always complete. */
@Resolver(() => PersonalDataExport)
export class PersonalDataExportListsResolver {
  @FieldResolver(() => [Interaction], { description: 'Interactions they took part in, oldest first.' })
  interactions(@Root() e: PersonalDataExport, @FirstArg() first: number | null, @Ctx() ctx: RequestContext): Interaction[] {
    return takeFirst(e.interactions, first, ctx.pageLimits);
  }

  @FieldResolver(() => [AccountabilityMoment], { description: 'Accountability moments they took part in.' })
  moments(@Root() e: PersonalDataExport, @FirstArg() first: number | null, @Ctx() ctx: RequestContext): AccountabilityMoment[] {
    return takeFirst(e.moments, first, ctx.pageLimits);
  }

  @FieldResolver(() => [AuditChange], { description: 'Every recorded change of their data, oldest first.' })
  auditChanges(@Root() e: PersonalDataExport, @FirstArg() first: number | null, @Ctx() ctx: RequestContext): AuditChange[] {
    return takeFirst(e.auditChanges, first, ctx.pageLimits);
  }
}

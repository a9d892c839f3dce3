import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byDateDesc } from '../../shared/order';
import { REVISION_ARG } from '../../shared/revision';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from './contact-person.entity';
import { Stakeholder } from './stakeholder.entity';
import { ContactPersonFilter, CreateContactPersonInput, UpdateContactPersonInput } from './stakeholder.inputs';
import { StakeholderService } from './stakeholder.service';
import { isHidden } from '../../shared/visibility';

const ContactPersonConnection = Connection(ContactPerson, 'ContactPerson', 'contact person');

@Resolver(() => ContactPerson)
export class ContactPersonResolver {
  private readonly service = new StakeholderService();

  @Query(() => ContactPerson, { description: 'One contact person by id.' })
  contactPerson(@Arg('id', () => ID, { description: 'Contact person id.' }) id: string, @Ctx() ctx: RequestContext) {
    return findOrFail(ctx.em, ContactPerson, id);
  }

  @Query(() => ContactPersonConnection, { description: 'Contact persons, by name, filtered and paged.' })
  contactPersons(
    @Arg('filter', () => ContactPersonFilter, { nullable: true, description: 'Filters; all must match.' }) filter: ContactPersonFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.listContacts(ctx.em, filter, page, ctx.pageLimits);
  }

  @Mutation(() => ContactPerson, { description: 'Adds a contact person to a stakeholder.' })
  createContactPerson(@Arg('input', () => CreateContactPersonInput, { description: 'The new record.' }) input: CreateContactPersonInput, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.createContact(em, input));
  }

  @Mutation(() => ContactPerson, { description: 'Changes a contact person.' })
  updateContactPerson(
    @Arg('id', () => ID, { description: 'Contact person id.' }) id: string,
    @Arg('input', () => UpdateContactPersonInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateContactPersonInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateContact(em, id, input), { revisionOf: [ContactPerson, id, revision] });
  }

  @Mutation(() => ContactPerson, { description: 'Archives a contact person (or restores them).' })
  archiveContactPerson(
    @Arg('id', () => ID, { description: 'Contact person id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveContact(em, id, archived));
  }

  // Personal contact details may be withheld from the caller (User.contactDetailsHidden): then
  // they are null, wherever a contact person is reached (lists, reports, exports, nested fields).
  @FieldResolver()
  email(@Root() c: ContactPerson, @Ctx() ctx: RequestContext): string | null {
    return isHidden(ctx.em, ContactPerson, 'email') ? null : (c.email ?? null);
  }

  @FieldResolver()
  phone(@Root() c: ContactPerson, @Ctx() ctx: RequestContext): string | null {
    return isHidden(ctx.em, ContactPerson, 'phone') ? null : (c.phone ?? null);
  }

  @FieldResolver(() => Stakeholder, { description: 'The stakeholder this person is a contact at.' })
  stakeholder(@Root() c: ContactPerson, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(c, 'stakeholder');
  }

  @FieldResolver(() => [Interaction], { description: 'Interactions this person took part in, latest first.' })
  async interactions(@Root() c: ContactPerson, @FirstArg('interactions(filter: { contactPersonIds })') first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(c, 'interactions');
    return takeFirst(all.filter((i) => !i.archivedAt).sort(byDateDesc((i) => i.occurredOn)), first, ctx.pageLimits);
  }
}

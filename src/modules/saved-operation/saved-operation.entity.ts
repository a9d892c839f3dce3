import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { User } from '../access/user.entity';

@ObjectType({
  description:
    'A saved operation (opgeslagen selectie): a GraphQL query kept under a name of its own, with default variables, to run again and again — as a GraphiQL tab, with `runSavedOperation(name)` or as `GET /saved/<name>`. Shared ones are the register\'s (the example reports are seeded as shared ones); personal ones are seen and run by their owner only. Names are unique in the whole register, so that a name in a link means the same for everyone.',
})
@Entity()
export class SavedOperation extends BaseEntity {
  @Field({ description: 'Unique name: lower-case letters, digits and hyphens, e.g. `jaarverslag` (used in `GET /saved/<name>`).' })
  @Property({ length: 64, unique: true })
  name!: string;

  @Field({ description: 'Plain title for people, e.g. "Jaarverslag" (the GraphiQL tab\'s title).' })
  @Property({ length: 100 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the operation shows and when to use it.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field({ description: 'The GraphQL document: one query (never a mutation), checked against the schema when saved.' })
  @Property({ type: 'text' })
  document!: string;

  /** JSON text; exposed as `defaultVariables` (a JSON object) by the resolver. */
  @Property({ type: 'text', nullable: true })
  defaultVariablesJson?: string | null = null;

  @Field({ description: 'Shared with everyone who signs in (gedeeld), or personal to its owner (persoonlijk).' })
  @Property({ default: false })
  shared: boolean = false;

  @ManyToOne(() => User, { nullable: true, index: true })
  owner?: User | null = null;
}

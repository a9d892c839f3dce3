import { defaultFieldResolver, getNullableType, isListType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { QueryTooComplexError } from './errors';
import type { ListSizeExtension } from './query-limits';

/**
 * What one response may hold as it executes: every list a field returns adds its length, and
 * the request is stopped with QUERY_TOO_COMPLEX once the total passes MAX_RESPONSE_ITEMS. The
 * cost estimate refuses most large queries before they run; this catches what it missed, so
 * that no single request can exhaust the process's memory.
 */
export class ResponseBudget {
  items = 0;
  private exceeded = false;
  /** Items listed so far by fields that declare a `total` for the whole response. */
  private readonly byField = new Map<string, number>();

  constructor(readonly maxItems: number) {}

  /** Charges a list whose field may list at most `size.total` items in one response, all together. */
  addToField(count: number, size: ListSizeExtension, info: GraphQLResolveInfo): void {
    const key = `${info.parentType.name}.${info.fieldName}`;
    const listed = (this.byField.get(key) ?? 0) + count;
    this.byField.set(key, listed);
    if (listed > size.total!) {
      const narrow = size.narrow ? `; narrow it with \`${size.narrow}\`` : '';
      throw new QueryTooComplexError(`${key} would list more than ${size.total} items in one response, its maximum${narrow}.`);
    }
  }

  add(count: number, info: GraphQLResolveInfo): void {
    this.items += count;
    if (this.exceeded || this.items > this.maxItems) {
      this.exceeded = true;
      throw new QueryTooComplexError(
        `Response limit of ${this.maxItems} list items exceeded at ${info.parentType.name}.${info.fieldName} (MAX_RESPONSE_ITEMS); ask for smaller pages (first) or fewer nested lists.`,
      );
    }
  }
}

/** The context of a request that carries a budget (RequestContext does). */
interface Budgeted {
  responseBudget?: ResponseBudget;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

/**
 * Wraps the resolver of every list field in `schema`: the list's length is charged to the
 * request's budget, and a list longer than its declared `@ListSize` maximum is refused naming
 * the maximum (and the argument that narrows it). Only list fields are wrapped: scalars pay nothing.
 */
export function guardLists(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const declared = field.extensions?.listSize as ListSizeExtension | undefined;
      const check = (result: unknown, context: Budgeted, info: GraphQLResolveInfo) => {
        if (!Array.isArray(result)) return result;
        if (declared && result.length > declared.max) {
          const narrow = declared.narrow ? `; narrow it with \`${declared.narrow}\`` : '';
          throw new QueryTooComplexError(`${info.parentType.name}.${info.fieldName} would list ${result.length} items, more than its maximum of ${declared.max}${narrow}.`);
        }
        if (declared?.total !== undefined) context?.responseBudget?.addToField(result.length, declared, info);
        context?.responseBudget?.add(result.length, info);
        return result;
      };
      field.resolve = (source, args, context: Budgeted, info) => {
        const result = resolve(source, args, context, info);
        return isPromise(result) ? result.then((r) => check(r, context, info)) : check(result, context, info);
      };
    }
  }
}

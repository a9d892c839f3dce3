import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findOrFail } from '../../shared/crud';
import { badInput, ConflictError } from '../../shared/errors';
import { allOf, archiveWhere, containsText } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { CodeProvision } from './code-provision.entity';
import { CodeOrigin, GovernanceCode } from './governance-code.entity';
import type {
  CreateCodeProvisionInput,
  CreateGovernanceCodeInput,
  GovernanceCodeFilter,
  UpdateCodeProvisionInput,
  UpdateGovernanceCodeInput,
} from './governance.inputs';
import { GovernanceCodeSort } from './governance.inputs';
import { wouldCreateCycle } from './provision-tree';

const SORTS: Record<GovernanceCodeSort, Record<string, 'asc' | 'desc'>[]> = {
  TITLE_ASC: [{ title: 'asc' }, { id: 'asc' }],
  KEY_ASC: [{ key: 'asc' }, { id: 'asc' }],
};

const CODE_FIELDS = ['key', 'title', 'issuer', 'sector', 'version', 'effectiveFrom', 'sourceUrl', 'summary'] as const;
const PROVISION_FIELDS = ['reference', 'title', 'summary', 'position'] as const;

/** Catalogue codes are refreshed by `npm run catalogue:load` only; the API may archive them, nothing more. */
function assertUserCode(code: GovernanceCode, path: string, what: string): void {
  if (code.origin === CodeOrigin.CATALOGUE) {
    throw new ConflictError(
      `Governance code "${code.key}" comes from the shipped catalogue: ${what} through the API ` +
        '(npm run catalogue:load keeps it up to date). It can be archived when the organisation does not use it.',
      path,
    );
  }
}

export class GovernanceService {
  // ---- codes ----

  list(em: EntityManager, filter: GovernanceCodeFilter | null | undefined, sort: GovernanceCodeSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const where = () => allOf<GovernanceCode>(
      visibleWhere(em, GovernanceCode),
      archiveWhere(f.archived) as FilterQuery<GovernanceCode>,
      f.sectors && { sector: { $in: f.sectors } },
      f.origins && { origin: { $in: f.origins } },
      f.text ? containsText<GovernanceCode>(['title', 'key', 'issuer'], f.text) : null,
    );
    return paginate(em, GovernanceCode, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateGovernanceCodeInput): Promise<GovernanceCode> {
    await this.assertKeyFree(em, input.key);
    const code = new GovernanceCode();
    assignDefined(code, input, ['key', 'title', 'issuer', 'version', 'effectiveFrom', 'sourceUrl', 'summary']);
    if (input.sector) code.sector = input.sector;
    code.origin = CodeOrigin.USER;
    em.persist(code);
    return code;
  }

  async update(em: EntityManager, id: string, input: UpdateGovernanceCodeInput): Promise<GovernanceCode> {
    const code = await findOrFail(em, GovernanceCode, id);
    assertUserCode(code, 'id', 'it cannot be changed');
    if (input.key !== undefined && input.key !== code.key) await this.assertKeyFree(em, input.key);
    assignDefined(code, input, CODE_FIELDS);
    return code;
  }

  // Allowed for catalogue codes too: whether the organisation uses a code is its own choice,
  // and the catalogue load never touches archivedAt.
  archive(em: EntityManager, id: string, archived: boolean): Promise<GovernanceCode> {
    return archiveById(em, GovernanceCode, id, archived);
  }

  private async assertKeyFree(em: EntityManager, key: string): Promise<void> {
    if (await em.count(GovernanceCode, { key })) throw new ConflictError(keyTaken(key), 'input.key');
  }

  // ---- provisions ----

  async createProvision(em: EntityManager, input: CreateCodeProvisionInput): Promise<CodeProvision> {
    const code = await findOrFail(em, GovernanceCode, input.codeId, 'input.codeId');
    assertUserCode(code, 'input.codeId', 'provisions cannot be added to it');
    // One read of the whole tree answers the parent, uniqueness and position questions.
    const siblingsOf = await this.provisionsOf(em, code);
    const parent = input.parentId ? await this.parentInCode(em, code, siblingsOf, input.parentId) : null;
    assertReferenceFree(code, siblingsOf, input.reference, null);

    const provision = new CodeProvision();
    provision.code = code;
    provision.parent = parent;
    assignDefined(provision, input, ['reference', 'title', 'summary']);
    provision.position = input.position ?? nextPosition(siblingsOf, parent);
    em.persist(provision);
    return provision;
  }

  async updateProvision(em: EntityManager, id: string, input: UpdateCodeProvisionInput): Promise<CodeProvision> {
    const provision = await findOrFail(em, CodeProvision, id);
    const code = await findOrFail(em, GovernanceCode, provision.code.id);
    assertUserCode(code, 'id', 'its provisions cannot be changed');
    const all = await this.provisionsOf(em, code);

    const currentParentId = provision.parent?.id ?? null;
    if (input.parentId !== undefined && input.parentId !== currentParentId) {
      const parent = input.parentId ? await this.parentInCode(em, code, all, input.parentId) : null;
      if (parent && wouldCreateCycle(provision.id, parent.id, new Map(all.map((p) => [p.id, p.parent?.id ?? null])))) {
        throw badInput('input.parentId', 'a provision cannot be placed under itself or under one of its own descendants');
      }
      provision.parent = parent;
      if (input.position === undefined) provision.position = nextPosition(all.filter((p) => p !== provision), parent);
    }
    if (input.reference !== undefined && input.reference !== provision.reference) {
      assertReferenceFree(code, all, input.reference, provision);
    }
    assignDefined(provision, input, PROVISION_FIELDS);
    return provision;
  }

  // Allowed for catalogue provisions too, like archiving a code: not using a provision is the
  // organisation's choice, and the catalogue load leaves archivedAt alone.
  archiveProvision(em: EntityManager, id: string, archived: boolean): Promise<CodeProvision> {
    return archiveById(em, CodeProvision, id, archived);
  }

  private provisionsOf(em: EntityManager, code: GovernanceCode): Promise<CodeProvision[]> {
    return em.find(CodeProvision, { code });
  }

  /** The parent named by `input.parentId`: NOT_FOUND when there is none, BAD_USER_INPUT when it belongs to another code. */
  private async parentInCode(em: EntityManager, code: GovernanceCode, provisionsOfCode: CodeProvision[], parentId: string): Promise<CodeProvision> {
    const parent = provisionsOfCode.find((p) => p.id === parentId);
    if (parent) return parent;
    await findOrFail(em, CodeProvision, parentId, 'input.parentId');
    throw badInput('input.parentId', `the parent provision must belong to the same governance code ("${code.key}")`);
  }
}

function keyTaken(key: string): string {
  return `A governance code with key "${key}" already exists`;
}

function referenceTaken(code: GovernanceCode, reference: string): string {
  return `Governance code "${code.key}" already has a provision with reference "${reference}"`;
}

function assertReferenceFree(code: GovernanceCode, provisionsOfCode: CodeProvision[], reference: string, self: CodeProvision | null): void {
  if (provisionsOfCode.some((p) => p !== self && p.reference === reference)) {
    throw new ConflictError(referenceTaken(code, reference), 'input.reference');
  }
}

/** After the last of the siblings under `parent` (0 for the first). */
function nextPosition(provisionsOfCode: CodeProvision[], parent: CodeProvision | null): number {
  const siblings = provisionsOfCode.filter((p) => (p.parent?.id ?? null) === (parent?.id ?? null));
  return siblings.length ? Math.max(...siblings.map((p) => p.position)) + 1 : 0;
}

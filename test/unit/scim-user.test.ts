import { expect } from 'chai';
import { applyChange, parseFilter, parsePatch, parseUser, ScimError, SCIM_PATCH, SCIM_USER, type ScimAttributes } from '../../src/modules/provisioning/scim-user';

// The pure part of SCIM: filters, the two forms of PATCH Entra ID sends, and what a user's
// attributes become.

const current: ScimAttributes = { userName: 'anne@corporatie.example', externalId: 'oid-1', displayName: 'Anne de Boer', email: 'anne@corporatie.example', active: true };
const patch = (...Operations: unknown[]) => ({ schemas: [SCIM_PATCH], Operations });
const refusal = (run: () => unknown): ScimError => {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error('not refused');
};

describe('SCIM users (RFC 7643/7644, as Entra ID uses them)', () => {
  it('reads the filters Entra ID sends, and refuses any other', () => {
    expect(parseFilter(undefined)).to.equal(null);
    expect(parseFilter('userName eq "Anne@Corporatie.example"')).to.deep.equal({ attribute: 'userName', value: 'Anne@Corporatie.example' });
    expect(parseFilter('externalId  EQ  "a \\"quoted\\" id"')).to.deep.equal({ attribute: 'externalId', value: 'a "quoted" id' });
    expect(parseFilter('id eq "x"')).to.deep.equal({ attribute: 'id', value: 'x' });
    for (const bad of ['userName co "a"', 'displayName eq "a"', 'userName eq a', 'userName eq "a" and active eq true', ['x']]) {
      expect(refusal(() => parseFilter(bad)).scimType, JSON.stringify(bad)).to.equal('invalidFilter');
    }
  });

  it('applies PATCH with a path and with a value object, operation names in any case, booleans as strings', () => {
    expect(applyChange(current, parsePatch(patch({ op: 'Replace', path: 'active', value: 'False' })))).to.include({ active: false });
    expect(applyChange(current, parsePatch(patch({ op: 'replace', value: { active: 'True' } })))).to.include({ active: true });
    const many = parsePatch(
      patch(
        { op: 'replace', value: { displayName: 'Anne Visser', 'emails[type eq "work"].value': 'A.Visser@Corporatie.example', externalId: 'oid-2', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': '42' } },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:core:2.0:User:userName', value: 'a.visser@corporatie.example' },
      ),
    );
    expect(applyChange(current, many)).to.deep.equal({ userName: 'a.visser@corporatie.example', externalId: 'oid-2', displayName: 'Anne Visser', email: 'a.visser@corporatie.example', active: true });
    expect(applyChange(current, parsePatch(patch({ op: 'replace', path: 'emails', value: [{ type: 'home', value: 'a@home.example' }, { type: 'work', value: 'a@work.example' }] })))).to.include({ email: 'a@work.example' });
    expect(applyChange(current, parsePatch(patch({ op: 'replace', path: 'name', value: { givenName: 'Anne', familyName: 'Jansen' } })))).to.include({ displayName: 'Anne Jansen' });
    expect(applyChange(current, parsePatch(patch({ op: 'remove', path: 'externalId' })))).to.include({ externalId: null });
    // Attributes the register does not keep change nothing.
    expect(applyChange(current, parsePatch(patch({ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Utrecht' })))).to.deep.equal(current);
  });

  it('refuses PATCH bodies that are not PatchOps, unknown operations, bad values and removing what the register needs', () => {
    expect(refusal(() => parsePatch({ Operations: [] })).scimType).to.equal('invalidSyntax');
    expect(refusal(() => parsePatch(patch())).detail).to.match(/non-empty list/);
    expect(refusal(() => parsePatch(patch({ op: 'copy', path: 'active' }))).scimType).to.equal('invalidSyntax');
    expect(refusal(() => parsePatch(patch({ op: 'remove' }))).scimType).to.equal('noTarget');
    expect(refusal(() => parsePatch(patch({ op: 'replace', value: 'x' }))).scimType).to.equal('invalidValue');
    expect(refusal(() => parsePatch(patch({ op: 'replace', path: 'active', value: 1 }))).scimType).to.equal('invalidValue');
    expect(refusal(() => parsePatch(patch({ op: 'remove', path: 'active' }))).scimType).to.equal('mutability');
    expect(refusal(() => parsePatch(patch({ op: 'replace', path: 'displayName', value: 'a\u0000b' }))).detail).to.match(/control characters/);
  });

  it('reads a POSTed user: a name from displayName, name or userName; an e-mail address from emails or userName', () => {
    expect(parseUser({ schemas: [SCIM_USER], userName: 'Bram@Corporatie.example', name: { givenName: 'Bram', familyName: 'Smit' } })).to.deep.equal({
      userName: 'Bram@Corporatie.example',
      externalId: null,
      displayName: 'Bram Smit',
      email: 'bram@corporatie.example',
      active: true,
    });
    expect(parseUser({ schemas: [SCIM_USER], userName: 'bsmit', emails: [{ value: 'b@x.example', primary: true }], active: false })).to.include({ displayName: 'bsmit', email: 'b@x.example', active: false });
    expect(parseUser({ schemas: [SCIM_USER], userName: 'b@x.example' }, { ...current, active: false }).active, 'PUT without active keeps it').to.equal(false);
    expect(refusal(() => parseUser({ schemas: [SCIM_USER], userName: 'bsmit' })).detail).to.match(/needs an e-mail address/);
    expect(refusal(() => parseUser({ userName: 'b@x.example' })).scimType).to.equal('invalidSyntax');
    expect(refusal(() => parseUser([])).scimType).to.equal('invalidSyntax');
  });
});

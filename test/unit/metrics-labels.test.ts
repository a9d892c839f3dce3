import { expect } from 'chai';
import { parse, type OperationDefinitionNode } from 'graphql';
import { driverCode, INVALID, MAX_COMBINATIONS, operationLabeller, OTHER, rootFields } from '../../src/metrics';

// The label values of the GraphQL metrics are bounded: an operation is named by the schema's
// root fields it selects (never its aliases or the client's operation name), and the number of
// combinations of several root fields is capped.

function fields(source: string): string[] {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return rootFields(document, operation.selectionSet);
}

describe('metric labels', () => {
  it('names an operation by its root fields: not aliases, with fragments followed, sorted and once', () => {
    expect(fields('query AnyNameAtAll { x: stakeholders { totalCount } me { canWrite } y: stakeholders { totalCount } }')).to.deep.equal(['me', 'stakeholders']);
    expect(fields('{ ...A ... on Query { users { id } } } fragment A on Query { me { canWrite } ...B } fragment B on Query { me { canWrite } ...A }')).to.deep.equal(['me', 'users']);
  });

  it('joins at most three fields, and gives (other) once the combinations are used up', () => {
    const label = operationLabeller();
    expect(label([])).to.equal(INVALID);
    expect(label(['me'])).to.equal('me');
    expect(label(['a', 'b', 'c', 'd'])).to.equal('a,b,c,…');
    for (let i = 1; i < MAX_COMBINATIONS; i++) expect(label(['a', `f${i}`])).to.equal(`a,f${i}`);
    expect(label(['b', 'new'])).to.equal(OTHER);
    expect(label(['a', 'f1']), 'a combination seen before').to.equal('a,f1');
    expect(label(['stakeholders']), 'single fields are bounded by the schema').to.equal('stakeholders');
  });

  it('gives a driver error its code or class, never its message', () => {
    expect(driverCode(Object.assign(new Error('insert into … values (\'secret\')'), { code: 'SQLITE_CONSTRAINT' }))).to.equal('SQLITE_CONSTRAINT');
    expect(driverCode(Object.assign(new Error('duplicate key'), { code: '23505' }))).to.equal('23505');
    expect(driverCode(Object.assign(new Error('x'), { code: 'has spaces and "quotes"' }))).to.equal('Error');
    expect(driverCode(new TypeError('secret'))).to.equal('TypeError');
    expect(driverCode(undefined)).to.equal(OTHER);
  });
});
